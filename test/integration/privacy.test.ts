import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { unzipSync, strFromU8 } from 'fflate';
import { Redis } from 'ioredis';
import { startTestApp, type TestApp } from '../support/app.ts';
import { invite, joinOrganisation } from '../support/organisations.ts';
import { startSmtpServer } from '../support/smtp.ts';
import { signIn, signUp } from '../support/accounts.ts';
import { jobs, personas } from '../support/fixtures.ts';
import { generateCv } from '../support/cv.ts';
import { pdfWith, uploadDocument } from '../support/files.ts';
import { assistantSocket, turn } from '../support/assistant.ts';
import { findInDatabase, tablesReferencing } from '../support/pii-scan.ts';
import { waitFor } from '../support/wait.ts';
import { OTHER_TABLES, PERSONAL_TABLES } from '../../server/domains/privacy/data-map.ts';
import { enforceRetention, ORPHAN_FILE_DAYS } from '../../server/domains/privacy/retention.ts';
import { dueDate } from '../../server/domains/privacy/requests.ts';
import { buildExportHandler } from '../../server/domains/privacy/export.ts';
import { setPlatformAdmin } from '../../server/domains/accounts/service.ts';
import type { TestClient } from '../support/client.ts';

let app: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
const db = () => app.server.platform.database.db;
const DAY_MS = 86_400_000;

beforeAll(async () => {
  smtp = await startSmtpServer();
  app = await startTestApp({ TRUST_PROXY: 'true', SMTP_URL: smtp.url });
});
afterAll(async () => {
  await app?.close();
  await smtp?.close();
});

type Clinician = Awaited<ReturnType<typeof signUp>> & { name: string; shareUrl: string };

/** A clinician with every kind of data the product holds, so erasure and export are tested against all of it. */
async function fullClinician(file: string): Promise<Clinician> {
  const resume = personas().find((p) => p.file === file)!.resume;
  const user = await signUp(app, { name: resume.basics.name });
  const { client } = user;
  expect((await client.post('/api/import/json-resume', resume)).status).toBe(200);
  const posts = (await client.get('/api/posts')).body.items as Array<{ id: string }>;
  const doc = await uploadDocument(app, client, pdfWith(`Certificate for ${resume.basics.name}`), 'BLS certificate.pdf', { type: 'certificate' });
  expect(doc.status).toBe(201);
  expect((await client.post(`/api/documents/${doc.body.id}/links`, { recordType: 'post', recordId: posts[0]!.id })).status).toBeLessThan(300);
  const shift = await client.post('/api/timecards/clock-in', { employer: 'Severnside NHS Foundation Trust', role: 'Bank nurse', at: new Date(Date.now() - 4 * 3_600_000).toISOString() });
  expect(shift.status).toBe(201);
  expect((await client.post(`/api/timecards/${shift.body.id}/clock-out`, {})).status).toBe(200);
  expect(
    (
      await client.post('/api/verifications', {
        subjectType: 'post',
        subjectId: posts[0]!.id,
        verifierName: 'Jo Matron',
        verifierEmail: `matron-${user.userId.slice(0, 8)}@example.org`,
        relationship: 'Line manager',
      })
    ).status,
  ).toBe(201);
  const cv = await generateCv(client, jobs()[0]!.text);
  const share = await client.post(`/api/cvs/${cv.id}/shares`, { recipientEmail: `recruiter-${user.userId.slice(0, 8)}@agency.example`, recipientName: 'Rae Recruiter', expiresInHours: 24 });
  expect(share.status).toBe(201);
  const shareUrl = app.url(new URL(share.body.url).pathname);
  expect((await fetch(shareUrl)).status).toBe(200); // a recruiter's view is logged
  const socket = await assistantSocket(app, client);
  expect((await turn(socket, { text: `My name is ${resume.basics.name}; what should my CV lead with?` })).done).toBeDefined();
  socket.close();
  await waitFor('embeddings', async () => (await db().selectFrom('record_embeddings').select('record_id').where('user_id', '=', user.userId).execute()).length > 0);
  await signIn(app, user.email, user.password); // a second session
  await client.post('/api/me/verification-email', {}); // an email link and a rate-limit key
  const prescreen = (await client.get('/api/prescreen')).body;
  if (prescreen.findings[0]) {
    expect((await client.put(`/api/prescreen/findings/${prescreen.findings[0].id}/comment`, { comment: 'I was on maternity leave then.' })).status).toBe(200);
  }
  return { ...user, name: resume.basics.name, shareUrl };
}

async function requestReadyExport(client: TestClient) {
  const started = await client.post('/api/me/export');
  expect(started.status).toBe(202);
  return waitFor(
    'export ready',
    async () => {
      const res = await client.get(`/api/me/export/${started.body.id}`);
      return res.body.status === 'ready' ? res.body : undefined;
    },
    60_000,
  );
}

async function download(client: TestClient, url: string) {
  const res = await fetch(app.url(url), { headers: { cookie: client.cookieHeader() } });
  return { status: res.status, type: res.headers.get('content-type'), data: new Uint8Array(await res.arrayBuffer()) };
}

/** Ends the grace period now (the clock moves; the code does not know). */
async function endGracePeriod(requestId: string) {
  await sql`UPDATE privacy_requests SET scheduled_for = now() - interval '1 second' WHERE id = ${requestId}`.execute(db());
  await sql`UPDATE jobs SET run_after = now() - interval '1 minute' WHERE name = 'privacy.erase' AND payload->>'requestId' = ${requestId}`.execute(db());
  await enforceRetention({ db: db(), storage: app.server.platform.storage, queue: app.server.platform.queue, erasureGraceDays: 30 }, new Date());
  await app.server.platform.queue.sweep({ graceMs: 0 });
}

const rateLimitHash = (key: string) => createHash('sha256').update(key).digest('base64url').slice(0, 32);

async function rateLimitKeysContaining(hashes: string[]): Promise<string[]> {
  if (app.config.redisUrl) {
    const redis = new Redis(app.config.redisUrl);
    try {
      const keys = await redis.keys(`${app.config.redisPrefix}:*`);
      return keys.filter((k) => hashes.some((h) => k.includes(h)));
    } finally {
      redis.disconnect();
    }
  }
  const rows = await sql<{ key: string }>`SELECT key FROM rate_limits`.execute(db());
  return rows.rows.map((r) => r.key).filter((k) => hashes.some((h) => k.includes(h)));
}

describe('the data map', () => {
  it('classifies every table in the schema, and nothing that is not in it', async () => {
    const tables = (await sql<{ table_name: string }>`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`.execute(db())).rows.map(
      (r) => r.table_name,
    );
    const mapped = [...PERSONAL_TABLES.map((t) => t.table as string), ...OTHER_TABLES.map((t) => t.table)];
    expect([...mapped].sort()).toEqual([...tables].sort());
    expect(new Set(mapped).size).toBe(mapped.length);
  });

  it('gives every request a due date one calendar month on, clamped to the month’s end', () => {
    expect(dueDate(new Date('2026-01-31T10:00:00Z')).toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(dueDate(new Date('2026-11-22T09:00:00Z')).toISOString()).toBe('2026-12-22T09:00:00.000Z');
  });
});

describe('access and portability', () => {
  // Builds clinicians with every kind of data (a CV and its PDF included): slow on a busy machine.
  it('exports every table that holds the user’s rows, the documents and PDFs decrypted, and emails when ready', { timeout: 180_000 }, async () => {
    const clinician = await fullClinician('icu-nurse-band6.json');
    const referencing = await tablesReferencing(db(), clinician.userId);
    const ready = await requestReadyExport(clinician.client);
    expect(ready.downloadUrl).toBe(`/api/me/export/${ready.id}/download`);
    expect(new Date(ready.expiresAt).getTime() - new Date(ready.readyAt).getTime()).toBe(DAY_MS);
    await smtp.waitForEmail(clinician.email, /data export is ready/);

    const zip = await download(clinician.client, ready.downloadUrl);
    expect(zip.status).toBe(200);
    expect(zip.type).toBe('application/zip');
    const files = unzipSync(zip.data);
    const manifest = JSON.parse(strFromU8(files['manifest.json']!));
    const inManifest = new Map<string, number>();
    for (const f of manifest.files) if (f.rows !== undefined) inManifest.set(f.table, f.rows);
    // From the catalogue: every table with a row pointing at the user is in the export, whole.
    // (The export itself adds a request, an export row and audit events: at least as many then.)
    const grownByExport = new Set(['privacy_requests', 'data_exports', 'audit_events', 'audit_chain_heads']);
    for (const [table, rows] of Object.entries(referencing)) {
      if (grownByExport.has(table)) expect(inManifest.get(table), table).toBeGreaterThanOrEqual(rows);
      else expect(inManifest.get(table), table).toBe(rows);
    }
    for (const table of [
      'posts',
      'registrations',
      'training',
      'documents',
      'timecards',
      'verifications',
      'cv_requests',
      'cv_pdfs',
      'share_links',
      'share_views',
      'conversations',
      'messages',
      'audit_events',
      'sessions',
      'record_embeddings',
    ]) {
      expect(inManifest.get(table), table).toBeGreaterThan(0);
    }
    const account = JSON.parse(strFromU8(files['account/account.json']!));
    expect(account[0]).toMatchObject({ email: clinician.email, name: clinician.name });
    expect(account[0]).not.toHaveProperty('password_hash');
    expect(JSON.parse(strFromU8(files['shares/links.json']!))[0]).not.toHaveProperty('token_hash');
    expect(JSON.parse(strFromU8(files['resume.json']!)).basics.name).toBe(clinician.name);
    const documentFile = Object.keys(files).find((f) => f.startsWith('documents/files/'))!;
    expect(documentFile).toMatch(/BLS certificate\.pdf$/);
    expect(strFromU8(files[documentFile]!.subarray(0, 5))).toBe('%PDF-');
    const pdf = Object.keys(files).find((f) => f.startsWith('cvs/files/'))!;
    expect(strFromU8(files[pdf]!.subarray(0, 5))).toBe('%PDF-');
    // Messages as stored: the clinician's name was redacted before it was ever written.
    expect(strFromU8(files['assistant/messages.json']!)).not.toContain(clinician.name);

    const log = (await clinician.client.get('/api/me/privacy-requests')).body.requests;
    expect(log.find((r: { type: string }) => r.type === 'access')).toMatchObject({ status: 'completed', overdue: false });
  });

  it('refuses a second export while one is being built, and answers 410 once the download has expired', async () => {
    const { client, userId } = await signUp(app);
    const first = await client.post('/api/me/export');
    const second = await client.post('/api/me/export');
    expect([first.status, second.status].sort()).toEqual([202, 409]);
    const ready = await waitFor(
      'export ready',
      async () => {
        const res = await client.get(`/api/me/export/${first.body.id}`);
        return res.body.status === 'ready' ? res.body : undefined;
      },
      60_000,
    );
    await sql`UPDATE data_exports SET expires_at = now() - interval '1 second' WHERE user_id = ${userId}`.execute(db());
    expect((await download(client, ready.downloadUrl)).status).toBe(410);
    await sql`UPDATE data_exports SET status = 'failed' WHERE user_id = ${userId}`.execute(db());
    expect((await download(client, ready.downloadUrl)).status).toBe(410);
    expect((await client.get(`/api/me/export/${first.body.id}`)).body.downloadUrl).toBeNull();
    const other = await signUp(app);
    expect((await other.client.get(`/api/me/export/${first.body.id}`)).status).toBe(404);
  });
});

describe('erasure', () => {
  it('writes nothing for a clinician erased while their export was being built', async () => {
    const { client, userId } = await signUp(app);
    const { storage, secretBox, mailer, logger } = app.server.platform;
    const started = await client.post('/api/me/export');
    await waitFor('first export settled', async () => ['ready', 'failed'].includes((await client.get(`/api/me/export/${started.body.id}`)).body.status));
    await sql`UPDATE data_exports SET status = 'queued' WHERE id = ${started.body.id}`.execute(db());
    // The account goes between the file write and the final update, as an erasure would.
    const racing = {
      ...storage,
      put: async (key: string, data: Buffer | Readable) => {
        await storage.put(key, data);
        await db().deleteFrom('users').where('id', '=', userId).execute();
      },
    };
    const audited = async () => (await db().selectFrom('audit_events').select('action').where('chain_id', '=', userId).where('action', '=', 'export.ready').execute()).length;
    const before = await audited();
    await buildExportHandler({ db: db(), storage: racing, secretBox, mailer, appOrigin: app.config.appOrigin })({ exportId: started.body.id }, { jobId: randomUUID(), attempt: 1, logger });
    expect(await audited()).toBe(before);
    expect((await storage.list()).filter((f) => f.key.includes(userId))).toEqual([]);
  });

  // Builds clinicians with every kind of data (a CV and its PDF included): slow on a busy machine.
  it('after the grace period, leaves no row, file or rate-limit key of the user, and keeps the other user whole', { timeout: 180_000 }, async () => {
    // A persona no other user in this file has, so its name and numbers must vanish entirely.
    const erased = await fullClinician('em-st4-locum.json');
    const kept = await fullClinician('locum-gp.json');
    // Another test user may hold the same persona's number: give this one a number of its own.
    const uniqueGmc = String(7_000_000 + Math.floor(Math.random() * 999_999));
    const gmc = (await erased.client.get('/api/registrations')).body.items.find((r: { body: string }) => r.body === 'GMC');
    expect((await erased.client.patch(`/api/registrations/${gmc.id}`, { number: uniqueGmc })).status).toBe(200);
    await requestReadyExport(erased.client);
    // Organisations: one the user alone belongs to, one they run with a colleague (who has
    // their id on her timeline as the admin who added her), and one of the colleague's.
    const tag = erased.userId.slice(0, 8);
    const solo = await erased.client.post('/api/organisations', { name: `Solo Locums ${tag}`, kind: 'agency' });
    expect(solo.status).toBe(201);
    const shared = await erased.client.post('/api/organisations', { name: `Night Shift Collective ${tag}`, kind: 'practice' });
    await joinOrganisation(smtp, erased.client, shared.body.id, kept);
    const keptsOrg = await kept.client.post('/api/organisations', { name: `Kept Practice ${tag}`, kind: 'practice' });
    await joinOrganisation(smtp, kept.client, keptsOrg.body.id, erased, { scope: ['training'] });
    // An invitation still waiting for the erased user's address goes with them.
    const pendingOrg = await kept.client.post('/api/organisations', { name: `Waiting Practice ${tag}`, kind: 'practice' });
    await invite(smtp, kept.client, pendingOrg.body.id, erased.email);
    // Rate-limit keys derived from the user: a wrong passcode-free login, an upload, a share.
    await app.client().post('/api/auth/login', { email: erased.email, password: 'not-the-password-1' });
    const keptBefore = await tablesReferencing(db(), kept.userId);
    const keptFiles = (await app.server.platform.storage.list()).filter((f) => f.key.includes(kept.userId)).length;

    const scheduled = await erased.client.post('/api/me/erasure', { password: erased.password });
    expect(scheduled.status).toBe(202);
    const request = await db().selectFrom('privacy_requests').selectAll().where('subject_ref', '=', scheduled.body.reference).executeTakeFirstOrThrow();
    // Locked at once: the session, sign-in and the shared link all stop.
    expect((await erased.client.get('/api/me')).status).toBe(401);
    const login = await app.client().post('/api/auth/login', { email: erased.email, password: erased.password });
    expect(login.status).toBe(403);
    expect(login.body.error.details).toEqual({ erasurePending: true });
    expect((await fetch(erased.shareUrl)).status).toBe(410);
    await smtp.waitForEmail(erased.email, /will be erased/);

    await endGracePeriod(request.id);
    await waitFor('erasure done', async () => (await db().selectFrom('privacy_requests').select('status').where('id', '=', request.id).executeTakeFirst())?.status === 'completed', 60_000);
    await smtp.waitForEmail(erased.email, /has been erased/);

    // Not even as the actor on the colleague's timeline: there they were a pseudonym all along.
    const needles = [erased.userId, erased.email, erased.name, uniqueGmc, `matron-${erased.userId.slice(0, 8)}`, `recruiter-${erased.userId.slice(0, 8)}`, `Solo Locums ${tag}`];
    expect(await findInDatabase(db(), needles)).toEqual([]);
    expect((await app.server.platform.storage.list()).filter((f) => f.key.includes(erased.userId))).toEqual([]);
    // No directory named by their id is left behind either.
    const leftovers = fs
      .readdirSync(app.config.dataDir, { recursive: true })
      .map(String)
      .filter((p) => p.includes(erased.userId));
    expect(leftovers).toEqual([]);
    // The organisation they ran with a colleague is hers now; her own keeps her, without them.
    expect((await kept.client.get(`/api/organisations/${shared.body.id}`)).body).toMatchObject({ role: 'admin', members: [expect.objectContaining({ id: kept.userId, role: 'admin' })] });
    expect((await kept.client.get(`/api/organisations/${keptsOrg.body.id}`)).body.members.map((m: { id: string }) => m.id)).toEqual([kept.userId]);
    expect(await db().selectFrom('organisations').select('id').where('id', '=', solo.body.id).execute()).toEqual([]);
    const keptTimeline = (await kept.client.get('/api/audit?limit=200')).body.events as Array<{ action: string; actor: { type: string; id: string | null } }>;
    expect(keptTimeline.find((e) => e.action === 'organisation.admin_handed_over')).toMatchObject({ actor: { type: 'system', id: null } });
    expect(keptTimeline.find((e) => e.action === 'organisation.invitation_accepted' && e.actor.id !== kept.userId)?.actor.id).toMatch(/^p_/);
    const userHashes = [erased.userId, erased.email].map(rateLimitHash);
    expect(await rateLimitKeysContaining(userHashes)).toEqual([]);

    // What remains: the request log entry and one erasure record, neither naming the user.
    const log = await db().selectFrom('privacy_requests').selectAll().where('id', '=', request.id).executeTakeFirstOrThrow();
    expect(log).toMatchObject({ user_id: null, type: 'erasure', status: 'completed' });
    const record = await db().selectFrom('audit_events').selectAll().where('chain_id', '=', scheduled.body.reference).execute();
    expect(record.map((e) => e.action)).toEqual(['account.erased']);

    // The other clinician is untouched, but for the one line saying she now runs the organisation.
    // (and the invitation she sent to their address, which named them).
    expect(await tablesReferencing(db(), kept.userId)).toEqual({ ...keptBefore, audit_events: keptBefore.audit_events! + 1, organisation_invitations: keptBefore.organisation_invitations! - 1 });
    expect((await app.server.platform.storage.list()).filter((f) => f.key.includes(kept.userId))).toHaveLength(keptFiles);
    expect((await kept.client.get('/api/me')).status).toBe(200);
    expect((await kept.client.get('/api/audit/verify')).body.ok).toBe(true);
    expect((await fetch(kept.shareUrl)).status).toBe(200);
  });

  it('needs the password (and the second factor when it is on)', async () => {
    const { client } = await signUp(app);
    const wrong = await client.post('/api/me/erasure', { password: 'not-my-password' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.details.issues[0].path).toBe('body.password');
    expect((await client.get('/api/me')).status).toBe(200);
  });

  it('checks the password before the confirmation step, erasing nothing', async () => {
    const { client, password } = await signUp(app);
    const wrong = await client.post('/api/me/erasure/password-check', { password: 'not-my-password' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.details.issues).toEqual([{ path: 'body.password', message: 'Password is incorrect' }]);
    const right = await client.post('/api/me/erasure/password-check', { password });
    expect(right.status).toBe(200);
    expect(right.body).toEqual({ ok: true });
    expect((await client.get('/api/me')).status).toBe(200);
  });

  // Builds clinicians with every kind of data (a CV and its PDF included): slow on a busy machine.
  it('can be cancelled within the grace period: access returns, share links stay revoked, the job then does nothing', { timeout: 180_000 }, async () => {
    const clinician = await fullClinician('locum-gp.json');
    const scheduled = await clinician.client.post('/api/me/erasure', { password: clinician.password });
    expect(scheduled.status).toBe(202);
    // 30 days' grace, but never past the legal month: it ends the day before the due date.
    const scheduledFor = new Date(scheduled.body.scheduledFor).getTime();
    expect(scheduledFor - Date.now()).toBeGreaterThan(26 * DAY_MS);
    expect(scheduledFor).toBeLessThanOrEqual(dueDate(new Date()).getTime() - DAY_MS + 60_000);
    expect((await clinician.client.post('/api/me/erasure', { password: clinician.password })).status).toBe(401); // signed out
    const anon = app.client();
    expect((await anon.post('/api/auth/cancel-erasure', { email: clinician.email, password: 'wrong-password-9' })).status).toBe(401);
    expect((await anon.post('/api/auth/cancel-erasure', { email: clinician.email, password: clinician.password })).body).toEqual({ status: 'ok' });
    await smtp.waitForEmail(clinician.email, /erasure of your account was cancelled/);
    expect((await anon.post('/api/auth/cancel-erasure', { email: clinician.email, password: clinician.password })).status).toBe(409);

    const back = await signIn(app, clinician.email, clinician.password);
    expect((await back.get('/api/me')).status).toBe(200);
    expect((await fetch(clinician.shareUrl)).status).toBe(410);
    const log = (await back.get('/api/me/privacy-requests')).body.requests;
    expect(log.find((r: { type: string }) => r.type === 'erasure')).toMatchObject({ status: 'cancelled', reference: scheduled.body.reference });

    const request = await db().selectFrom('privacy_requests').select('id').where('subject_ref', '=', scheduled.body.reference).executeTakeFirstOrThrow();
    await endGracePeriod(request.id);
    await waitFor('erase job settled', async () => {
      const job = await sql<{ status: string }>`SELECT status FROM jobs WHERE name = 'privacy.erase' AND payload->>'requestId' = ${request.id}`.execute(db());
      return job.rows[0]?.status === 'done';
    });
    expect((await back.get('/api/me')).status).toBe(200);
  });

  it('refuses to cancel once the erasure has started, and a retry finishes what a crash left half-done', async () => {
    const { client, userId, email, password } = await signUp(app, { name: 'Half Done' });
    expect((await uploadDocument(app, client, pdfWith('x'), 'dbs.pdf')).status).toBe(201);
    const scheduled = await client.post('/api/me/erasure', { password });
    const request = await db().selectFrom('privacy_requests').select('id').where('subject_ref', '=', scheduled.body.reference).executeTakeFirstOrThrow();
    // As if a job had claimed the request, deleted the files and then died.
    await sql`UPDATE privacy_requests SET status = 'in_progress' WHERE id = ${request.id}`.execute(db());
    for (const f of (await app.server.platform.storage.list()).filter((f) => f.key.includes(userId))) await app.server.platform.storage.delete(f.key);
    const cancel = await app.client().post('/api/auth/cancel-erasure', { email, password });
    expect(cancel.status).toBe(409);
    await endGracePeriod(request.id);
    await waitFor('erasure finished', async () => (await db().selectFrom('privacy_requests').select('status').where('id', '=', request.id).executeTakeFirst())?.status === 'completed', 60_000);
    expect(await db().selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst()).toBeUndefined();
  });

  it('can be ordered by a platform admin for a legal request, at once and without a grace period', async () => {
    const admin = await signUp(app);
    await setPlatformAdmin(db(), admin.email, true, new Date());
    const target = await signUp(app, { name: 'Court Ordered' });
    expect((await target.client.post('/api/admin/users/' + target.userId + '/erasure', { reason: 'nope', password: target.password })).status).toBe(404);
    // No grace period and no cancelling: the admin confirms with their own password.
    const unconfirmed = await admin.client.post(`/api/admin/users/${target.userId}/erasure`, { reason: 'Court order ref 2026/123', password: 'not-the-password' });
    expect(unconfirmed.status).toBe(422);
    const otherAdmin = await signUp(app);
    await setPlatformAdmin(db(), otherAdmin.email, true, new Date());
    expect((await admin.client.post(`/api/admin/users/${otherAdmin.userId}/erasure`, { reason: 'Court order ref 2026/124', password: admin.password })).status).toBe(409);
    const ordered = await admin.client.post(`/api/admin/users/${target.userId}/erasure`, { reason: 'Court order ref 2026/123', password: admin.password });
    expect(ordered.status).toBe(202);
    expect((await admin.client.get('/api/audit?limit=5')).body.events.map((e: { action: string }) => e.action)).toContain('admin.erasure_ordered');
    await waitFor('erased', async () => !(await db().selectFrom('users').select('id').where('id', '=', target.userId).executeTakeFirst()), 60_000);
    const requests = (await admin.client.get('/api/admin/privacy-requests')).body.requests;
    expect(requests.find((r: { reference: string }) => r.reference === ordered.body.reference)).toMatchObject({ source: 'admin', status: 'completed', userId: null });
    expect((await target.client.get('/api/admin/privacy-requests')).status).toBe(401);
  });
});

describe('objection and restriction', () => {
  it('labels pre-screening as advice and keeps the clinician’s comment on a finding, logged as an objection', async () => {
    const { client } = await signUp(app);
    await client.post('/api/posts', { employer: 'X Trust', title: 'SHO', contract: 'locum', startDate: '2020-01-01', endDate: '2020-06-30' });
    await client.post('/api/posts', { employer: 'Y Trust', title: 'SHO', contract: 'locum', startDate: '2021-01-01', endDate: '2021-06-30' });
    const before = (await client.get('/api/prescreen')).body;
    expect(before.notice).toMatch(/advice/);
    const gap = before.findings.find((f: { kind: string }) => f.kind === 'gap');
    expect(gap.comment).toBeNull();
    const put = await client.put(`/api/prescreen/findings/${gap.id}/comment`, { comment: 'Travelling; documented.' });
    expect(put.status).toBe(200);
    expect((await client.put(`/api/prescreen/findings/${gap.id}/comment`, { comment: '' })).status).toBe(422);
    const after = (await client.get('/api/prescreen')).body.findings.find((f: { id: string }) => f.id === gap.id);
    expect(after.comment).toMatchObject({ comment: 'Travelling; documented.' });
    const log = (await client.get('/api/me/privacy-requests')).body.requests;
    expect(log.filter((r: { type: string }) => r.type === 'objection')).toHaveLength(1);
    expect((await client.delete(`/api/prescreen/findings/${gap.id}/comment`)).status).toBe(204);
    expect((await client.delete(`/api/prescreen/findings/${gap.id}/comment`)).status).toBe(404);
  });

  it('shows the restriction in /api/ready to the user it concerns, and logs it', async () => {
    const { client } = await signUp(app);
    expect((await client.get('/api/ready')).body.you).toEqual({ processingRestricted: false });
    await client.post('/api/me/restriction', { restricted: true });
    expect((await client.get('/api/ready')).body.you).toEqual({ processingRestricted: true });
    expect((await app.client().get('/api/ready')).body.you).toBeNull();
    const log = (await client.get('/api/me/privacy-requests')).body.requests;
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ type: 'restriction', status: 'completed' });
  });
});

describe('retention', () => {
  it('publishes the policy as data', async () => {
    const policy = (await app.client().get('/api/privacy/policy')).body;
    const ids = policy.rules.map((r: { id: string }) => r.id);
    expect(ids).toEqual(expect.arrayContaining(['conversation-messages', 'share-view-logs', 'data-exports', 'orphaned-files', 'ended-sessions', 'email-links', 'erased-accounts']));
    expect(policy.rules.find((r: { id: string }) => r.id === 'conversation-messages').keptFor.perPlan.length).toBeGreaterThan(0);
    expect(policy.rules.find((r: { id: string }) => r.id === 'erased-accounts').keptFor).toEqual({ days: 30 });
  });

  it('removes exactly what is past its time', async () => {
    const { client, userId } = await signUp(app);
    const now = new Date();
    const old = (days: number) => new Date(now.getTime() - days * DAY_MS - 60_000);
    const fresh = (days: number) => new Date(now.getTime() - days * DAY_MS + 3_600_000);
    // Sessions: one ended long ago, one ended recently, the live one.
    const session = (revokedAt: Date | null) =>
      db()
        .insertInto('sessions')
        .values({
          user_id: userId,
          token_hash: createHash('sha256').update(String(Math.random())).digest('hex'),
          user_agent: null,
          ip_prefix: null,
          created_at: old(90),
          last_seen_at: old(90),
          expires_at: new Date(now.getTime() + DAY_MS),
          revoked_at: revokedAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const endedLongAgo = await session(old(30));
    const endedRecently = await session(fresh(30));
    // Email links: used long ago vs recently.
    const link = (usedAt: Date) =>
      db()
        .insertInto('email_tokens')
        .values({ user_id: userId, purpose: 'reset_password', token_hash: createHash('sha256').update(String(Math.random())).digest('hex'), expires_at: usedAt, used_at: usedAt, created_at: usedAt })
        .returning('id')
        .executeTakeFirstOrThrow();
    const oldLink = await link(old(7));
    const recentLink = await link(fresh(7));
    // An export ready 25 hours ago and one ready an hour ago.
    const ready = await requestReadyExport(client);
    const second = await db().selectFrom('data_exports').selectAll().where('id', '=', ready.id).executeTakeFirstOrThrow();
    await sql`UPDATE data_exports SET expires_at = ${old(0)} WHERE id = ${ready.id}`.execute(db());
    // Files: an orphan older than a day, an orphan written a minute ago.
    const storage = app.server.platform.storage;
    await storage.put(`documents/${userId}/orphan-old`, Buffer.from('x'));
    await storage.put(`documents/${userId}/orphan-new`, Buffer.from('x'));
    const { utimes } = await import('node:fs/promises');
    const path = await import('node:path');
    const past = old(ORPHAN_FILE_DAYS);
    await utimes(path.join(app.config.dataDir, 'files', `documents/${userId}/orphan-old`), past, past);

    // The request log: a request closed over six years ago goes, one closed last year stays.
    const closed = async (yearsAgo: number) =>
      (
        await sql<{ id: string }>`INSERT INTO privacy_requests (user_id, type, source, status, received_at, due_at, completed_at)
        VALUES (NULL, 'access', 'user', 'completed', ${old(yearsAgo * 365 + 40)}, ${old(yearsAgo * 365 + 10)}, ${old(yearsAgo * 365 + 10)}) RETURNING id`.execute(db())
      ).rows[0]!.id;
    const ancientRequest = await closed(6);
    const recentRequest = await closed(1);
    const { removed, failed } = await enforceRetention({ db: db(), storage, queue: app.server.platform.queue, erasureGraceDays: 30 }, now);
    expect(failed).toEqual([]);
    expect(removed['ended-sessions']).toBeGreaterThanOrEqual(1);
    expect(removed['data-exports']).toBeGreaterThanOrEqual(1);
    const ids = async (table: 'sessions' | 'email_tokens') => (await db().selectFrom(table).select('id').where('user_id', '=', userId).execute()).map((r) => r.id);
    expect(await ids('sessions')).not.toContain(endedLongAgo.id);
    expect(await ids('sessions')).toContain(endedRecently.id);
    expect(await ids('email_tokens')).not.toContain(oldLink.id);
    expect(await ids('email_tokens')).toContain(recentLink.id);
    const keys = (await storage.list()).map((f) => f.key);
    expect(keys).not.toContain(`documents/${userId}/orphan-old`);
    expect(keys).toContain(`documents/${userId}/orphan-new`);
    expect(keys).not.toContain(second.storage_key);
    expect((await db().selectFrom('data_exports').select('status').where('id', '=', ready.id).executeTakeFirstOrThrow()).status).toBe('expired');
    expect((await client.get('/api/me')).status).toBe(200); // the live session survives
    const requests = (await db().selectFrom('privacy_requests').select('id').where('id', 'in', [ancientRequest, recentRequest]).execute()).map((r) => r.id);
    expect(requests).toEqual([recentRequest]);
  });
});
