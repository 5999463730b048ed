import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { startTestApp, type TestApp } from '../support/app.ts';
import { startSmtpServer } from '../support/smtp.ts';
import { signUp } from '../support/accounts.ts';
import { pdfWith, uploadDocument } from '../support/files.ts';
import type { TestClient } from '../support/client.ts';
import { isRevokedIn } from '../../server/domains/credentials/status-list.ts';

/**
 * Portable credentials, checked the way a trust or an agency would: fetch the issuer's published
 * keys, verify the vc+jwt with jose, then look the credential's bit up in its status list.
 */
let app: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let owner: { client: TestClient; userId: string };
let ids: { post: string; registration: string; dbs: string; dbsDocument: string };

const form = (p: string, fields: Record<string, string>) =>
  fetch(app.url(p), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
async function answer(to: string) {
  const mail = await smtp.waitForEmail(to, /confirm a post|approve a shift/);
  smtp.received.splice(smtp.received.indexOf(mail), 1);
  const link = new URL(mail.text.match(/https?:\/\/\S+\/verify\/[A-Za-z0-9_-]{43}/)![0]).pathname;
  expect(
    (await form(link, { name: 'Dr Sam Okafor', role: 'Consultant in Emergency Medicine', organisation: 'Northgate University Hospitals NHS Trust', declaration: 'yes', decision: 'confirm' })).status,
  ).toBe(200);
}
async function approvedShift(client: TestClient, day: string) {
  const shift = await client.post('/api/timecards', {
    employer: 'Northgate University Hospitals NHS Trust',
    role: 'Locum Registrar',
    start: `${day}T08:00:00+01:00`,
    end: `${day}T18:00:00+01:00`,
    breakMinutes: 30,
  });
  await client.post(`/api/timecards/${shift.body.id}/submit`, { supervisorName: 'Dr Sam Okafor', supervisorEmail: 'sam.okafor@northgate.nhs.uk' });
  await answer('sam.okafor@northgate.nhs.uk');
}

const jwks = async (): Promise<JWTVerifyGetKey> => createLocalJWKSet(await (await fetch(app.url('/.well-known/jwks.json'))).json());
const list = async () =>
  (await owner.client.get('/api/me/credentials')).body.credentials as Array<{ id: string; kind: string; title: string; status: string; revocationReason: string | null; downloadUrl: string }>;
async function download(id: string) {
  const res = await fetch(app.url(`/api/me/credentials/${id}`), { headers: { cookie: owner.client.cookieHeader() } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/vc+jwt');
  return res.text();
}
/** What a verifier does with the credential's status entry. */
async function revokedInStatusList(vc: { credentialStatus: { statusListCredential: string; statusListIndex: string } }) {
  const res = await fetch(app.url(new URL(vc.credentialStatus.statusListCredential).pathname));
  expect(res.headers.get('content-type')).toBe('application/vc+jwt');
  const { payload } = await jwtVerify(await res.text(), await jwks(), { typ: 'vc+jwt' });
  const subject = (payload as { credentialSubject: { type: string; statusPurpose: string; encodedList: string } }).credentialSubject;
  expect(subject).toMatchObject({ type: 'BitstringStatusList', statusPurpose: 'revocation' });
  return isRevokedIn(subject.encodedList, Number(vc.credentialStatus.statusListIndex));
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  app = await startTestApp({ TRUST_PROXY: 'true', SMTP_URL: smtp.url });
  owner = await signUp(app, { name: 'Dr Aisha Rahman' });
  const post = await owner.client.post('/api/posts', {
    employer: 'Northgate University Hospitals NHS Trust',
    title: 'Specialty Registrar, Emergency Medicine',
    grade: 'ST4',
    contract: 'substantive',
    startDate: '2023-08-02',
  });
  await owner.client.post('/api/verifications', {
    subjectType: 'post',
    subjectId: post.body.id,
    verifierName: 'Dr Sam Okafor',
    verifierEmail: 'sam.okafor@northgate.nhs.uk',
    relationship: 'Educational supervisor',
  });
  await answer('sam.okafor@northgate.nhs.uk');
  const registration = await owner.client.post('/api/registrations', { body: 'GMC', number: '7302418' });
  await uploadDocument(app, owner.client, pdfWith('GMC certificate'), 'gmc.pdf', { type: 'registration', recordType: 'registration', recordId: registration.body.id });
  const dbs = await owner.client.post('/api/dbs', { level: 'enhanced-barred', workforce: 'adult', certificateNumber: '001234567890', issueDate: '2025-03-14' });
  expect(dbs.status).toBe(201);
  const dbsDocument = await uploadDocument(app, owner.client, pdfWith('DBS certificate'), 'dbs.pdf', { type: 'dbs', recordType: 'dbs', recordId: dbs.body.id });
  await approvedShift(owner.client, '2026-10-03');
  ids = { post: post.body.id, registration: registration.body.id, dbs: dbs.body.id, dbsDocument: dbsDocument.body.id };
}, 120_000);
afterAll(async () => {
  await app?.close();
  await smtp?.close();
});

describe('portable credentials', () => {
  it('issues one per confirmed post, per employer of approved shifts, and per registration or DBS check with a document', async () => {
    const credentials = await list();
    expect(credentials.map((c) => [c.kind, c.status]).sort()).toEqual([
      ['dbs', 'active'],
      ['post-confirmation', 'active'],
      ['registration', 'active'],
      ['shift-rollup', 'active'],
    ]);
    expect(credentials.map((c) => c.title).sort()).toEqual([
      'Approved shifts at Northgate University Hospitals NHS Trust: 1 shift',
      'Enhanced DBS check with barred lists, issued 14 March 2025, document on file',
      'GMC registration 7302418, document on file',
      'Post confirmed by a referee: Specialty Registrar, Emergency Medicine at Northgate University Hospitals NHS Trust',
    ]);
    // Listing again issues nothing new.
    expect((await list()).map((c) => c.id).sort()).toEqual(credentials.map((c) => c.id).sort());
  });

  it('verifies with jose against the published JWKS as W3C VC 2.0 vc+jwt, and fails on a changed payload', async () => {
    const post = (await list()).find((c) => c.kind === 'post-confirmation')!;
    const jwt = await download(post.id);
    expect(decodeProtectedHeader(jwt)).toMatchObject({ alg: 'EdDSA', typ: 'vc+jwt' });
    const { payload, protectedHeader } = await jwtVerify(jwt, await jwks(), { typ: 'vc+jwt' });
    const did = (await (await fetch(app.url('/.well-known/did.json'))).json()) as { id: string; assertionMethod: string[] };
    expect(did.assertionMethod).toContain(protectedHeader.kid);
    expect(payload).toMatchObject({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: `urn:uuid:${post.id}`,
      type: ['VerifiableCredential', 'MedfolioPostConfirmation'],
      issuer: { id: did.id },
      credentialSubject: {
        name: 'Dr Aisha Rahman',
        post: { employer: 'Northgate University Hospitals NHS Trust', jobTitle: 'Specialty Registrar, Emergency Medicine', grade: 'ST4', startDate: '2023-08-02' },
      },
      evidence: [
        {
          type: ['RefereeConfirmation'],
          refereeRole: 'Consultant in Emergency Medicine',
          refereeOrganisation: 'Northgate University Hospitals NHS Trust',
          refereeEmail: 'work email at the employer (northgate.nhs.uk)',
        },
      ],
      credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' },
    });
    expect(typeof (payload as { validFrom: string }).validFrom).toBe('string');
    // The referee's name and address are not in it.
    expect(
      jwt
        .split('.')
        .map((p) => Buffer.from(p, 'base64url').toString())
        .join(''),
    ).not.toMatch(/Okafor|sam\.okafor/);

    const [header, body, signature] = jwt.split('.');
    const changed = JSON.parse(Buffer.from(body!, 'base64url').toString());
    changed.credentialSubject.post.grade = 'Consultant';
    const forged = `${header}.${Buffer.from(JSON.stringify(changed)).toString('base64url')}.${signature}`;
    await expect(jwtVerify(forged, await jwks(), { typ: 'vc+jwt' })).rejects.toMatchObject({ code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
    expect(await revokedInStatusList(payload as never)).toBe(false);
  });

  it('revokes at once when a confirmation is superseded, and shows it in the status list', async () => {
    const before = (await list()).find((c) => c.kind === 'post-confirmation')!;
    const { payload } = await jwtVerify(await download(before.id), await jwks());
    await owner.client.patch(`/api/posts/${ids.post}`, { grade: 'ST5' });
    // No listing in between: the status list already says revoked.
    expect(await revokedInStatusList(payload as never)).toBe(true);
    const after = await list();
    expect(after.find((c) => c.id === before.id)).toMatchObject({ status: 'revoked', revocationReason: expect.stringContaining('Replaced') });
    expect(after.filter((c) => c.kind === 'post-confirmation' && c.status === 'active')).toEqual([]);
  });

  it('lets the clinician withdraw a credential, and does not issue it again', async () => {
    const registration = (await list()).find((c) => c.kind === 'registration' && c.status === 'active')!;
    const { payload } = await jwtVerify(await download(registration.id), await jwks());
    expect((await owner.client.post(`/api/me/credentials/${registration.id}/withdraw`)).status).toBe(204);
    expect((await owner.client.post(`/api/me/credentials/${registration.id}/withdraw`)).status).toBe(409);
    expect(await revokedInStatusList(payload as never)).toBe(true);
    const after = await list();
    expect(after.find((c) => c.id === registration.id)).toMatchObject({ status: 'revoked', revocationReason: 'Withdrawn by you' });
    expect(after.filter((c) => c.kind === 'registration' && c.status === 'active')).toEqual([]);
  });

  it('replaces the shift roll-up when another shift is approved, and revokes a DBS credential whose document goes', async () => {
    const rollup = (await list()).find((c) => c.kind === 'shift-rollup' && c.status === 'active')!;
    const { payload } = await jwtVerify(await download(rollup.id), await jwks());
    await approvedShift(owner.client, '2026-10-10');
    expect(await revokedInStatusList(payload as never)).toBe(true);
    const replaced = (await list()).find((c) => c.kind === 'shift-rollup' && c.status === 'active')!;
    expect(replaced.title).toBe('Approved shifts at Northgate University Hospitals NHS Trust: 2 shifts');
    const { payload: fresh } = await jwtVerify(await download(replaced.id), await jwks());
    expect((fresh as { credentialSubject: { approvedShifts: number; firstShift: string; lastShift: string } }).credentialSubject).toMatchObject({
      approvedShifts: 2,
      firstShift: '2026-10-03',
      lastShift: '2026-10-10',
    });

    const dbs = (await list()).find((c) => c.kind === 'dbs' && c.status === 'active')!;
    const { payload: dbsVc } = await jwtVerify(await download(dbs.id), await jwks());
    expect((await owner.client.delete(`/api/documents/${ids.dbsDocument}`)).status).toBe(204);
    expect(await revokedInStatusList(dbsVc as never)).toBe(true);
    expect((await list()).find((c) => c.id === dbs.id)).toMatchObject({ status: 'revoked' });
  });

  it("keeps another user's credential a 404, and a deleted credential's bit revoked", async () => {
    const other = await signUp(app);
    const mine = (await list())[0]!;
    expect((await other.client.get(`/api/me/credentials/${mine.id}`)).status).toBe(404);
    expect((await other.client.post(`/api/me/credentials/${mine.id}/withdraw`)).status).toBe(404);
    expect((await fetch(app.url('/api/credentials/status/999'))).status).toBe(404);

    const active = (await list()).find((c) => c.status === 'active')!;
    const { payload } = await jwtVerify(await download(active.id), await jwks());
    // Erasure deletes the rows; the bit of a copy held elsewhere must read as revoked.
    await sql`DELETE FROM credentials WHERE id = ${active.id}`.execute(app.server.platform.database.db);
    expect(await revokedInStatusList(payload as never)).toBe(true);
  });
});
