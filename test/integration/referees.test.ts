import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../support/app.ts';
import { startSmtpServer } from '../support/smtp.ts';
import { signUp } from '../support/accounts.ts';
import type { TestClient } from '../support/client.ts';

/** Referee trust: who a referee is, what their address says, and that they are not the clinician. */
let app: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
beforeAll(async () => {
  smtp = await startSmtpServer();
  app = await startTestApp({ TRUST_PROXY: 'true', SMTP_URL: smtp.url });
});
afterAll(async () => {
  await app?.close();
  await smtp?.close();
});

async function verifierLink(to: string) {
  const mail = await smtp.waitForEmail(to, /confirm a post|approve a shift/);
  smtp.received.splice(smtp.received.indexOf(mail), 1);
  return new URL(mail.text.match(/https?:\/\/\S+\/verify\/[A-Za-z0-9_-]{43}/)![0]).pathname;
}
const form = (path: string, fields: Record<string, string>, cookie?: string) =>
  fetch(app.url(path), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) }, body: new URLSearchParams(fields).toString() });

const JO = { name: 'Jo Matron', role: 'Matron, Critical Care', organisation: 'Severnside NHS Foundation Trust', declaration: 'yes' };

async function postWithRequest(client: TestClient, verifierEmail: string) {
  const post = await client.post('/api/posts', { employer: 'Severnside NHS Foundation Trust', title: 'Charge Nurse, Adult ICU', grade: 'Band 6', contract: 'substantive', startDate: '2022-04-01' });
  const req = await client.post('/api/verifications', { subjectType: 'post', subjectId: post.body.id, verifierName: 'Jo Matron', verifierEmail, relationship: 'Line manager' });
  expect(req.status).toBe(201);
  return { post: post.body, request: req.body, link: await verifierLink(verifierEmail) };
}

describe('referees', () => {
  it('refuses the clinician as their own referee or supervisor', async () => {
    const { client, email } = await signUp(app, { name: 'Dr Aisha Rahman', email: `aisha.rahman.${Date.now()}@example.org` });
    const post = await client.post('/api/posts', { employer: 'Northgate University Hospitals', title: 'Registrar', contract: 'substantive', startDate: '2022-08-03' });
    const own = await client.post('/api/verifications', { subjectType: 'post', subjectId: post.body.id, verifierName: 'Anyone', verifierEmail: email.toUpperCase(), relationship: 'Supervisor' });
    expect(own.status).toBe(422);
    expect(own.body.error.details.issues).toEqual([{ path: 'body.verifierEmail', message: "Referee's email address is your own address: ask someone else who can confirm this" }]);
    const local = email.split('@')[0]!;
    const elsewhere = await client.post('/api/verifications', {
      subjectType: 'post',
      subjectId: post.body.id,
      verifierName: 'Aisha Rahman',
      verifierEmail: `${local}@gmail.com`,
      relationship: 'Supervisor',
    });
    expect(elsewhere.status).toBe(422);

    const shift = await client.post('/api/timecards', { employer: 'Northgate ED', role: 'Registrar', start: '2026-10-03T08:00:00+01:00', end: '2026-10-03T18:00:00+01:00' });
    const submitted = await client.post(`/api/timecards/${shift.body.id}/submit`, { supervisorName: 'Me', supervisorEmail: email });
    expect(submitted.status).toBe(422);
    expect(submitted.body.error.details.issues[0].path).toBe('body.supervisorEmail');
    // Nothing was left half-done: the shift is still open.
    expect((await client.get(`/api/timecards/${shift.body.id}`)).body.status).toBe('open');
    expect((await client.get('/api/verifications')).body.verifications).toEqual([]);
  });

  it('records who the referee is, checks their number, and shows the clinician who confirmed what', async () => {
    const { client } = await signUp(app, { name: 'Tomasz Nowak' });
    await client.post('/api/registrations', { body: 'NMC', number: '12A3456B' });
    const { post, request, link } = await postWithRequest(client, 'jo.matron@severnside.nhs.uk');
    expect(request.emailLabel).toBe('work email at the employer (severnside.nhs.uk)');

    const page = await (await fetch(app.url(link))).text();
    expect(page).toContain('Your job title or role');
    expect(page).toContain('value="Jo Matron"');

    const empty = await form(link, { decision: 'confirm', name: '', comment: 'Kept as typed' });
    expect(empty.status).toBe(422);
    const emptyPage = await empty.text();
    for (const message of ['Enter your full name', 'Enter your job title or role', 'Enter the organisation you work for', 'Tick the declaration to send your answer'])
      expect(emptyPage).toContain(message);
    expect(emptyPage).toContain('Kept as typed');

    const badNumber = await form(link, { ...JO, decision: 'confirm', registrationBody: 'NMC', registrationNumber: '1234' });
    expect(badNumber.status).toBe(422);
    expect(await badNumber.text()).toContain('An NMC PIN is 2 digits, a letter, 4 digits and a letter');
    const theirs = await form(link, { ...JO, decision: 'confirm', registrationBody: 'NMC', registrationNumber: '12a 3456b' });
    expect(theirs.status).toBe(422);
    expect(await theirs.text()).toContain('own number: a referee must be someone else');
    const asClinician = await form(link, { ...JO, name: 'Tomasz Nowak', decision: 'confirm' });
    expect(asClinician.status).toBe(422);
    expect(await asClinician.text()).toContain('cannot confirm their own record');

    const confirmed = await form(link, { ...JO, decision: 'confirm', registrationBody: 'NMC', registrationNumber: '09c 1234e' });
    expect(confirmed.status).toBe(200);
    expect((await client.get(`/api/posts/${post.id}`)).body.evidence).toBe('verifier-confirmed');
    const listed = (await client.get(`/api/verifications/${request.id}`)).body;
    expect(listed).toMatchObject({
      status: 'confirmed',
      emailLabel: 'work email at the employer (severnside.nhs.uk)',
      confirmedBy: { name: 'Jo Matron', role: 'Matron, Critical Care', organisation: 'Severnside NHS Foundation Trust', registration: { body: 'NMC', number: '09C1234E' } },
    });
    expect(new Date(listed.confirmedBy.declaredAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    const audit = (await client.get('/api/audit?limit=20')).body.events.find((e: { action: string }) => e.action === 'verification.confirmed');
    expect(audit.details).toMatchObject({ verifierName: 'Jo Matron', role: 'Matron, Critical Care' });

    // Used once: the link is gone.
    expect((await fetch(app.url(link))).status).toBe(410);
    expect((await form(link, { ...JO, decision: 'confirm' })).status).toBe(410);
  });

  it('labels a personal mailbox and answers an expired link with its reason', async () => {
    const { client } = await signUp(app);
    const { request, link } = await postWithRequest(client, 'jo.matron.personal@gmail.com');
    expect(request.emailLabel).toBe('personal email');
    await sql`UPDATE verifications SET expires_at = now() - interval '1 minute' WHERE id = ${request.id}`.execute(app.server.platform.database.db);
    const expired = await fetch(app.url(link));
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('expired');
  });

  it('shows the clinician who opens their own referee link a page saying it is not for them', async () => {
    const { client } = await signUp(app);
    const { post, link } = await postWithRequest(client, 'ward.manager@nhs.net');
    const opened = await fetch(app.url(link), { headers: { cookie: client.cookieHeader() } });
    expect(opened.status).toBe(403);
    expect(await opened.text()).toContain('This link is for the person you asked');
    const answered = await form(link, { ...JO, decision: 'confirm' }, client.cookieHeader());
    expect(answered.status).toBe(403);
    expect((await client.get(`/api/posts/${post.id}`)).body.evidence).toBe('self-declared');
    // The referee can still answer.
    expect((await form(link, { ...JO, decision: 'confirm' })).status).toBe(200);
  });
});
