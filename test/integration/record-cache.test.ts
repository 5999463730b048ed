import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../support/app.ts';
import { signUp } from '../support/accounts.ts';
import { persona } from '../support/fixtures.ts';
import { RECORD_SAMPLES } from '../support/record-samples.ts';
import { RECORD_KINDS } from '../../server/domains/record/kinds.ts';
import { createAiRecordCache } from '../../server/ai/record-cache.ts';
import { loadAiRecord } from '../../server/ai/record-view.ts';

/**
 * The AI record kept in memory between chat turns (server/ai/record-cache.ts) against the
 * record version that migration 0060's triggers move. Two caches stand for two API processes:
 * a copy is used only while nothing it was built from has changed, whoever changed it.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const db = () => app.server.platform.database.db;
const version = async (userId: string) => (await sql<{ version: string }>`SELECT version FROM record_versions WHERE user_id = ${userId}`.execute(db())).rows[0]?.version;

describe('the AI record kept in memory', () => {
  it('is moved by every table the record is built from (a new kind cannot be left out)', async () => {
    const rows = await sql<{ table: string }>`SELECT tgrelid::regclass::text AS table FROM pg_trigger WHERE tgname LIKE '%_bump_record_version'`.execute(db());
    const tables = rows.rows.map((r) => r.table);
    expect(tables).toEqual(expect.arrayContaining([...RECORD_KINDS.map((k) => k.table), 'record_documents', 'verifications', 'profiles', 'timecards', 'users']));
  });

  for (const kind of RECORD_KINDS) {
    it(`${kind.label}: a copy kept by one process is replaced after a create, a correction and a delete made through another`, async () => {
      const owner = await signUp(app);
      const [first, second] = [createAiRecordCache(), createAiRecordCache()];
      const { valid, correction } = RECORD_SAMPLES[kind.type];
      const base = `/api/${kind.path}`;
      // Each cache must give what a fresh read gives, after every change.
      const bothCurrent = async () => {
        const fresh = await loadAiRecord(db(), owner.userId, new Date());
        expect(await first.load(db(), owner.userId, new Date())).toEqual(fresh);
        expect(await second.load(db(), owner.userId, new Date())).toEqual(fresh);
        return fresh.items[kind.type];
      };

      expect(await bothCurrent()).toEqual([]);
      const id = (await owner.client.post(base, valid)).body.id as string;
      expect((await bothCurrent()).map((i) => i.id)).toEqual([id]);
      const before = (await bothCurrent())[0];
      expect((await owner.client.patch(`${base}/${id}`, correction)).status).toBe(200);
      expect((await bothCurrent())[0]).not.toEqual(before);
      expect((await owner.client.delete(`${base}/${id}`)).status).toBe(204);
      expect(await bothCurrent()).toEqual([]);
    });
  }

  it('follows a change of name and a new profile, and an import of many items moves the version once', async () => {
    const owner = await signUp(app, { name: 'Dr Ada Brennan' });
    const cache = createAiRecordCache();
    expect((await cache.load(db(), owner.userId, new Date())).name).toBe('Dr Ada Brennan');
    const me = (await owner.client.get('/api/me')).body;
    await owner.client.patch('/api/me', { name: 'Dr Ada Quinn', profession: me.profession, homeNation: me.homeNation, timeZone: me.timeZone });
    expect((await cache.load(db(), owner.userId, new Date())).name).toBe('Dr Ada Quinn');

    const at = Number(await version(owner.userId));
    const resume = persona('icu-nurse-band6.json');
    expect((await owner.client.post('/api/import/json-resume', resume)).status).toBeLessThan(300);
    const imported = await cache.load(db(), owner.userId, new Date());
    expect(imported.profile.summary).toBe(resume.basics.summary);
    expect(imported.posts.length).toBeGreaterThan(1);
    // One transaction, however many rows: the version moves once (a bump per row would rewrite it thousands of times on a large import).
    expect(Number(await version(owner.userId))).toBe(at + 1);
  });

  it('gives each caller its own copy: what one caller changes, the next does not see', async () => {
    const owner = await signUp(app);
    await owner.client.post('/api/training', RECORD_SAMPLES.training.valid);
    const cache = createAiRecordCache();
    const mine = await cache.load(db(), owner.userId, new Date());
    mine.training.length = 0;
    mine.name = 'changed';
    const next = await cache.load(db(), owner.userId, new Date());
    expect(next.training).toHaveLength(1);
    expect(next.name).not.toBe('changed');
  });

  it('lets a record go once unused for its time, asked for again or not, and holds none larger than its room', async () => {
    const owner = await signUp(app);
    const brief = createAiRecordCache({ ttlMs: 1000 });
    await brief.load(db(), owner.userId, new Date());
    expect(brief.held).toBe(1);
    await new Promise((r) => setTimeout(r, 500));
    await brief.load(db(), owner.userId, new Date()); // a use keeps it longer
    await new Promise((r) => setTimeout(r, 500));
    expect(brief.held).toBe(1);
    await new Promise((r) => setTimeout(r, 1600));
    expect(brief.held).toBe(0);
    const small = createAiRecordCache({ maxChars: 10 });
    expect((await small.load(db(), owner.userId, new Date())).userId).toBe(owner.userId);
    expect(small.held).toBe(0);
  });

  it('keeps nothing for an account that is gone: its version row goes with it', async () => {
    const owner = await signUp(app);
    expect(await version(owner.userId)).toBeDefined();
    await sql`DELETE FROM users WHERE id = ${owner.userId}`.execute(db());
    expect(await version(owner.userId)).toBeUndefined();
    const record = await createAiRecordCache().load(db(), owner.userId, new Date());
    expect(record.name).toBe('');
  });
});
