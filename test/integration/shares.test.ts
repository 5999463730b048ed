import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { PDFDocument } from 'pdf-lib';
import { startTestApp, type TestApp } from '../support/app.ts';
import { startSmtpServer } from '../support/smtp.ts';
import { signUp } from '../support/accounts.ts';
import { jobs, persona, personas } from '../support/fixtures.ts';

const nurse = () => persona('icu-nurse-band6.json');
import { generateCv } from '../support/cv.ts';
import { findInDatabase } from '../support/pii-scan.ts';
import { extractPdfText } from '../../server/adapters/pdf/text-check.ts';
import { TestClient } from '../support/client.ts';

let app: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let owner: { client: TestClient; email: string; userId: string };
let cvId: string;

beforeAll(async () => {
  smtp = await startSmtpServer();
  app = await startTestApp({ TRUST_PROXY: 'true', SMTP_URL: smtp.url });
  const resume = personas().find((p) => p.file === 'icu-nurse-band6.json')!.resume;
  owner = await signUp(app, { name: resume.basics.name });
  await owner.client.post('/api/import/json-resume', resume);
  const cv = await generateCv(owner.client, jobs().find((j) => j.file === 'critical-care-outreach-band6.txt')!.text);
  expect(cv.pdf).not.toBeNull();
  cvId = cv.id;
});
afterAll(async () => {
  await app?.close();
  await smtp?.close();
});

/** A recruiter: a plain HTTP client with its own cookie jar and no account. */
const recruiter = () => app.client();
const pathOf = (url: string) => new URL(url).pathname;
const share = (body: Record<string, unknown>) =>
  owner.client.post(`/api/cvs/${cvId}/shares`, { recipientEmail: 'recruiter@agency.example', recipientName: 'Rae Recruiter', expiresInHours: 24, ...body });
const form = (client: TestClient, path: string, fields: Record<string, string>) =>
  fetch(app.url(path), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: client.cookieHeader(), 'x-forwarded-for': client.ip ?? '' },
    body: new URLSearchParams(fields).toString(),
  });

describe('sharing a CV with a recruiter', () => {
  it('emails a single-recipient link; the passcode unlocks a watermarked PDF; every view is logged', async () => {
    const created = await share({ passcode: 'ward-7-blue', maxViews: 2, message: 'As discussed on the phone.' });
    expect(created.status).toBe(201);
    expect(created.body.emailSent).toBe(true);
    const mail = await smtp.waitForEmail('recruiter@agency.example', /shared their CV/);
    expect(mail.text).toContain(created.body.url);
    expect(mail.text).toContain('passcode');
    const token = pathOf(created.body.url).split('/').pop()!;
    expect(await findInDatabase(app.server.platform.database.db, [token, 'ward-7-blue'])).toEqual([]);

    const r = recruiter();
    const locked = await fetch(app.url(pathOf(created.body.url)));
    expect(locked.status).toBe(200);
    expect(await locked.text()).toContain('protected this link with a passcode');
    expect((await fetch(app.url(`${pathOf(created.body.url)}/pdf`), { redirect: 'manual' })).status).toBe(303);
    expect((await form(r, pathOf(created.body.url), { passcode: 'wrong-one' })).status).toBe(401);
    const unlocked = await form(r, pathOf(created.body.url), { passcode: 'ward-7-blue' });
    expect(unlocked.status).toBe(303);
    const cookie = unlocked.headers.getSetCookie()[0]!.split(';')[0]!;
    const landing = await fetch(app.url(pathOf(created.body.url)), { headers: { cookie } });
    expect(await landing.text()).toContain(`CV of ${nurse().basics.name}`);

    // A link checker's HEAD uses up nothing.
    expect((await fetch(app.url(`${pathOf(created.body.url)}/pdf`), { method: 'HEAD', headers: { cookie } })).status).toBe(200);
    const pdf = await fetch(app.url(`${pathOf(created.body.url)}/pdf`), { headers: { cookie } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const pdfBytes = Buffer.from(await pdf.arrayBuffer());
    const text = (await extractPdfText(pdfBytes)).text;
    // The recruiter's copy names Medfolio as its maker, not the browser or the PDF library.
    const meta = await PDFDocument.load(pdfBytes, { updateMetadata: false });
    expect({ creator: meta.getCreator(), producer: meta.getProducer() }).toEqual({ creator: 'Medfolio', producer: 'Medfolio' });
    for (const leak of ['HeadlessChrome', 'Skia', 'pdf-lib']) expect(pdfBytes.toString('latin1')).not.toContain(leak);
    expect(text).toContain('Shared with Rae Recruiter on');
    expect(text).toContain('via Medfolio');
    expect(text).toContain(nurse().basics.name);

    await smtp.waitForEmail(owner.email, /Your CV has been viewed/);
    const listed = (await owner.client.get('/api/shares')).body.shares.find((s: { id: string }) => s.id === created.body.id);
    expect(listed).toMatchObject({ status: 'active', viewCount: 1, hasPasscode: true });
    expect(listed.views.map((v: { kind: string }) => v.kind)).toEqual(['page', 'pdf']);
    expect(listed.views[0].ipPrefix).toMatch(/\.0\/24$/);
    const audit = (await owner.client.get('/api/audit?limit=50')).body.events;
    expect(audit.find((e: { action: string }) => e.action === 'share.viewed')).toMatchObject({ actor: { type: 'recruiter' } });

    // Two views allowed: the second works, the third is refused with 410.
    expect((await fetch(app.url(`${pathOf(created.body.url)}/pdf`), { headers: { cookie } })).status).toBe(200);
    const exhausted = await fetch(app.url(`${pathOf(created.body.url)}/pdf`), { headers: { cookie } });
    expect(exhausted.status).toBe(410);
    expect(await exhausted.text()).toContain('used as many times as it allows');
  });

  it('five wrong passcodes hold back only the network that typed them: the recruiter with the passcode gets in', async () => {
    const created = await share({ passcode: 'a-long-passcode' });
    const path = pathOf(created.body.url);
    const attacker = () => new TestClient(app.server.url, app.config.appOrigin, '10.240.0.66');
    for (let i = 0; i < 5; i++) expect((await form(attacker(), path, { passcode: `guess-${i}` })).status).toBe(401);
    const blocked = await form(attacker(), path, { passcode: 'a-long-passcode' });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await blocked.text()).toContain('Too many wrong passcodes from your network. Try again in 15 minutes.');
    const recruiterGetsIn = await form(recruiter(), path, { passcode: 'a-long-passcode' });
    expect(recruiterGetsIn.status).toBe(303);
  });

  it('pauses a link after fifty wrong passcodes from anywhere, telling the clinician; a recruiter already in stays in', async () => {
    const created = await share({ passcode: 'another-passcode' });
    const path = pathOf(created.body.url);
    const inside = recruiter();
    const unlocked = await form(inside, path, { passcode: 'another-passcode' });
    expect(unlocked.status).toBe(303);
    const cookie = unlocked.headers.getSetCookie()[0]!.split(';')[0]!;
    // Every try counts towards the ceiling, the recruiter's right one too: 1 + 49 = 50.
    for (let i = 0; i < 49; i++) expect((await form(recruiter(), path, { passcode: `botnet-${i}` })).status).toBe(401);
    const paused = await form(recruiter(), path, { passcode: 'another-passcode' });
    expect(paused.status).toBe(429);
    expect(paused.headers.get('retry-after')).toBe('3600');
    expect(await paused.text()).toContain('paused. Try again in 1 hour.');
    expect((await fetch(app.url(path), { headers: { cookie } })).status).toBe(200);
    const timeline = (await owner.client.get('/api/audit?limit=100')).body.events;
    expect(timeline.find((e: { action: string; subject: { id: string } }) => e.action === 'share.paused' && e.subject.id === created.body.id)).toMatchObject({ details: { pausedForSeconds: 3600 } });
  }, 60_000);

  it('answers 410 once a link is revoked or expired, and nothing else', async () => {
    const revoked = await share({});
    expect((await fetch(app.url(pathOf(revoked.body.url)))).status).toBe(200);
    expect((await owner.client.delete(`/api/shares/${revoked.body.id}`)).status).toBe(204);
    const gone = await fetch(app.url(pathOf(revoked.body.url)));
    expect(gone.status).toBe(410);
    const body = await gone.text();
    expect(body).toContain('withdrawn');
    expect(body).not.toContain(nurse().basics.name.split(' ')[0]);
    expect((await fetch(app.url(`${pathOf(revoked.body.url)}/pdf`))).status).toBe(410);

    const expiring = await share({ expiresInHours: 1 });
    await sql`UPDATE share_links SET expires_at = now() - interval '1 minute' WHERE id = ${expiring.body.id}`.execute(app.server.platform.database.db);
    const expired = await fetch(app.url(pathOf(expiring.body.url)));
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('expired');
    expect((await fetch(app.url('/s/not-a-real-token'))).status).toBe(410);
  });

  it('caps active links at the plan limit and validates the request', async () => {
    const { client } = await signUp(app);
    expect((await client.post(`/api/cvs/${cvId}/shares`, { recipientEmail: 'x@example.org', expiresInHours: 1 })).status).toBe(404);
    const bad = await share({ expiresInHours: 721, recipientEmail: 'nope' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(['body.expiresInHours', 'body.recipientEmail']);
    // Free plan: 3 active links. Earlier tests left some active; fill up to the cap.
    let status = 201;
    for (let i = 0; i < 5 && status === 201; i++) status = (await share({ recipientEmail: `r${i}@agency.example` })).status;
    expect(status).toBe(429);
    const over = await share({});
    expect(over.body.error).toMatchObject({ code: 'QUOTA_EXCEEDED', details: { limit: 3, usage: 3 } });
  });

  it('cannot be raced past the cap by parallel requests', async () => {
    const resume = personas().find((p) => p.file === 'locum-gp.json')!.resume;
    const other = await signUp(app, { name: resume.basics.name });
    await other.client.post('/api/import/json-resume', resume);
    const cv = await generateCv(other.client, jobs().find((j) => j.file === 'salaried-gp.txt')!.text);
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => other.client.post(`/api/cvs/${cv.id}/shares`, { recipientEmail: `p${i}@agency.example`, expiresInHours: 2 })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(3);
    expect(results.filter((r) => r.status === 429)).toHaveLength(3);
  });
});
