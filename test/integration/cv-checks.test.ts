import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { compactVerify, createLocalJWKSet } from 'jose';
import { startTestApp, type TestApp } from '../support/app.ts';
import { startSmtpServer } from '../support/smtp.ts';
import { signUp } from '../support/accounts.ts';
import { jobs, persona } from '../support/fixtures.ts';
import { generateCv } from '../support/cv.ts';
import { pdfWith, tinyPng, uploadDocument } from '../support/files.ts';
import { waitFor } from '../support/wait.ts';
import type { TestClient } from '../support/client.ts';
import { extractPdfText } from '../../server/adapters/pdf/text-check.ts';
import { createInstanceKeys } from '../../server/domains/trust/keys.ts';

/**
 * Evidence a recruiter can see and check: the marks on the PDF and the share page, the signed
 * manifest, the public check (upload or code), withdrawal, and the CLI. Real Chromium, real SMTP.
 */
const run = promisify(execFile);
let app: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let owner: { client: TestClient; email: string; userId: string };
let cv: { id: string };
let pdf: Buffer;
const nurse = persona('icu-nurse-band6.json');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'medfolio-check-'));

const form = (p: string, fields: Record<string, string>) =>
  fetch(app.url(p), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
async function verifierLink(to: string) {
  const mail = await smtp.waitForEmail(to, /confirm a post|approve a shift/);
  smtp.received.splice(smtp.received.indexOf(mail), 1);
  return new URL(mail.text.match(/https?:\/\/\S+\/verify\/[A-Za-z0-9_-]{43}/)![0]).pathname;
}
/** A stranger (no cookies, no CSRF token, another network) checking a file. */
const checkFile = async (data: Buffer, ip = '192.0.2.10') => {
  const body = new FormData();
  body.append('file', new Blob([new Uint8Array(data)]), 'cv.pdf');
  const res = await fetch(app.url('/api/check-cv'), { method: 'POST', body, headers: { 'x-forwarded-for': ip } });
  return { status: res.status, headers: res.headers, body: await res.json() };
};
const checkCode = async (code: string, ip = '192.0.2.11') => {
  const res = await fetch(app.url(`/api/check-cv/${encodeURIComponent(code)}`), { headers: { 'x-forwarded-for': ip } });
  return { status: res.status, headers: res.headers, body: await res.json() };
};
const codeIn = (text: string) => text.replace(/\s+/g, '').match(/Checkcode:([0-9A-Z]{7}-[0-9A-Z]{7}-[0-9A-Z]{7})/)![1]!;
const downloadPdf = async (client: TestClient, cvId: string) => {
  const res = await fetch(app.url(`/api/cvs/${cvId}/pdf`), { headers: { cookie: client.cookieHeader() } });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
};

beforeAll(async () => {
  smtp = await startSmtpServer();
  app = await startTestApp({ TRUST_PROXY: 'true', SMTP_URL: smtp.url });
  owner = await signUp(app, { name: nurse.basics.name });
  await owner.client.post('/api/import/json-resume', nurse);
  // A referee at the employer confirms the current post.
  const post = (await owner.client.get('/api/posts')).body.items.find((p: { title: string }) => p.title === 'Senior Staff Nurse, General Intensive Care Unit');
  await owner.client.post('/api/verifications', { subjectType: 'post', subjectId: post.id, verifierName: 'Grace Okoro', verifierEmail: 'grace.okoro@cliftonvale.nhs.uk', relationship: 'Matron' });
  const link = await verifierLink('grace.okoro@cliftonvale.nhs.uk');
  expect((await form(link, { name: 'Grace Okoro', role: 'Matron, Critical Care', organisation: 'Clifton Vale NHS Foundation Trust', declaration: 'yes', decision: 'confirm' })).status).toBe(200);
  // The NMC registration is backed by a document.
  const registration = (await owner.client.get('/api/registrations')).body.items[0];
  expect((await uploadDocument(app, owner.client, pdfWith('NMC registration confirmation'), 'nmc.pdf', { type: 'registration', recordType: 'registration', recordId: registration.id })).status).toBe(
    201,
  );
  // A shift approved by its supervisor.
  const shift = await owner.client.post('/api/timecards', {
    employer: 'Clifton Vale NHS Foundation Trust',
    role: 'Bank Staff Nurse, ICU',
    start: '2026-10-03T07:30:00+01:00',
    end: '2026-10-03T20:00:00+01:00',
    breakMinutes: 60,
  });
  await owner.client.post(`/api/timecards/${shift.body.id}/submit`, { supervisorName: 'Sam Charge', supervisorEmail: 'sam.charge@cliftonvale.nhs.uk' });
  const shiftLink = await verifierLink('sam.charge@cliftonvale.nhs.uk');
  expect((await form(shiftLink, { name: 'Sam Charge', role: 'Nurse in charge, ICU', organisation: 'Clifton Vale NHS Foundation Trust', declaration: 'yes', decision: 'confirm' })).status).toBe(200);

  const done = await generateCv(owner.client, jobs().find((j) => j.file === 'critical-care-outreach-band6.txt')!.text);
  expect(done.status).toBe('done');
  cv = done;
  pdf = await downloadPdf(owner.client, cv.id);
}, 180_000);
afterAll(async () => {
  await app?.close();
  await smtp?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('evidence on the CV', () => {
  it("prints each entry's evidence in the PDF's text layer, with a legend and the check code, and no referee name unless chosen", async () => {
    const text = (await extractPdfText(pdf)).text.replace(/\s+/g, ' ');
    expect(text).toMatch(/Confirmed by Matron, Critical Care, Clifton Vale NHS Foundation Trust on \d{1,2} [A-Z][a-z]+ 20\d\d \(from the employer's email domain\)/);
    expect(text).toContain('Document on file');
    expect(text).toContain('Approved by shift supervisor: 1 shift, on 3 October 2026');
    expect(text).toContain('Entries without a mark are the clinician');
    expect(text).toContain(`Check this CV at ${app.config.appOrigin}/check?code=`);
    expect(text).not.toContain('Grace Okoro');
    const detail = (await owner.client.get(`/api/cvs/${cv.id}`)).body;
    expect(detail.showRefereeNames).toBe(false);
    expect(detail.check.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          title: 'Senior Staff Nurse, General Intensive Care Unit',
          evidence: { level: 'verifier-confirmed', text: expect.stringMatching(/^Confirmed by Matron, Critical Care/) },
        }),
        expect.objectContaining({ evidence: { level: 'document-backed', text: 'Document on file' } }),
        expect.objectContaining({ evidence: { level: 'supervisor-approved', text: 'Approved by shift supervisor: 1 shift, on 3 October 2026' } }),
        expect.objectContaining({ evidence: { level: 'self-declared', text: null } }),
      ]),
    );
  });
});

describe('the public CV check', () => {
  it('accepts the issued PDF from anyone, and says what it holds', async () => {
    const res = await checkFile(pdf);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ authentic: true, holder: { name: nurse.basics.name }, withdrawn: false, copy: 'original' });
    expect(res.body.reason).toBeUndefined();
    expect(res.body.items.find((i: { title: string }) => i.title === 'Senior Staff Nurse, General Intensive Care Unit').evidence.text).toMatch(/^Confirmed by Matron/);
    // Nothing beyond what the PDF shows: no contact details, no record ids.
    expect(JSON.stringify(res.body)).not.toContain(owner.email);
    expect(JSON.stringify(res.body)).not.toContain(owner.userId);
    // The manifest's signature checks against the published keys with jose.
    const jwks = createLocalJWKSet(await (await fetch(app.url('/.well-known/jwks.json'))).json());
    const verified = await compactVerify(res.body.signature, jwks);
    expect(JSON.parse(new TextDecoder().decode(verified.payload))).toMatchObject({ type: 'MedfolioCvManifest', holder: { name: nurse.basics.name } });
  });

  it('rejects a one-byte change with a reason, and still shows what the issued CV says to compare', async () => {
    const producer = pdf.indexOf('/Producer');
    expect(producer).toBeGreaterThan(0);
    const altered = Buffer.from(pdf);
    altered[producer + 12] = altered[producer + 12]! ^ 0x01;
    const res = await checkFile(altered);
    expect(res.status).toBe(422);
    expect(res.body.authentic).toBe(false);
    expect(res.body.reason).toContain('has been changed since Medfolio issued it');
    expect(res.body.holder).toEqual({ name: nurse.basics.name });
    expect(res.body.items.length).toBeGreaterThan(0);

    // A change anywhere else in the file (here, inside compressed page content) is caught too.
    const middle = Buffer.from(pdf);
    middle[Math.floor(pdf.length / 2)] = middle[Math.floor(pdf.length / 2)]! ^ 0xff;
    const inside = await checkFile(middle);
    expect(inside.status).toBe(422);
    expect(inside.body.authentic).toBe(false);
    expect(inside.body.reason).toBeTruthy();
  });

  it('answers garbage with a clear 4xx, never a 500', async () => {
    const png = await checkFile(tinyPng());
    expect(png.status).toBe(415);
    const text = await checkFile(Buffer.from('just some text, not a CV'));
    expect(text.status).toBe(415);
    const truncated = await checkFile(pdf.subarray(0, Math.floor(pdf.length / 3)));
    expect(truncated.status).toBe(422);
    expect(truncated.body).toMatchObject({ authentic: false });
    const foreign = await checkFile(pdfWith('A CV made in a word processor'));
    expect(foreign.status).toBe(422);
    expect(foreign.body.reason).toContain('No Medfolio check code');
    const forged = await checkFile(pdfWith('Check code: ABCDEFG-HJKMNPQ-RSTVWXY'));
    expect(forged.status).toBe(422);
    expect(forged.body.reason).toContain('not one Medfolio issued');
    const huge = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(50 * 1024 * 1024, 0x20)]);
    const tooBig = await fetch(app.url('/api/check-cv'), {
      method: 'POST',
      body: (() => {
        const f = new FormData();
        f.append('file', new Blob([new Uint8Array(huge)]), 'big.pdf');
        return f;
      })(),
      headers: { 'x-forwarded-for': '192.0.2.12' },
    });
    expect(tooBig.status).toBe(413);
    const noFile = await fetch(app.url('/api/check-cv'), { method: 'POST', body: new FormData(), headers: { 'x-forwarded-for': '192.0.2.12' } });
    expect(noFile.status).toBe(422);
    const json = await fetch(app.url('/api/check-cv'), { method: 'POST', body: '{}', headers: { 'content-type': 'application/json', 'x-forwarded-for': '192.0.2.12' } });
    expect(json.status).toBe(415);
  });

  it('looks a CV up by its printed code, however it is typed; an unknown code is a 404', async () => {
    const code = codeIn((await extractPdfText(pdf)).text);
    const exact = await checkCode(code);
    expect(exact.status).toBe(200);
    expect(exact.body).toMatchObject({ authentic: true, code, holder: { name: nurse.basics.name }, withdrawn: false });
    expect((await checkCode(code.toLowerCase().replace(/-/g, ' '))).body.code).toBe(code);
    expect((await checkCode('ABCDEFG-HJKMNPQ-RSTVWXY')).status).toBe(404);
    expect((await checkCode('not-a-code')).status).toBe(404);
    // The code is stored only as a hash.
    const rows = await sql<{ n: number }>`SELECT count(*)::int AS n FROM cv_checks WHERE code_hash LIKE ${`%${code.replace(/-/g, '')}%`} OR signature LIKE ${`%${code}%`}`.execute(
      app.server.platform.database.db,
    );
    expect(rows.rows[0]!.n).toBe(0);
  });

  it('limits guesses per network (429 with Retry-After)', async () => {
    for (let i = 0; i < 60; i++) expect((await checkCode('ABCDEFG-HJKMNPQ-RSTVWXY', '198.51.100.7')).status).toBe(404);
    const blocked = await checkCode('ABCDEFG-HJKMNPQ-RSTVWXY', '198.51.100.7');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('recognises a share link’s watermarked copy as genuine, and shows the evidence on the recruiter’s page', async () => {
    const created = await owner.client.post(`/api/cvs/${cv.id}/shares`, { recipientEmail: 'rae@agency.example', recipientName: 'Rae Recruiter', expiresInHours: 24 });
    expect(created.status).toBe(201);
    const sharePath = new URL(created.body.url).pathname;
    const page = await (await fetch(app.url(sharePath))).text();
    expect(page).toContain('What the CV says, and the evidence behind it');
    expect(page).toMatch(/Confirmed by Matron, Critical Care, Clifton Vale NHS Foundation Trust on/);
    expect(page).toContain('Document on file');
    expect(page).toContain('Approved by shift supervisor');
    expect(page).not.toContain('Grace Okoro');
    const first = Buffer.from(await (await fetch(app.url(`${sharePath}/pdf`))).arrayBuffer());
    const second = Buffer.from(await (await fetch(app.url(`${sharePath}/pdf`))).arrayBuffer());
    expect(first.equals(second)).toBe(true);
    expect(first.equals(pdf)).toBe(false);
    expect((await extractPdfText(first)).text).toContain('Shared with Rae Recruiter');
    const res = await checkFile(first);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ authentic: true, copy: 'shared-copy', holder: { name: nurse.basics.name } });
    const copies = await sql<{ n: number }>`SELECT count(*)::int AS n FROM cv_check_copies WHERE share_id = ${created.body.id}`.execute(app.server.platform.database.db);
    expect(copies.rows[0]!.n).toBe(1);
    // A changed byte in the stamped copy is caught as well.
    const altered = Buffer.from(first);
    altered[altered.length - 20] = altered[altered.length - 20]! ^ 0x01;
    expect((await checkFile(altered)).body.authentic).toBe(false);
  });

  it('checks from the command line: exit 0 for the issued PDF, 1 for a changed one', async () => {
    const good = path.join(tmp, 'cv.pdf');
    fs.writeFileSync(good, pdf);
    const root = path.resolve(import.meta.dirname, '../..');
    const ok = await run(process.execPath, ['bin/medfolio.js', 'check-cv', good, '--server', app.server.url], { cwd: root, env: { PATH: process.env.PATH ?? '' } });
    expect(JSON.parse(ok.stdout)).toMatchObject({ authentic: true, holder: { name: nurse.basics.name } });
    const bad = path.join(tmp, 'changed.pdf');
    const altered = Buffer.from(pdf);
    altered[pdf.indexOf('/Producer') + 12] = altered[pdf.indexOf('/Producer') + 12]! ^ 0x01;
    fs.writeFileSync(bad, altered);
    await expect(run(process.execPath, ['bin/medfolio.js', 'check-cv', bad, '--server', app.server.url], { cwd: root, env: { PATH: process.env.PATH ?? '' } })).rejects.toMatchObject({
      code: 1,
      stdout: expect.stringContaining('"authentic": false'),
    });
  }, 60_000);
});

describe('the clinician’s choices', () => {
  it("prints referees' names only when chosen, in a new PDF with its own code; the old one stays genuine", async () => {
    const changed = await owner.client.patch(`/api/cvs/${cv.id}`, { showRefereeNames: true });
    expect(changed.status).toBe(200);
    expect(changed.body.showRefereeNames).toBe(true);
    const rerendered = await waitFor(
      're-rendered',
      async () => {
        const res = await owner.client.get(`/api/cvs/${cv.id}`);
        return res.body.status === 'done' && res.body.check?.items.some((i: { evidence: { text: string | null } }) => i.evidence.text?.includes('Grace Okoro')) ? res.body : undefined;
      },
      60_000,
    );
    expect(rerendered.showRefereeNames).toBe(true);
    const named = await downloadPdf(owner.client, cv.id);
    expect((await extractPdfText(named)).text.replace(/\s+/g, ' ')).toContain('Confirmed by Grace Okoro, Matron, Critical Care, Clifton Vale NHS Foundation Trust');
    expect(codeIn((await extractPdfText(named)).text)).not.toBe(codeIn((await extractPdfText(pdf)).text));
    expect((await checkFile(named)).body.authentic).toBe(true);
    expect((await checkFile(pdf)).body.authentic).toBe(true);
    expect((await owner.client.patch(`/api/cvs/${cv.id}`, { showRefereeNames: 'yes' })).status).toBe(422);
  }, 90_000);

  it('withdraws a CV: its check says so', async () => {
    const current = await downloadPdf(owner.client, cv.id);
    expect((await owner.client.post(`/api/cvs/${cv.id}/withdraw`)).status).toBe(204);
    const res = await checkFile(current);
    expect(res.body).toMatchObject({ authentic: true, withdrawn: true });
    expect(res.body.withdrawnAt).toBeTruthy();
    expect((await owner.client.post(`/api/cvs/${cv.id}/withdraw`)).status).toBe(409);
    const other = await signUp(app);
    expect((await other.client.post(`/api/cvs/${cv.id}/withdraw`)).status).toBe(404);
    const audit = (await owner.client.get('/api/audit?limit=50')).body.events.map((e: { action: string }) => e.action);
    expect(audit).toContain('cv.withdrawn');
  });

  it('keeps what a rotated key signed checkable', async () => {
    const keys = createInstanceKeys({ db: app.server.platform.database.db, secretBox: app.server.platform.secretBox, appOrigin: app.config.appOrigin });
    const before = (await (await fetch(app.url('/.well-known/jwks.json'))).json()).keys;
    await keys.rotate(new Date());
    const after = (await (await fetch(app.url('/.well-known/jwks.json'))).json()).keys;
    expect(after).toHaveLength(before.length + 1);
    expect((await checkFile(pdf)).body.authentic).toBe(true);
    const did = await (await fetch(app.url('/.well-known/did.json'))).json();
    expect(did.id).toBe(`did:web:${new URL(app.config.appOrigin).host.replace(':', '%3A')}`);
    expect(did.assertionMethod).toEqual(after.map((k: { kid: string }) => k.kid));
  });
});
