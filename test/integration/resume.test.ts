import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { signUp } from '../support/accounts.ts';
import { personas } from '../support/fixtures.ts';

const require = createRequire(import.meta.url);
const { validate } = require('@jsonresume/schema') as { validate: (doc: unknown, cb: (errors: unknown, valid: boolean) => void) => void };
const validateResume = (doc: unknown) => new Promise<{ valid: boolean; errors: unknown }>((resolve) => validate(doc, (errors, valid) => resolve({ valid, errors })));

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ TRUST_PROXY: 'true' });
});
afterAll(async () => {
  await app?.close();
});

/** What must survive a round trip: everything but the account-specific basics and the export time. */
const comparable = (doc: any) => ({ ...doc, basics: { ...doc.basics, email: undefined }, meta: undefined });

describe('JSON Resume import and export', () => {
  for (const { file, resume } of personas()) {
    it(`${file}: imports, exports a valid JSON Resume, and re-imports to the same record`, async () => {
      const { client } = await signUp(app, { name: resume.basics.name });
      const first = await client.post('/api/import/json-resume', resume);
      expect(first.status).toBe(200);
      expect(first.body.skipped).toEqual([]);
      expect(first.body.created.posts).toBe(resume.work.length);
      expect(first.body.created.training).toBe(resume.certificates.length);
      expect(first.body.created.registrations).toBe(resume.clinical.registrations.length);
      expect(first.body.created.timecards).toBe(resume.clinical.timecards?.length ?? 0);

      const exported = (await client.get('/api/export/json-resume')).body;
      const validation = await validateResume(exported);
      expect(validation.errors).toBeNull();
      expect(validation.valid).toBe(true);
      // The export carries what the file said.
      expect(exported.work.map((w: any) => [w.name, w.position, w.startDate, w.endDate ?? null, w.grade]).sort()).toEqual(
        resume.work.map((w: any) => [w.name, w.position, w.startDate, w.endDate ?? null, w.grade]).sort(),
      );
      expect(exported.certificates.map((c: any) => [c.name, c.date, c.issuer]).sort()).toEqual(resume.certificates.map((c: any) => [c.name, c.date, c.issuer]).sort());
      expect(exported.clinical.registrations).toEqual(resume.clinical.registrations);
      expect(exported.clinical.dbs.map((d: any) => ({ ...d, statusChecks: undefined }))).toEqual(resume.clinical.dbs.map((d: any) => ({ ...d, statusChecks: undefined })));
      // Shifts arrive unsubmitted whatever the file says: an approval is given in Medfolio, never imported.
      expect(exported.clinical.timecards ?? []).toEqual((resume.clinical.timecards ?? []).map((t: any) => ({ ...t, status: 'open' })));
      // Skills are record items now: kept field for field, exported in the record's order (by name when undated).
      const byName = (xs: any[] = []) => [...xs].sort((a, b) => a.name.localeCompare(b.name));
      expect(exported.skills).toEqual(resume.skills ? byName(resume.skills) : undefined);
      expect(exported.basics).toMatchObject({ name: resume.basics.name, label: resume.basics.label, summary: resume.basics.summary });

      // Importing the same file, or the export, again changes nothing and duplicates nothing.
      const again = await client.post('/api/import/json-resume', resume);
      expect(Object.values(again.body.created).every((n) => n === 0)).toBe(true);
      const reimport = await client.post('/api/import/json-resume', exported);
      expect(Object.values(reimport.body.created).every((n) => n === 0)).toBe(true);
      const afterRoundTrip = (await client.get('/api/export/json-resume')).body;
      expect(comparable(afterRoundTrip)).toEqual(comparable(exported));

      // And into a fresh account, the export rebuilds the same record.
      const other = await signUp(app, { name: resume.basics.name });
      await other.client.post('/api/import/json-resume', exported);
      expect(comparable((await other.client.get('/api/export/json-resume')).body)).toEqual(comparable(exported));
    });
  }

  it("the full record in JSON Resume's own sections: projects, publications, awards and references export, import and export again identically", async () => {
    const file = {
      basics: { name: 'Dr Leila Haddad' },
      projects: [
        {
          name: 'Sepsis six within the hour',
          type: 'audit',
          entity: 'Calder Valley Hospitals NHS Trust',
          roles: ['Audit lead'],
          startDate: '2024-01',
          endDate: '2024-06-28',
          highlights: ['Antibiotics within the hour rose from 61% to 84%'],
          keywords: ['sepsis'],
        },
        { name: 'Simulation faculty', type: 'Teaching', startDate: '2023-09-01', description: 'Monthly in-situ simulation' },
        { name: 'Hackathon app', type: 'application' },
      ],
      publications: [
        {
          name: 'Fascia iliaca block in the ED',
          type: 'journal-article',
          publisher: 'Emergency Medicine Journal',
          releaseDate: '2025-02-01',
          doi: 'doi:10.1136/emermed-2024-214321',
          pmid: '39512345',
          authors: 'Haddad L, Adeyemi N',
          url: 'https://example.org/paper',
          summary: 'A prospective service evaluation',
        },
      ],
      // Logged procedures (newest first), then skill groups by name: the record's order.
      skills: [
        {
          name: 'Central venous catheter insertion',
          level: 'Competent',
          keywords: ['ultrasound-guided', 'internal jugular'],
          supervision: 'independent',
          count: 45,
          periodStart: '2023-08-02',
          periodEnd: '2025-07-31',
          logbook: 'No pneumothoraces; one arterial puncture',
        },
        { name: 'Pericardiocentesis', supervision: 'observed', count: 0, periodEnd: '2025-06-30' },
        { name: 'Systems', keywords: ['EMIS Web', 'SystmOne'] },
      ],
      languages: [
        { language: 'Arabic', fluency: 'Conversational' },
        { language: 'English', fluency: 'Native speaker' },
      ],
      awards: [{ title: 'Trainee of the Year', date: '2024', awarder: 'Calder Valley Hospitals NHS Trust', summary: 'Chosen by the consultants' }],
      clinical: {
        courses: [
          {
            name: 'Point-of-care ultrasound level 1',
            format: 'course',
            organiser: 'Calder Valley Hospitals NHS Trust',
            startDate: '2024-03-04',
            endDate: '2024-03-05',
            cpdHours: 12.5,
            reflection: 'Now scan every shocked patient',
          },
        ],
        memberships: [{ organisation: 'Royal College of Emergency Medicine', grade: 'Member', postNominals: 'MRCEM', since: '2024-03-01' }],
      },
      references: [
        {
          name: 'Dr Ngozi Adeyemi',
          reference: 'A registrar I would want on nights.',
          position: 'Consultant',
          organisation: 'Calder Valley Hospitals NHS Trust',
          relationship: 'Educational supervisor',
          email: 'ngozi.adeyemi@example.org',
          phone: '01632 960123',
          showOnCv: true,
        },
      ],
    };
    const { client } = await signUp(app, { name: 'Dr Leila Haddad' });
    const first = await client.post('/api/import/json-resume', file);
    expect(first.status).toBe(200);
    expect(first.body.created).toMatchObject({ activities: 3, publications: 1, awards: 1, courses: 1, skills: 3, languages: 2, memberships: 1, referees: 1 });
    // A project type Medfolio has no category for is kept as a project, and the report says so.
    expect(first.body.notImported).toContainEqual({ path: 'projects.2.type', reason: expect.stringMatching(/^kept as "project"/) });
    expect((await client.get('/api/activities')).body.items.map((a: any) => a.category).sort()).toEqual(['audit', 'project', 'teaching']);

    const exported = (await client.get('/api/export/json-resume')).body;
    expect((await validateResume(exported)).errors).toBeNull();
    expect(exported.publications).toEqual([{ ...file.publications[0], doi: '10.1136/emermed-2024-214321' }]);
    expect(exported.awards).toEqual([{ ...file.awards[0], date: '2024-01-01' }]);
    expect(exported.references).toEqual(file.references);
    expect(exported.clinical).toEqual(file.clinical);
    expect(exported.languages).toEqual(file.languages);
    expect(exported.skills).toEqual(file.skills);
    expect((await client.get('/api/skills')).body.items.find((k: any) => k.name === 'Pericardiocentesis')).toMatchObject({ count: 0, supervision: 'observed', evidence: 'self-declared' });
    expect(exported.projects[0]).toEqual({ ...file.projects[0], startDate: '2024-01-01' });

    const again = await client.post('/api/import/json-resume', exported);
    expect(Object.values(again.body.created).every((n) => n === 0)).toBe(true);
    expect(comparable((await client.get('/api/export/json-resume')).body)).toEqual(comparable(exported));
    const other = await signUp(app, { name: 'Dr Leila Haddad' });
    // Every field of the exported sections is kept (only the file's own description and the account email are not).
    const notImported = (await other.client.post('/api/import/json-resume', exported)).body.notImported.map((n: { path: string }) => n.path);
    expect(notImported.filter((p: string) => /^(?:projects|publications|awards|references|skills|languages|clinical)\./.test(p))).toEqual([]);
    expect(comparable((await other.client.get('/api/export/json-resume')).body)).toEqual(comparable(exported));
  });

  it("refuses a skill's count that is not a non-negative whole number, and an unknown supervision, naming the field in the file", async () => {
    const { client } = await signUp(app);
    const res = await client.post('/api/import/json-resume', {
      skills: [
        { name: 'Chest drain insertion', count: -2 },
        { name: 'Lumbar puncture', count: 3.5, supervision: 'sometimes' },
        { name: 'Arterial lines', count: '12' },
      ],
    });
    expect(res.status).toBe(422);
    expect(res.body.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(['body.skills.0.count', 'body.skills.1.count', 'body.skills.1.supervision', 'body.skills.2.count']);
    expect((await client.get('/api/skills')).body.items).toEqual([]);
  });

  it('imports a plain JSON Resume with no clinical fields, mapping certificates to the catalogue', async () => {
    const { client } = await signUp(app);
    const plain = {
      basics: { name: 'Alex Morgan', label: 'Paramedic', email: 'alex@example.org' },
      work: [
        { name: 'North West Ambulance Service NHS Trust', position: 'Paramedic', startDate: '2019-09', highlights: ['Cat 1 and 2 emergency response'] },
        { name: 'Some Company', position: 'Volunteer' },
      ],
      education: [{ institution: 'University of Cumbria', studyType: 'BSc', area: 'Paramedic Science', startDate: '2016', endDate: '2019' }],
      certificates: [{ name: 'ALS provider', date: '2024-06-01', issuer: 'RCUK' }, { name: 'First aid at work' }],
      skills: [{ name: 'Clinical', keywords: ['cannulation', '12-lead ECG'] }],
    };
    const res = await client.post('/api/import/json-resume', plain);
    expect(res.status).toBe(200);
    expect(res.body.created).toMatchObject({ posts: 1, education: 1, training: 1 });
    expect(res.body.skipped).toEqual([
      { path: 'work.1', reason: 'a post needs an employer (name), a position and a startDate' },
      { path: 'certificates.1', reason: 'training needs a name and the date it was completed' },
    ]);
    expect(res.body.warnings.join('\n')).toContain('work.0.startDate: "2019-09" read as the start of that month');
    const training = (await client.get('/api/training')).body.items[0];
    expect(training).toMatchObject({ catalogueId: 'als', completedOn: '2024-06-01', expiresOn: '2028-06-01', expirySource: 'catalogue' });
    const post = (await client.get('/api/posts')).body.items[0];
    expect(post).toMatchObject({ startDate: '2019-09-01', contract: 'other' });
    const education = (await client.get('/api/education')).body.items[0];
    expect(education).toMatchObject({ startDate: '2016-01-01', endDate: '2019-12-31' });
  });

  it('refuses a file with invalid values, naming each field in the file, and imports nothing', async () => {
    const { client } = await signUp(app);
    const res = await client.post('/api/import/json-resume', {
      work: [{ name: 'A Trust', position: 'SHO', startDate: '2024-08-01', endDate: '2023-08-01' }],
      certificates: [{ name: 'ALS', date: '2099-01-01' }],
      clinical: { registrations: [{ body: 'GMC', number: '12345' }], dbs: [{ level: 'enhanced', workforce: 'adult', certificateNumber: 'abc', issueDate: '2024-01-01' }] },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.details.issues).toEqual(
      expect.arrayContaining([
        { path: 'body.work.0.endDate', message: 'End date must not be before the start date' },
        { path: 'body.certificates.0.date', message: 'Date cannot be in the future' },
        { path: 'body.clinical.registrations.0.number', message: 'A GMC number is 7 digits' },
        { path: 'body.clinical.dbs.0.certificateNumber', message: 'A DBS certificate number is 12 digits' },
      ]),
    );
    expect((await client.get('/api/posts')).body.items).toEqual([]);
    const bad = await client.post('/api/import/json-resume', { work: [{ name: 'A', position: 'B', startDate: '01/08/2024' }] });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.issues[0].path).toBe('body.work.0.startDate');
  });
});
