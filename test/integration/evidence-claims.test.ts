import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../support/app.ts';
import { startSmtpServer } from '../support/smtp.ts';
import { signUp } from '../support/accounts.ts';
import { persona } from '../support/fixtures.ts';
import { pdfWith, uploadDocument } from '../support/files.ts';
import { docxWith } from '../support/cv-files.ts';
import { up as demoteImportedApprovals } from '../../server/platform/db/migrations/0013_import_is_a_claim.ts';
import { buildSnapshot } from '../../server/cv-render/build.ts';
import { shiftsRef } from '../../server/ai/record-view.ts';

/**
 * Import is a claim, never proof (docs/ARCHITECTURE.md, Evidence): every way in that is not
 * Medfolio's own referee or supervisor link leaves items self-declared and shifts unsubmitted.
 */
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

const db = () => app.server.platform.database.db;
const form = (path: string, fields: Record<string, string>) =>
  fetch(app.url(path), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });

async function verifierLink(to: string) {
  const mail = await smtp.waitForEmail(to, /approve a shift|confirm a post/);
  smtp.received.splice(smtp.received.indexOf(mail), 1);
  return new URL(mail.text.match(/https?:\/\/\S+\/verify\/[A-Za-z0-9_-]{43}/)![0]).pathname;
}

const forged = {
  basics: { name: 'Dr Forge Tester' },
  work: [
    {
      name: 'Severnside NHS Foundation Trust',
      position: 'Specialty Registrar',
      startDate: '2021-08-04',
      // Claims a file can make; none of them is evidence.
      verified: true,
      evidence: 'verifier-confirmed',
      verification: { status: 'confirmed', verifierName: 'Dr Someone', verifierEmail: 'someone@severnside.nhs.uk' },
    },
  ],
  // A logbook count and "independent" are the clinician's word; a signed-off logbook claimed in the file is not evidence either.
  skills: [{ name: 'Chest drain insertion', supervision: 'independent', count: 30, evidence: 'verifier-confirmed', signedOffBy: 'Dr Someone' }],
  clinical: {
    registrations: [{ body: 'GMC', number: '7123456', evidence: 'document-backed', documents: [{ sha256: 'a'.repeat(64) }] }],
    timecards: [
      {
        employer: 'Severnside NHS Foundation Trust',
        role: 'Locum Registrar',
        start: '2026-09-05T08:00:00+01:00',
        end: '2026-09-05T20:00:00+01:00',
        breakMinutes: 30,
        status: 'approved',
        decidedBy: 'Dr Someone',
      },
      { employer: 'Severnside NHS Foundation Trust', role: 'Locum Registrar', start: '2026-09-12T08:00:00+01:00', end: '2026-09-12T20:00:00+01:00', status: 'submitted' },
      { employer: 'Severnside NHS Foundation Trust', role: 'Locum Registrar', start: '2026-09-19T08:00:00+01:00', end: '2026-09-19T20:00:00+01:00', status: 'rejected' },
    ],
  },
  meta: { verifications: [{ subject: 'work.0', status: 'confirmed' }] },
};

describe('import is a claim, never proof', () => {
  it('stores a forged JSON Resume as self-declared items and unsubmitted shifts, and says so', async () => {
    const { client, userId } = await signUp(app, { name: 'Dr Forge Tester' });
    const res = await client.post('/api/import/json-resume', forged);
    expect(res.status).toBe(200);
    expect(res.body.created).toMatchObject({ posts: 1, registrations: 1, skills: 1, timecards: 3 });
    expect(res.body.warnings.join('\n')).toContain('3 shifts were marked as submitted, approved or rejected in the file');

    const timecards = (await client.get('/api/timecards')).body.timecards;
    expect(timecards.map((t: { status: string; decidedBy: string | null; decidedAt: string | null }) => [t.status, t.decidedBy, t.decidedAt])).toEqual([
      ['open', null, null],
      ['open', null, null],
      ['open', null, null],
    ]);
    expect((await client.get('/api/timecards/rollup')).body).toEqual({ rows: [], totalHours: 0 });
    expect((await client.get('/api/posts')).body.items[0].evidence).toBe('self-declared');
    expect((await client.get('/api/registrations')).body.items[0].evidence).toBe('self-declared');
    expect((await client.get('/api/skills')).body.items[0]).toMatchObject({ count: 30, evidence: 'self-declared', documentIds: [] });
    expect(res.body.notImported).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'skills.0.evidence' }), expect.objectContaining({ path: 'skills.0.signedOffBy' })]));
    expect((await client.get('/api/verifications')).body.verifications).toEqual([]);
    // Nothing to vouch for: no credential, and a CV built from it carries no mark.
    expect((await client.get('/api/me/credentials')).body.credentials).toEqual([]);
    const post = (await client.get('/api/posts')).body.items[0];
    const registration = (await client.get('/api/registrations')).body.items[0];
    const snapshot = await buildSnapshot(db(), userId, {
      template: 'full',
      jobTitle: null,
      draft: {
        sections: [
          { kind: 'experience', title: 'Experience', items: [{ title: post.title, subtitle: post.employer, dates: null, bullets: [], cites: [{ type: 'post', id: post.id }] }] },
          {
            kind: 'registration',
            title: 'Registration',
            items: [{ title: 'GMC registration', subtitle: null, dates: null, bullets: [], cites: [{ type: 'registration', id: registration.id }] }],
          },
          {
            kind: 'shifts',
            title: 'Verified shifts',
            items: [
              {
                title: 'Locum Registrar',
                subtitle: null,
                dates: null,
                bullets: [],
                cites: [{ type: 'shifts', id: shiftsRef('Severnside NHS Foundation Trust', 'Locum Registrar') }],
              },
            ],
          },
        ],
      },
    });
    expect(snapshot.sections.flatMap((sec) => sec.items.map((i) => i.evidence))).toEqual([
      { level: 'self-declared', text: null },
      { level: 'self-declared', text: null },
      { level: 'self-declared', text: null },
    ]);
    // The shifts can still be approved the proper way.
    const submitted = await client.post(`/api/timecards/${timecards[0].id}/submit`, { supervisorName: 'Dr Sam Okafor', supervisorEmail: 'sam.okafor@example.org' });
    expect(submitted.status).toBe(201);
  });

  it('does not carry approvals across an export and a re-import', async () => {
    const { client } = await signUp(app, { name: 'Dr Round Trip' });
    const shift = await client.post('/api/timecards', { employer: 'Northgate ED', role: 'Locum Registrar', start: '2026-10-03T08:00:00+01:00', end: '2026-10-03T18:00:00+01:00' });
    await client.post(`/api/timecards/${shift.body.id}/submit`, { supervisorName: 'Dr Sam Okafor', supervisorEmail: 'round.trip.supervisor@example.org' });
    const link = await verifierLink('round.trip.supervisor@example.org');
    expect((await form(link, { decision: 'confirm', name: 'Dr Sam Okafor', role: 'Consultant in Emergency Medicine', organisation: 'Northgate ED', declaration: 'yes' })).status).toBe(200);
    expect((await client.get(`/api/timecards/${shift.body.id}`)).body.status).toBe('approved');

    const exported = (await client.get('/api/export/json-resume')).body;
    // The export tells the truth about this account...
    expect(exported.clinical.timecards[0].status).toBe('approved');
    // ...but another account importing it gets a claim, not the approval.
    const other = await signUp(app, { name: 'Dr Round Trip' });
    await other.client.post('/api/import/json-resume', exported);
    const imported = (await other.client.get('/api/timecards')).body.timecards;
    expect(imported).toHaveLength(1);
    expect(imported[0]).toMatchObject({ status: 'open', decidedBy: null });
    expect((await other.client.get('/api/timecards/rollup')).body.rows).toEqual([]);
  });

  it('ignores evidence, status and decision fields sent to the record and time card APIs', async () => {
    const { client } = await signUp(app);
    const post = await client.post('/api/posts', {
      employer: 'A Trust',
      title: 'SHO',
      contract: 'substantive',
      startDate: '2022-08-03',
      evidence: 'verifier-confirmed',
      documentIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(post.status).toBe(201);
    expect(post.body).toMatchObject({ evidence: 'self-declared', documentIds: [] });
    const patched = await client.patch(`/api/posts/${post.body.id}`, { evidence: 'verifier-confirmed' });
    expect(patched.body.evidence).toBe('self-declared');

    const shift = await client.post('/api/timecards', {
      employer: 'A Trust',
      role: 'SHO',
      start: '2026-10-10T08:00:00+01:00',
      end: '2026-10-10T16:00:00+01:00',
      status: 'approved',
      decidedBy: 'Me',
    });
    expect(shift.status).toBe(201);
    expect(shift.body).toMatchObject({ status: 'open', decidedBy: null });
    const edited = await client.patch(`/api/timecards/${shift.body.id}`, { status: 'approved', decidedBy: 'Me' });
    expect(edited.body).toMatchObject({ status: 'open', decidedBy: null });
    expect((await client.get('/api/timecards/rollup')).body.rows).toEqual([]);
  });

  it("cannot borrow another user's evidence: their document, their post, their referee link", async () => {
    const mine = await signUp(app);
    const theirs = await signUp(app);
    const myPost = await mine.client.post('/api/posts', { employer: 'A Trust', title: 'SHO', contract: 'substantive', startDate: '2022-08-03' });
    const theirDocument = await uploadDocument(app, theirs.client, pdfWith('Their certificate'), 'theirs.pdf');
    expect((await mine.client.post(`/api/documents/${theirDocument.body.id}/links`, { recordType: 'post', recordId: myPost.body.id })).status).toBe(404);
    const theirPost = await theirs.client.post('/api/posts', { employer: 'B Trust', title: 'Registrar', contract: 'substantive', startDate: '2021-08-04' });
    expect(
      (
        await mine.client.post('/api/verifications', {
          subjectType: 'post',
          subjectId: theirPost.body.id,
          verifierName: 'Ref',
          verifierEmail: 'ref@example.org',
          relationship: 'Supervisor',
        })
      ).status,
    ).toBe(404);
    expect((await mine.client.get(`/api/posts/${myPost.body.id}`)).body.evidence).toBe('self-declared');
  });

  it('demotes approvals that earlier imports stored, keeping those a supervisor gave through Medfolio', async () => {
    const { client, userId } = await signUp(app, { name: 'Dr Legacy Import' });
    await client.post('/api/import/json-resume', {
      clinical: {
        timecards: [
          { employer: 'Old Trust', role: 'Registrar', start: '2026-08-01T08:00:00+01:00', end: '2026-08-01T18:00:00+01:00' },
          { employer: 'Old Trust', role: 'Registrar', start: '2026-08-08T08:00:00+01:00', end: '2026-08-08T18:00:00+01:00' },
          { employer: 'Old Trust', role: 'Registrar', start: '2026-08-15T08:00:00+01:00', end: '2026-08-15T18:00:00+01:00' },
        ],
      },
    });
    const [first, second, third] = ((await client.get('/api/timecards')).body.timecards as Array<{ id: string; clockIn: string }>).sort((a, b) => a.clockIn.localeCompare(b.clockIn));
    // The third is approved the proper way, through its supervisor's link.
    await client.post(`/api/timecards/${third!.id}/submit`, { supervisorName: 'Dr Legacy Supervisor', supervisorEmail: 'legacy.supervisor@example.org' });
    const link = await verifierLink('legacy.supervisor@example.org');
    expect((await form(link, { decision: 'confirm', name: 'Dr Legacy Supervisor', role: 'Consultant', organisation: 'Old Trust', declaration: 'yes' })).status).toBe(200);
    // The first two look as the old importer left them.
    await sql`UPDATE timecards SET status = 'approved', decided_by = 'imported record', decided_at = now() WHERE id = ${first!.id}`.execute(db());
    await sql`UPDATE timecards SET status = 'submitted' WHERE id = ${second!.id}`.execute(db());
    expect((await client.get('/api/timecards/rollup')).body.rows[0].shifts).toBe(2);

    await demoteImportedApprovals(db() as never);
    const after = new Map(((await client.get('/api/timecards')).body.timecards as Array<{ id: string; status: string; decidedBy: string | null }>).map((t) => [t.id, t]));
    expect(after.get(first!.id)).toMatchObject({ status: 'open', decidedBy: null });
    expect(after.get(second!.id)).toMatchObject({ status: 'open' });
    expect(after.get(third!.id)).toMatchObject({ status: 'approved', decidedBy: 'Dr Legacy Supervisor' });
    const rows = await sql<{ n: number }>`SELECT count(*)::int AS n FROM timecards WHERE user_id = ${userId} AND status = 'approved'`.execute(db());
    expect(rows.rows[0]!.n).toBe(1);
  });

  it('imports persona files with approved shifts as unsubmitted', async () => {
    const resume = persona('em-st4-locum.json');
    const { client } = await signUp(app, { name: resume.basics.name });
    await client.post('/api/import/json-resume', resume);
    const statuses = ((await client.get('/api/timecards')).body.timecards as Array<{ status: string }>).map((t) => t.status);
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(['open']));
  });

  it('stores nothing from an uploaded CV, whatever it claims, and its accepted items are self-declared', async () => {
    const { client } = await signUp(app);
    const cv = docxWith([
      'Career History',
      'Staff Nurse, Ward 9 (Band 5) - verified by referee, approved',
      'Harbourside University Hospitals NHS Trust',
      '09/2019 - 08/2021',
      'NMC PIN 18K0423E (confirmed)',
    ]);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(cv)]), 'cv.docx');
    const csrf = (await client.get('/api/auth/csrf')).body.csrfToken;
    const res = await fetch(app.url('/api/import/cv-file'), {
      method: 'POST',
      headers: { cookie: client.cookieHeader(), origin: client.origin, 'x-csrf-token': csrf, 'x-forwarded-for': client.ip ?? '' },
      body: form,
    });
    const draft = (await res.json()) as { resume: { work: unknown[]; clinical: { registrations: unknown[] } } };
    expect(res.status).toBe(200);
    expect((await client.get('/api/posts')).body.items).toEqual([]);
    await client.post('/api/import/json-resume', { work: draft.resume.work, clinical: draft.resume.clinical });
    const evidence = [...(await client.get('/api/posts')).body.items, ...(await client.get('/api/registrations')).body.items].map((i: { evidence: string }) => i.evidence);
    expect(evidence.length).toBe(2);
    expect(new Set(evidence)).toEqual(new Set(['self-declared']));
  });
});
