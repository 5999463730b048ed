import { CATALOGUE_DEFAULTS } from '../../server/domains/record/catalogue.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../support/app.ts';
import { signUp } from '../support/accounts.ts';
import { waitFor } from '../support/wait.ts';
import { RECORD_SAMPLES } from '../support/record-samples.ts';
import { RECORD_KINDS } from '../../server/domains/record/kinds.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ TRUST_PROXY: 'true' });
});
afterAll(async () => {
  await app?.close();
});

const issuesOf = (res: { body: any }) => Object.fromEntries((res.body.error?.details?.issues ?? []).map((i: { path: string; message: string }) => [i.path, i.message]));

describe('every record kind, from the registry', () => {
  for (const kind of RECORD_KINDS) {
    it(`${kind.label}: created, listed, corrected, audited, kept from other users and deleted at /api/${kind.path}`, async () => {
      const owner = await signUp(app);
      const other = await signUp(app);
      const { valid, correction } = RECORD_SAMPLES[kind.type];
      const base = `/api/${kind.path}`;

      const empty = await owner.client.post(base, {});
      expect(empty.status).toBe(422);
      expect(Object.keys(issuesOf(empty)).length).toBeGreaterThan(0);

      const created = await owner.client.post(base, valid);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ ...valid, evidence: 'self-declared', documentIds: [] });
      const id = created.body.id;
      expect((await owner.client.get(base)).body.items.map((i: { id: string }) => i.id)).toEqual([id]);

      const corrected = await owner.client.patch(`${base}/${id}`, correction);
      expect(corrected.status).toBe(200);
      expect(corrected.body).toMatchObject({ ...valid, ...correction });
      const events = (await owner.client.get('/api/audit?limit=20')).body.events.map((e: { action: string }) => e.action);
      expect(events).toEqual(expect.arrayContaining([`${kind.type}.created`, `${kind.type}.updated`]));

      // Another user's item does not exist for them.
      expect((await other.client.get(`${base}/${id}`)).status).toBe(404);
      expect((await other.client.patch(`${base}/${id}`, correction)).status).toBe(404);
      expect((await other.client.delete(`${base}/${id}`)).status).toBe(404);
      expect((await other.client.get(base)).body.items).toEqual([]);

      expect((await owner.client.delete(`${base}/${id}`)).status).toBe(204);
      expect((await owner.client.get(`${base}/${id}`)).status).toBe(404);
    });
  }
});

describe('the career record', () => {
  it('creates, reads, corrects and deletes a post, keeping the old values in the audit trail', async () => {
    const { client } = await signUp(app);
    const created = await client.post('/api/posts', {
      employer: 'Calder Valley Hospitals NHS Trust',
      title: 'Specialty Registrar, Emergency Medicine',
      grade: 'ST3',
      specialty: 'Emergency Medicine',
      contract: 'substantive',
      startDate: '2024-08-07',
      endDate: '2025-08-05',
      achievements: ['Completed 40 procedural sedations logged in the e-portfolio'],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ evidence: 'self-declared', documentIds: [], endDate: '2025-08-05', wte: null });
    const id = created.body.id;

    const corrected = await client.patch(`/api/posts/${id}`, { grade: 'ST4' });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({ grade: 'ST4', achievements: ['Completed 40 procedural sedations logged in the e-portfolio'] });

    const audit = await client.get('/api/audit?limit=20');
    const update = audit.body.events.find((e: { action: string }) => e.action === 'post.updated');
    expect(update.details).toEqual({ changed: ['grade'], before: { grade: 'ST3' } });

    expect((await client.get('/api/posts')).body.items).toHaveLength(1);
    expect((await client.delete(`/api/posts/${id}`)).status).toBe(204);
    expect((await client.get(`/api/posts/${id}`)).status).toBe(404);
  });

  it('refuses invalid records with the field and the rule', async () => {
    const { client } = await signUp(app);
    const post = await client.post('/api/posts', { employer: 'X Trust', title: 'SHO', contract: 'locum', startDate: '2025-08-05', endDate: '2024-08-07' });
    expect(post.status).toBe(422);
    expect(issuesOf(post)).toEqual({ 'body.endDate': 'End date must not be before the start date' });
    const far = await client.post('/api/posts', { employer: 'X Trust', title: 'SHO', contract: 'locum', startDate: '2099-01-01' });
    expect(issuesOf(far)['body.startDate']).toMatch(/ahead/);
    const gmc = await client.post('/api/registrations', { body: 'GMC', number: '123' });
    expect(issuesOf(gmc)).toEqual({ 'body.number': 'A GMC number is 7 digits' });
    const nmc = await client.post('/api/registrations', { body: 'NMC', number: '16I2345' });
    expect(issuesOf(nmc)['body.number']).toMatch(/NMC PIN/);
    const npi = await client.post('/api/registrations', { body: 'NPI', number: '1234567890' });
    expect(issuesOf(npi)['body.number']).toMatch(/check digit/);
    const board = await client.post('/api/registrations', { body: 'US-STATE-BOARD', number: 'A12345' });
    expect(issuesOf(board)).toEqual({ 'body.jurisdiction': 'State is required for a US state board' });
    const dbs = await client.post('/api/dbs', { level: 'enhanced', workforce: 'adult', certificateNumber: '1234', issueDate: '2024-01-01' });
    expect(issuesOf(dbs)).toEqual({ 'body.certificateNumber': 'A DBS certificate number is 12 digits' });
    const future = await client.post('/api/training', { name: 'ALS', completedOn: '2099-01-01' });
    expect(issuesOf(future)).toEqual({ 'body.completedOn': 'Completion date cannot be in the future' });
    const badDate = await client.post('/api/training', { name: 'ALS', completedOn: '2024-02-30' });
    expect(issuesOf(badDate)['body.completedOn']).toBe('Completion date is not a real calendar date');
    const patchBreaks = await client.post('/api/posts', { employer: 'Y Trust', title: 'SHO', contract: 'bank', startDate: '2024-01-01', endDate: '2024-06-01' });
    const broken = await client.patch(`/api/posts/${patchBreaks.body.id}`, { startDate: '2024-07-01' });
    expect(issuesOf(broken)).toEqual({ 'body.endDate': 'End date must not be before the start date' });
  });

  it("checks publications, activities, awards and referees by their own rules, in people's words", async () => {
    const { client } = await signUp(app, { name: 'Leila Haddad', email: `leila.haddad.${Date.now()}@example.org` });
    const doi = await client.post('/api/publications', { title: 'A review', publicationType: 'review', doi: '10.12/x', pmid: '0123' });
    expect(issuesOf(doi)).toEqual({ 'body.doi': 'A DOI starts 10. and has a / (e.g. 10.1136/bmj.n71)', 'body.pmid': 'A PubMed id (PMID) is up to 8 digits' });
    // A DOI pasted as a link is kept as the DOI itself.
    const pasted = await client.post('/api/publications', { title: 'A review', publicationType: 'review', doi: 'https://doi.org/10.1136/bmj.n71', pmid: '33782057' });
    expect(pasted.status).toBe(201);
    expect(pasted.body).toMatchObject({ doi: '10.1136/bmj.n71', pmid: '33782057', label: 'A review' });
    const badType = await client.post('/api/publications', { title: 'A review', publicationType: 'blog' });
    expect(Object.keys(issuesOf(badType))).toEqual(['body.publicationType']);
    expect(issuesOf(badType)['body.publicationType']).toMatch(/^Type of publication /);

    const backwards = await client.post('/api/activities', { category: 'audit', title: 'Sepsis audit', startDate: '2024-06-01', endDate: '2024-01-01' });
    expect(issuesOf(backwards)).toEqual({ 'body.endDate': 'End date must not be before the start date' });
    const noCategory = await client.post('/api/activities', { title: 'Sepsis audit' });
    expect(Object.keys(issuesOf(noCategory))).toEqual(['body.category']);
    expect(issuesOf(noCategory)['body.category']).toMatch(/^Type of activity /);

    const halfHours = await client.post('/api/courses', { title: 'ATLS', format: 'course', startDate: '2024-03-04', cpdHours: 7.25 });
    expect(issuesOf(halfHours)).toEqual({ 'body.cpdHours': 'CPD hours must be a multiple of 0.5' });
    const lapsed = await client.post('/api/memberships', { organisation: 'BMA', since: '2020-01-01', until: '2019-01-01' });
    expect(issuesOf(lapsed)).toEqual({ 'body.until': 'End of membership must not be before the start of membership' });

    const future = await client.post('/api/awards', { title: 'Trainee of the Year', awardedOn: '2099-07-01' });
    expect(issuesOf(future)).toEqual({ 'body.awardedOn': 'Date awarded cannot be in the future' });

    // A referee is someone else, by name or by address.
    const me = (await client.get('/api/me')).body;
    const ownName = await client.post('/api/referees', { name: 'Leila  HADDAD' });
    expect(issuesOf(ownName)).toEqual({ 'body.name': 'Name is yours: a referee is someone else who knows your work' });
    const ownEmail = await client.post('/api/referees', { name: 'Dr Someone Else', email: me.email });
    expect(issuesOf(ownEmail)).toEqual({ 'body.email': 'Email address is yours: a referee is someone else who knows your work' });
    const badContact = await client.post('/api/referees', { name: 'Dr Ngozi Adeyemi', email: 'not-an-address', phone: 'call me' });
    expect(Object.keys(issuesOf(badContact)).sort()).toEqual(['body.email', 'body.phone']);
    const referee = await client.post('/api/referees', { name: 'Dr Ngozi Adeyemi', email: 'ngozi.adeyemi@example.org', phone: '+44 1632 960123' });
    expect(referee.body).toMatchObject({ showOnCv: false, evidence: 'self-declared' });
  });

  it('keeps a clinical skill or procedure with its logbook count, refusing a count that is not a non-negative whole number', async () => {
    const { client } = await signUp(app);
    const words = { '-1': 'Number performed must be at least 0', '2.5': 'Number performed must be a whole number' } as Record<string, string>;
    for (const count of [-1, 2.5, '12', true]) {
      const bad = await client.post('/api/skills', { name: 'Chest drain insertion', count });
      expect(bad.status).toBe(422);
      expect(Object.keys(issuesOf(bad))).toEqual(['body.count']);
      if (words[String(count)]) expect(issuesOf(bad)['body.count']).toBe(words[String(count)]);
    }
    const backwards = await client.post('/api/skills', { name: 'Chest drain insertion', periodStart: '2025-01-01', periodEnd: '2024-01-01' });
    expect(issuesOf(backwards)).toEqual({ 'body.periodEnd': 'Counted to (as of) must not be before the start of the period counted' });
    const future = await client.post('/api/skills', { name: 'Chest drain insertion', periodEnd: '2099-01-01' });
    expect(issuesOf(future)).toEqual({ 'body.periodEnd': 'Counted to (as of) cannot be in the future' });
    const badSupervision = await client.post('/api/skills', { name: 'Chest drain insertion', supervision: 'mostly' });
    expect(Object.keys(issuesOf(badSupervision))).toEqual(['body.supervision']);
    expect(issuesOf(badSupervision)['body.supervision']).toMatch(/^Supervision /);

    // Zero is a count (observed, never performed); a bare skill group needs nothing but its name.
    const observed = await client.post('/api/skills', { name: 'Pericardiocentesis', supervision: 'observed', count: 0, periodEnd: '2025-06-30' });
    expect(observed.status).toBe(201);
    expect(observed.body).toMatchObject({ name: 'Pericardiocentesis', supervision: 'observed', count: 0, periodStart: null, periodEnd: '2025-06-30', keywords: [], label: 'Pericardiocentesis' });
    const group = await client.post('/api/skills', { name: 'Systems', keywords: ['EMIS Web', 'SystmOne'] });
    expect(group.body).toMatchObject({ supervision: null, count: null, proficiency: null, keywords: ['EMIS Web', 'SystmOne'] });
    // Clearing the count clears it.
    const cleared = await client.patch(`/api/skills/${observed.body.id}`, { count: null });
    expect(cleared.body.count).toBeNull();
  });

  it('normalises registration numbers and matches training to the catalogue with computed expiry', async () => {
    const { client } = await signUp(app);
    const reg = await client.post('/api/registrations', { body: 'NMC', number: '16i 2345e', revalidationDate: '2027-01-31' });
    expect(reg.status).toBe(201);
    expect(reg.body.number).toBe('16I2345E');
    const als = await client.post('/api/training', { name: 'RCUK ALS provider', completedOn: '2024-02-14' });
    expect(als.body).toMatchObject({ catalogueId: 'als', expiresOn: '2028-02-14', expirySource: 'catalogue' });
    const given = await client.post('/api/training', { name: 'Advanced Life Support (ALS)', completedOn: '2024-02-14', expiresOn: '2027-02-14' });
    expect(given.body).toMatchObject({ expiresOn: '2027-02-14', expirySource: 'given' });
    const aha = await client.post('/api/training', { name: 'AHA ACLS Provider', completedOn: '2025-03-10' });
    expect(aha.body).toMatchObject({ catalogueId: 'aha-acls', expiresOn: '2027-03-31' });
    const unknown = await client.post('/api/training', { name: 'Falls prevention workshop', completedOn: '2025-03-10' });
    expect(unknown.body).toMatchObject({ catalogueId: null, expiresOn: null, expirySource: 'none' });
    const moved = await client.patch(`/api/training/${als.body.id}`, { completedOn: '2025-02-14' });
    expect(moved.body.expiresOn).toBe('2029-02-14');
    expect((await client.get('/api/training-catalogue')).body.entries).toHaveLength(CATALOGUE_DEFAULTS.length);
  });

  it('embeds each record for retrieval, and forgets the vector when the record goes', async () => {
    const { client, userId } = await signUp(app);
    const post = await client.post('/api/posts', { employer: 'Severnside NHS Foundation Trust', title: 'Charge Nurse, Adult ICU', grade: 'Band 6', contract: 'substantive', startDate: '2022-04-01' });
    const db = app.server.platform.database.db;
    const row = await waitFor(
      'embedding',
      async () =>
        (await sql<{ model: string; dims: number }>`SELECT model, vector_dims(embedding) AS dims FROM record_embeddings WHERE record_id = ${post.body.id} AND user_id = ${userId}`.execute(db)).rows[0],
    );
    expect(row).toEqual({ model: 'local-hash-v1-384', dims: 384 });
    await client.delete(`/api/posts/${post.body.id}`);
    const left = await sql<{ n: number }>`SELECT count(*)::int AS n FROM record_embeddings WHERE record_id = ${post.body.id}`.execute(db);
    expect(left.rows[0]!.n).toBe(0);
  });

  it('lets a platform admin change a catalogue validity, and no one else', async () => {
    const admin = await signUp(app);
    const user = await signUp(app);
    await sql`UPDATE users SET role = 'platform_admin' WHERE id = ${admin.userId}`.execute(app.server.platform.database.db);
    expect((await user.client.patch('/api/admin/training-catalogue/bls', { validityMonths: 24 })).status).toBe(404);
    const updated = await admin.client.patch('/api/admin/training-catalogue/bls', { validityMonths: 24 });
    expect(updated.body).toMatchObject({ id: 'bls', validityMonths: 24 });
    const bls = await user.client.post('/api/training', { name: 'Basic Life Support', completedOn: '2026-02-02' });
    expect(bls.body.expiresOn).toBe('2028-02-02');
  });
});

describe('embeddings made by another model', () => {
  it('are re-embedded by the sweep with the current model', async () => {
    const { client } = await signUp(app);
    const post = await client.post('/api/posts', { employer: 'Calder Valley Hospitals NHS Trust', title: 'Registrar', contract: 'substantive', startDate: '2024-08-07' });
    const db = app.server.platform.database.db;
    await waitFor('first embedding', async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM record_embeddings WHERE record_id = ${post.body.id}`.execute(db)).rows[0]!.n === 1);
    await sql`UPDATE record_embeddings SET model = 'retired-model', content_hash = 'x' WHERE record_id = ${post.body.id}`.execute(db);
    await app.server.platform.queue.runPeriodicWork();
    const model = await waitFor('re-embedded', async () => {
      const row = (await sql<{ model: string }>`SELECT model FROM record_embeddings WHERE record_id = ${post.body.id}`.execute(db)).rows[0];
      return row?.model === 'local-hash-v1-384' ? row.model : undefined;
    });
    expect(model).toBe('local-hash-v1-384');
  });
});
