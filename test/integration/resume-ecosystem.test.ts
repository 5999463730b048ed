import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { signUp } from '../support/accounts.ts';
import { ecosystemSamples, validateResume } from '../support/jsonresume-samples.ts';

/**
 * Issue 15 item 6: JSON Resume files from the ecosystem import without loss. Every field present
 * in a file either comes back in the export or is listed in the report (skipped or notImported).
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const isPresent = (v: unknown) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
const DATE_FIELDS = new Set(['startDate', 'endDate', 'date', 'expiryDate', 'releaseDate']);
const trimmed = (v: unknown): unknown => (typeof v === 'string' ? v.trim() : Array.isArray(v) ? v.map(trimmed).filter((x) => x !== '') : v);

/** An exported date is complete (YYYY-MM-DD); the file's may be a year or a month. */
const sameValue = (field: string, fromFile: unknown, exported: unknown) =>
  DATE_FIELDS.has(field) && typeof fromFile === 'string' ? typeof exported === 'string' && exported.startsWith(fromFile) : isDeepStrictEqual(trimmed(fromFile), exported);

const IDENTITY: Record<string, (a: any, b: any) => boolean> = {
  work: (a, b) => a.name?.trim() === b.name && a.position?.trim() === b.position && sameValue('startDate', a.startDate, b.startDate),
  education: (a, b) => a.institution?.trim() === b.institution && (a.studyType?.trim() || undefined) === b.studyType && (a.area?.trim() || undefined) === b.area,
  certificates: (a, b) => a.name?.trim() === b.name && sameValue('date', a.date, b.date),
  // The sections record kinds own (activities, publications, awards, referees): matched item by item.
  projects: (a, b) => a.name?.trim() === b.name && sameValue('startDate', a.startDate, b.startDate),
  publications: (a, b) => a.name?.trim() === b.name && sameValue('releaseDate', a.releaseDate, b.releaseDate),
  awards: (a, b) => a.title?.trim() === b.title && sameValue('date', a.date, b.date),
  references: (a, b) => a.name?.trim() === b.name,
  skills: (a, b) => a.name?.trim() === b.name,
  languages: (a, b) => a.language?.trim() === b.language,
};

/** Paths of present fields that are neither exported back nor reported. */
function silentlyDropped(file: any, exported: any, report: any): string[] {
  const reported = new Set([...report.skipped, ...report.notImported].map((r: { path: string }) => r.path));
  const isReported = (path: string) => [...reported].some((r) => path === r || path.startsWith(`${r}.`));
  const lost: string[] = [];
  for (const [field, value] of Object.entries(file)) {
    if (!isPresent(value) || isReported(field)) continue;
    if (field in IDENTITY) {
      (value as any[]).forEach((item, i) => {
        const path = `${field}.${i}`;
        if (isReported(path)) return;
        const counterpart = (exported[field] ?? []).find((e: any) => IDENTITY[field]!(item, e));
        if (!counterpart) return lost.push(path);
        for (const [f, v] of Object.entries(item)) if (isPresent(v) && !isReported(`${path}.${f}`) && !sameValue(f, v, counterpart[f])) lost.push(`${path}.${f}`);
      });
    } else if (field === 'basics') {
      for (const [f, v] of Object.entries(value as object)) {
        // The account's own name and email are kept; a different name is a warning, a different email is reported.
        if (!isPresent(v) || f === 'name' || isReported(`basics.${f}`)) continue;
        if (!sameValue(f, v, exported.basics[f])) lost.push(`basics.${f}`);
      }
    } else if (!isDeepStrictEqual(value, exported[field])) lost.push(field);
  }
  return lost;
}

const comparable = (doc: any) => ({ ...doc, meta: undefined });

describe('JSON Resume files from the ecosystem', () => {
  for (const { name, resume } of ecosystemSamples()) {
    it(`${name}: imports, keeps or reports every field, and round-trips`, async () => {
      const { client, email } = await signUp(app, { name: resume.basics?.name ?? 'Sample Person' });
      const res = await client.post('/api/import/json-resume', resume);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const exported = (await client.get('/api/export/json-resume')).body;
      // Sections kept as they are carry the file's own mistakes (one sample has a url that is no URI).
      if ((await validateResume(resume)).valid) expect((await validateResume(exported)).errors).toBeNull();
      const dropped = silentlyDropped(resume, exported, res.body);
      expect(dropped, JSON.stringify(dropped.map((p) => [p, p.split('.').reduce((o: any, k) => o?.[k], resume), p.split('.').reduce((o: any, k) => o?.[k], exported)]))).toEqual([]);
      // A differing email is reported rather than taken: the account's address stays.
      if (resume.basics?.email && resume.basics.email !== email) expect(res.body.notImported).toContainEqual({ path: 'basics.email', reason: 'your account email is kept' });

      // export -> import -> export gives the same file, in this account and a fresh one.
      const again = await client.post('/api/import/json-resume', exported);
      expect(again.status).toBe(200);
      expect(Object.values(again.body.created).every((n) => n === 0)).toBe(true);
      expect(comparable((await client.get('/api/export/json-resume')).body)).toEqual(comparable(exported));
      const fresh = await signUp(app, { name: exported.basics.name, email: `copy-${email}` });
      expect((await fresh.client.post('/api/import/json-resume', exported)).status).toBe(200);
      const copy = (await fresh.client.get('/api/export/json-resume')).body;
      expect(comparable({ ...copy, basics: { ...copy.basics, email } })).toEqual(comparable(exported));
    });
  }

  it('keeps long values, refuses an oversized body with a 413, and imports nothing from a refused file', async () => {
    const { client } = await signUp(app);
    const long = 'Led the redesign of the sepsis pathway across three sites. '.repeat(250).trim();
    const ok = await client.post('/api/import/json-resume', {
      work: [
        {
          name: 'Eastmoor Hospitals NHS Trust',
          position: 'Clinical Fellow',
          startDate: '2021-08',
          summary: long,
          location: 'Eastmoor',
          url: 'https://eastmoor.example.org',
          description: 'Acute trust',
        },
      ],
      education: [
        {
          institution: 'University of Northfield',
          studyType: 'MBChB',
          score: 'Merit with distinctions in clinical pharmacology and in public health, and the year prize for the elective report',
          courses: ['Clinical pharmacology', 'Public health'],
        },
      ],
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const exported = (await client.get('/api/export/json-resume')).body;
    expect(exported.work[0]).toMatchObject({ summary: long, location: 'Eastmoor', url: 'https://eastmoor.example.org', description: 'Acute trust' });
    expect(exported.education[0].courses).toEqual(['Clinical pharmacology', 'Public health']);

    const other = await signUp(app);
    const huge = await other.client.post('/api/import/json-resume', {
      work: Array.from({ length: 3000 }, (_, i) => ({ name: `Trust ${i}`, position: 'Locum', startDate: '2020-01', summary: long.slice(0, 1000) })),
    });
    expect(huge.status).toBe(413);
    expect((await other.client.get('/api/posts')).body.items).toEqual([]);

    const mixed = await other.client.post('/api/import/json-resume', {
      work: [
        { name: 'A Trust', position: 'SHO', startDate: '2022-08' },
        { name: 'B Trust', position: 'SHO', startDate: '2024-08-01', endDate: '2023-08-01' },
      ],
    });
    expect(mixed.status).toBe(422);
    expect((await other.client.get('/api/posts')).body.items).toEqual([]);
  });

  it('reports fields outside the schema and blank values are read as not given', async () => {
    const { client } = await signUp(app);
    const res = await client.post('/api/import/json-resume', {
      basics: { name: 'Dr Test Clinician', image: 'https://example.org/me.png', pronouns: 'she/her', summary: '' },
      work: [{ name: 'A Trust', position: 'SHO', startDate: '2022-08', endDate: '', summary: '', rotaPattern: '1 in 8' }],
      hobbies: ['fell running'],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.notImported).toEqual(
      expect.arrayContaining([
        { path: 'basics.image', reason: 'Medfolio does not keep a photo' },
        { path: 'basics.pronouns', reason: 'not a field Medfolio keeps' },
        { path: 'work.0.rotaPattern', reason: 'not a field Medfolio keeps' },
        { path: 'hobbies', reason: 'not a field Medfolio keeps' },
      ]),
    );
    expect((await client.get('/api/posts')).body.items[0]).toMatchObject({ endDate: null, summary: null });
  });
});
