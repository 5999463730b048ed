import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { JOBS_DIR, persona, PERSONAS_DIR } from '../support/fixtures.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
let database: TestDatabase;
let dataDir: string;

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = database.env.DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'medfolio-cli-'));
});
afterAll(async () => {
  await database?.cleanup();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const medfolio = (...args: string[]) =>
  run(process.execPath, ['bin/medfolio.js', ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', DATA_DIR: dataDir, ...database.env },
  });

describe('npx medfolio', () => {
  it('migrates, seeds a demo account per persona (once), and grants the admin role', async () => {
    const migrated = JSON.parse((await medfolio('migrate')).stdout);
    expect(migrated.database).toBe(database.kind === 'postgres' ? 'postgres' : 'embedded');

    const personas = fs.readdirSync(PERSONAS_DIR).filter((f) => f.endsWith('.json'));
    const first = JSON.parse((await medfolio('seed', '--demo')).stdout);
    expect(first.accounts).toHaveLength(personas.length);
    expect(first.accounts.every((a: { created: boolean }) => a.created)).toBe(true);
    const st4 = persona('em-st4-locum.json');
    expect(first.accounts.find((a: { persona: string }) => a.persona === 'em-st4-locum.json').imported).toMatchObject({ posts: st4.work.length, timecards: 2, registrations: 1 });
    // The CLI import is an import like any other: the persona's "approved" shifts arrive unsubmitted.
    // (Embedded mode keeps the database inside the CLI's process; the service run checks the rows.)
    if (database.kind === 'postgres') {
      const client = new pg.Client({ connectionString: database.env.DATABASE_URL });
      await client.connect();
      const decided = await client.query("SELECT count(*)::int AS n FROM timecards WHERE status <> 'open'");
      await client.end();
      expect(decided.rows[0].n).toBe(0);
    }
    const second = JSON.parse((await medfolio('seed', '--demo')).stdout);
    expect(second.accounts.every((a: { created: boolean }) => !a.created)).toBe(true);
    expect(second.accounts.every((a: { imported: Record<string, number> }) => Object.values(a.imported).every((n) => n === 0))).toBe(true);

    const bad = path.join(dataDir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ work: [{ name: 'A Trust', position: 'SHO', startDate: '2024-05-01', endDate: '2023-01-01' }] }));
    await expect(medfolio('import', bad, '--email', first.accounts[0].email)).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('work.0.endDate: must not be before the start date') });

    const admin = JSON.parse((await medfolio('admin', '--email', first.accounts[0].email)).stdout);
    expect(admin.role).toBe('platform_admin');
    await expect(medfolio('admin', '--email', 'nobody@example.org')).rejects.toMatchObject({ code: 1 });

    // An operator's export for a clinician: the same ZIP, private to this user, logged.
    const out = path.join(dataDir, 'exports');
    const exported = JSON.parse((await medfolio('export', '--email', st4.basics.email, '--out', out)).stdout);
    expect(exported.file.startsWith(out)).toBe(true);
    expect(fs.statSync(exported.file).mode & 0o777).toBe(0o600);
    const zip = unzipSync(fs.readFileSync(exported.file));
    expect(JSON.parse(strFromU8(zip['resume.json']!)).basics.name).toBe(st4.basics.name);
    expect(JSON.parse(strFromU8(zip['record/posts.json']!))).toHaveLength(st4.work.length);
    expect(JSON.parse(strFromU8(zip['privacy/requests.json']!))).toEqual([expect.objectContaining({ type: 'access', source: 'admin' })]);
    await expect(medfolio('export', '--email', 'nobody@example.org', '--out', out)).rejects.toMatchObject({ code: 1 });
  }, 300_000);

  it('redacts stdin, or lists the entities it found', () => {
    const input = 'Patient John Smith, NHS 943 476 5919, mobile 07700 900123. ALS completed 2024-02-14 as a Band 6.';
    const out = execFileSync(process.execPath, ['bin/medfolio.js', 'redact'], { cwd: root, input, env: { PATH: process.env.PATH ?? '' } }).toString();
    expect(out).toBe('Patient [PERSON_1], NHS [NHS_NUMBER], mobile [PHONE]. ALS completed 2024-02-14 as a Band 6.');
    const json = JSON.parse(execFileSync(process.execPath, ['bin/medfolio.js', 'redact', '--json'], { cwd: root, input, env: { PATH: process.env.PATH ?? '' } }).toString());
    expect(json.entities.map((e: { type: string }) => e.type)).toEqual(['PERSON', 'NHS_NUMBER', 'PHONE']);
    expect(input.slice(json.entities[1].start, json.entities[1].end)).toBe('943 476 5919');
  });

  it('analyses a job advert, and with a record says what is met and why', () => {
    const json = JSON.parse(
      execFileSync(
        process.execPath,
        ['bin/medfolio.js', 'analyse-job', path.join(JOBS_DIR, 'ed-trust-registrar.txt'), '--json', '--resume', path.join(PERSONAS_DIR, 'em-st4-locum.json'), '--as-of', '2026-11-22'],
        { cwd: root, env: { PATH: process.env.PATH ?? '' } },
      ).toString(),
    );
    expect(json.title).toBe('Trust Registrar in Emergency Medicine');
    expect(json.requirements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'course', key: 'apls', importance: 'essential', status: 'expired', note: 'Your Advanced Paediatric Life Support (APLS) expired on 9 June 2026.' }),
        expect.objectContaining({ kind: 'course', key: 'atls', alternatives: ['etc'], status: 'unmet' }),
      ]),
    );
    const text = execFileSync(process.execPath, ['bin/medfolio.js', 'analyse-job', '-'], {
      cwd: root,
      input: 'Staff Nurse, Ward 9\nEssential: NMC registration; ILS.\nDesirable: mentorship qualification.',
      env: { PATH: process.env.PATH ?? '' },
    }).toString();
    expect(text).toContain('Essential\n  - NMC registration\n  - ILS');
    expect(text).toContain('Desirable\n  - mentorship qualification');
  });

  it('explains unknown commands with exit code 2', async () => {
    await expect(medfolio('frobnicate')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('Usage: medfolio') });
  });
});
