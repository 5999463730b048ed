import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { startTestApp, type TestApp } from '../support/app.ts';
import { startSmtpServer } from '../support/smtp.ts';
import { signUp } from '../support/accounts.ts';
import { jobs, persona } from '../support/fixtures.ts';
import { generateCv } from '../support/cv.ts';
import { pdfWith, tinyPng, uploadDocument } from '../support/files.ts';
import type { TestClient } from '../support/client.ts';
import { extractPdfText } from '../../server/adapters/pdf/text-check.ts';

/** A compliance pack on a share link: what the recruiter sees and downloads, and the log of it. */
let app: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let owner: { client: TestClient; email: string; userId: string };
let cvId: string;
let items: { dbsDocument: string; certificate: string; registrationCredential: string; dbsCredential: string };
const nurse = persona('icu-nurse-band6.json');

const unlock = async (sharePath: string, passcode: string) => {
  const res = await fetch(app.url(sharePath), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ passcode }).toString(),
  });
  expect(res.status).toBe(303);
  return res.headers.getSetCookie()[0]!.split(';')[0]!;
};

beforeAll(async () => {
  smtp = await startSmtpServer();
  app = await startTestApp({ TRUST_PROXY: 'true', SMTP_URL: smtp.url });
  owner = await signUp(app, { name: nurse.basics.name });
  await owner.client.post('/api/import/json-resume', nurse);
  const registration = (await owner.client.get('/api/registrations')).body.items[0];
  await uploadDocument(app, owner.client, pdfWith('NMC statement of entry'), 'nmc.pdf', { type: 'registration', recordType: 'registration', recordId: registration.id });
  const dbs = (await owner.client.get('/api/dbs')).body.items[0];
  const dbsDocument = await uploadDocument(app, owner.client, pdfWith('DBS certificate for the pack'), 'dbs-certificate.pdf', { type: 'dbs', recordType: 'dbs', recordId: dbs.id });
  const certificate = await uploadDocument(app, owner.client, tinyPng(), 'als.png', { type: 'certificate' });
  const credentials = (await owner.client.get('/api/me/credentials')).body.credentials;
  items = {
    dbsDocument: dbsDocument.body.id,
    certificate: certificate.body.id,
    registrationCredential: credentials.find((c: { kind: string }) => c.kind === 'registration').id,
    dbsCredential: credentials.find((c: { kind: string }) => c.kind === 'dbs').id,
  };
  cvId = (await generateCv(owner.client, jobs().find((j) => j.file === 'critical-care-outreach-band6.txt')!.text)).id;
}, 120_000);
afterAll(async () => {
  await app?.close();
  await smtp?.close();
});

describe('a compliance pack on a share link', () => {
  it('accepts only the clinician’s own documents and valid credentials', async () => {
    const other = await signUp(app);
    const theirs = await uploadDocument(app, other.client, pdfWith('Not yours'), 'x.pdf');
    const bad = await owner.client.post(`/api/cvs/${cvId}/shares`, {
      recipientEmail: 'x@agency.example',
      expiresInHours: 1,
      documentIds: [items.certificate, theirs.body.id],
      credentialIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.issues).toEqual([
      { path: 'body.documentIds.1', message: 'Document 2 is not one of your documents' },
      { path: 'body.credentialIds.0', message: 'Credential 1 is not one of your credentials' },
    ]);
    // Nothing was created.
    expect((await owner.client.get('/api/shares')).body.shares).toEqual([]);
  });

  it('lists each item with its evidence, stamps PDFs, serves credentials, and logs every download', async () => {
    const created = await owner.client.post(`/api/cvs/${cvId}/shares`, {
      recipientEmail: 'compliance@agency.example',
      recipientName: 'Casey Compliance',
      expiresInHours: 24,
      maxViews: 1,
      passcode: 'pack-passcode',
      documentIds: [items.dbsDocument, items.certificate],
      credentialIds: [items.registrationCredential],
    });
    expect(created.status).toBe(201);
    const sharePath = new URL(created.body.url).pathname;
    expect((await fetch(app.url(`${sharePath}/documents/${items.dbsDocument}`), { redirect: 'manual' })).status).toBe(303);

    const cookie = await unlock(sharePath, 'pack-passcode');
    const page = await (await fetch(app.url(sharePath), { headers: { cookie } })).text();
    expect(page).toContain('Documents and credentials sent with the CV');
    expect(page).toContain('DBS certificate: dbs-certificate.pdf');
    expect(page).toMatch(/Backs: [^<]*DBS/);
    expect(page).toContain('Certificate: als.png');
    expect(page).toContain('Not linked to an entry of the record');
    expect(page).toMatch(/SHA-256 [0-9a-f]{64}/);
    expect(page).toContain('registration');
    expect(page).toContain(`${app.config.appOrigin}/.well-known/jwks.json`);

    const pdf = await fetch(app.url(`${sharePath}/documents/${items.dbsDocument}`), { headers: { cookie } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const text = (await extractPdfText(Buffer.from(await pdf.arrayBuffer()))).text;
    expect(text).toContain('DBS certificate for the pack');
    expect(text).toContain('Shared with Casey Compliance on');
    const png = await fetch(app.url(`${sharePath}/documents/${items.certificate}`), { headers: { cookie } });
    expect(Buffer.from(await png.arrayBuffer()).equals(tinyPng())).toBe(true);
    const credential = await fetch(app.url(`${sharePath}/credentials/${items.registrationCredential}`), { headers: { cookie } });
    expect(credential.headers.get('content-type')).toBe('application/vc+jwt');
    const jwks = createLocalJWKSet(await (await fetch(app.url('/.well-known/jwks.json'))).json());
    const { payload } = await jwtVerify(await credential.text(), jwks, { typ: 'vc+jwt' });
    expect(payload).toMatchObject({ type: ['VerifiableCredential', 'MedfolioRegistration'] });

    // Items not in the pack are not reachable through the link.
    expect((await fetch(app.url(`${sharePath}/credentials/${items.dbsCredential}`), { headers: { cookie } })).status).toBe(404);
    expect((await fetch(app.url(`${sharePath}/documents/not-an-id`), { headers: { cookie } })).status).toBe(422);

    // A credential revoked after sharing shows as revoked and is no longer handed out.
    await owner.client.post(`/api/me/credentials/${items.registrationCredential}/withdraw`);
    const later = await (await fetch(app.url(sharePath), { headers: { cookie } })).text();
    expect(later).toContain('no longer vouched for');
    expect((await fetch(app.url(`${sharePath}/credentials/${items.registrationCredential}`), { headers: { cookie } })).status).toBe(404);

    // Pack downloads are logged but do not use up the CV's one view.
    expect((await fetch(app.url(`${sharePath}/pdf`), { headers: { cookie } })).status).toBe(200);
    const share = (await owner.client.get(`/api/shares/${created.body.id}`)).body;
    expect(share.pack.map((p: { type: string; available: boolean }) => [p.type, p.available])).toEqual([
      ['document', true],
      ['document', true],
      ['credential', false],
    ]);
    expect(share.views.map((v: { kind: string; itemId: string | null }) => [v.kind, v.itemId])).toEqual([
      ['page', null],
      ['document', items.dbsDocument],
      ['document', items.certificate],
      ['credential', items.registrationCredential],
      ['page', null],
      ['pdf', null],
    ]);
    const actions = (await owner.client.get('/api/audit?limit=100')).body.events.filter((e: { actor: { type: string } }) => e.actor.type === 'recruiter').map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['share.document_downloaded', 'share.credential_downloaded', 'share.viewed', 'share.opened']));
  });
});
