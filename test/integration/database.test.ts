import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Migrator, sql } from 'kysely';
import pg from 'pg';
import pgvector from 'pgvector';
import { openDatabase, type DatabaseHandle } from '../../server/platform/db/database.ts';
import { migrateToLatest } from '../../server/platform/db/migrate.ts';
import { migrations } from '../../server/platform/db/migrations/index.ts';
import { startEmbeddedPostgres, startEmbeddedPostgresEarly } from '../../server/platform/db/embedded.ts';
import { createLogger } from '../../server/platform/logger.ts';
import { createBlankPostgresDatabase } from '../support/db.ts';
import { hasService, serviceEnv } from '../support/env.ts';

const logger = createLogger({ level: 'silent' });
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function blankEmbedded(): Promise<DatabaseHandle> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medfolio-db-'));
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  return openDatabase({ url: undefined, poolMax: 1, embeddedDir: dir }, logger);
}

async function blankPostgres(): Promise<DatabaseHandle> {
  const blank = await createBlankPostgresDatabase();
  if (!blank) throw new Error('no DATABASE_URL');
  cleanups.push(blank.cleanup);
  return openDatabase({ url: blank.url, poolMax: 4, embeddedDir: '' }, logger);
}

const engines = [
  { name: 'PGlite (embedded)', open: blankEmbedded, available: true },
  { name: 'PostgreSQL + pgvector', open: blankPostgres, available: hasService(Boolean(serviceEnv.databaseUrl), 'PostgreSQL (DATABASE_URL)') },
];

describe.each(engines)('$name', ({ open, available }) => {
  it.skipIf(!available)('applies every migration to a blank database, once', async () => {
    const handle = await open();
    try {
      const applied = await migrateToLatest(handle.db, logger);
      expect(applied).toEqual(Object.keys(migrations).sort());
      expect(await migrateToLatest(handle.db, logger)).toEqual([]);
      const ext = await sql<{ extname: string }>`SELECT extname FROM pg_extension WHERE extname = 'vector'`.execute(handle.db);
      expect(ext.rows).toHaveLength(1);
      const jobs = await sql<{ n: number }>`SELECT count(*)::int AS n FROM jobs`.execute(handle.db);
      expect(jobs.rows[0]?.n).toBe(0);
    } finally {
      await handle.close();
    }
  });

  it.skipIf(!available)("0046, 0048 and 0058 move the JSON Resume sections profiles kept verbatim into the new record kinds, under the importer's keys, and 0061 queues their vectors", async () => {
    const handle = await open();
    try {
      const migrator = new Migrator({ db: handle.db, provider: { getMigrations: async () => migrations }, migrationTableName: 'schema_migrations', migrationLockTableName: 'schema_migrations_lock' });
      expect((await migrator.migrateTo('0041_resume_fields')).error).toBeUndefined();
      const user = await sql<{ id: string }>`INSERT INTO users (email, name, password_hash) VALUES ('kept@example.org', 'Kept Sections', 'x') RETURNING id`.execute(handle.db);
      const userId = user.rows[0]!.id;
      const kept = {
        projects: [{ name: 'Sepsis audit', type: 'audit', startDate: '2024-01', highlights: ['Re-audit done'] }, { name: 'An app', type: 'application' }, { description: 'no name' }],
        publications: [{ name: 'A case report', publisher: 'BMJ Case Reports', releaseDate: '2023-02-30' }],
        awards: [{ title: 'Prize in anatomy', date: '2016' }],
        references: [{ name: 'Dr Ngozi Adeyemi', reference: 'Excellent' }],
        skills: [
          { name: 'Procedures', level: 'Foundation', keywords: ['cannulation', 'ABG sampling'] },
          { keywords: ['no name'] },
          { name: 'procedures', keywords: ['chest drain', 'cannulation'] },
          { level: 'nothing to name it by' },
        ],
        languages: [{ language: 'Arabic', fluency: 'Conversational' }],
      };
      await sql`INSERT INTO profiles (user_id, extra_sections) VALUES (${userId}, ${JSON.stringify(kept)})`.execute(handle.db);
      await migrateToLatest(handle.db, logger);
      const rows = async (query: string) => (await sql.raw(query).execute(handle.db)).rows as Array<Record<string, unknown>>;
      expect(await rows('SELECT category, title, start_date::text AS start, highlights FROM activities ORDER BY title')).toEqual([
        { category: 'project', title: 'An app', start: null, highlights: [] },
        { category: 'audit', title: 'Sepsis audit', start: '2024-01-01', highlights: ['Re-audit done'] },
      ]);
      // Not a real date: kept without one rather than failing the migration.
      expect(await rows('SELECT title, publication_type, publisher, published_on FROM publications')).toEqual([
        { title: 'A case report', publication_type: 'other', publisher: 'BMJ Case Reports', published_on: null },
      ]);
      expect(await rows('SELECT title, awarded_on::text AS awarded FROM awards')).toEqual([{ title: 'Prize in anatomy', awarded: '2016-01-01' }]);
      expect(await rows('SELECT name, reference, show_on_cv FROM referees')).toEqual([{ name: 'Dr Ngozi Adeyemi', reference: 'Excellent', show_on_cv: false }]);
      // 0048 moves languages the same way.
      expect(await rows('SELECT language, fluency FROM languages')).toEqual([{ language: 'Arabic', fluency: 'Conversational' }]);
      // 0058 moves skills the same way: JSON Resume's level is the clinician's own word for it;
      // a nameless item is named by its keywords, two of one name are merged, nothing is lost.
      const skills = await rows('SELECT name, proficiency, keywords, supervision, performed FROM clinical_skills ORDER BY lower(name)');
      expect(skills).toEqual([
        { name: 'no name', proficiency: null, keywords: ['no name'], supervision: null, performed: null },
        { name: 'Procedures', proficiency: 'Foundation', keywords: expect.arrayContaining(['cannulation', 'ABG sampling', 'chest drain']), supervision: null, performed: null },
      ]);
      expect((skills[1]!.keywords as string[]).length).toBe(3);
      expect(await rows('SELECT extra_sections FROM profiles')).toEqual([{ extra_sections: { skills: [{ level: 'nothing to name it by' }] } }]);
      const keys = await rows('SELECT import_key FROM awards');
      expect(keys[0]!.import_key).toMatch(/^[0-9a-f]{32}$/);
      // 0061 queues a vector for each moved record once (a referee is never embedded).
      const queued = await rows(`SELECT payload->>'recordType' AS type, count(*)::int AS n FROM jobs WHERE name = 'record.embed' GROUP BY 1 ORDER BY 1`);
      expect(queued).toEqual([
        { type: 'activity', n: 2 },
        { type: 'award', n: 1 },
        { type: 'language', n: 1 },
        { type: 'publication', n: 1 },
        { type: 'skill', n: 2 },
      ]);
    } finally {
      await handle.close();
    }
  });

  it.skipIf(!available)('round-trips vectors and ranks by cosine distance', async () => {
    const handle = await open();
    try {
      await migrateToLatest(handle.db, logger);
      await sql`CREATE TABLE probe (id int PRIMARY KEY, owner int NOT NULL, embedding vector(3) NOT NULL)`.execute(handle.db);
      const rows: Array<[number, number, number[]]> = [
        [1, 1, [1, 0, 0]],
        [2, 1, [0.9, 0.1, 0]],
        [3, 1, [0, 1, 0]],
        [4, 2, [1, 0, 0]],
      ];
      for (const [id, owner, embedding] of rows) {
        await sql`INSERT INTO probe VALUES (${id}, ${owner}, ${pgvector.toSql(embedding)}::vector)`.execute(handle.db);
      }
      const top = await sql<{ id: number; embedding: string; distance: number }>`
        SELECT id, embedding::text AS embedding, embedding <=> ${pgvector.toSql([1, 0, 0])}::vector AS distance
        FROM probe WHERE owner = 1 ORDER BY distance LIMIT 2`.execute(handle.db);
      expect(top.rows.map((r) => r.id)).toEqual([1, 2]);
      expect(pgvector.fromSql(top.rows[0]!.embedding)).toEqual([1, 0, 0]);
      expect(top.rows[0]!.distance).toBeCloseTo(0, 6);
      expect(top.rows[1]!.distance).toBeGreaterThan(0);
    } finally {
      await handle.close();
    }
  });
});

describe('embedded database persistence', () => {
  it('reopens a data directory with its rows intact', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medfolio-db-'));
    cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    const first = await openDatabase({ url: undefined, poolMax: 1, embeddedDir: dir }, logger);
    await migrateToLatest(first.db, logger);
    await first.db.insertInto('jobs').values({ name: 'probe.persist', payload: '{}', dedupe_key: null, max_attempts: 1 }).execute();
    await first.close();
    const second = await openDatabase({ url: undefined, poolMax: 1, embeddedDir: dir }, logger);
    try {
      expect(await migrateToLatest(second.db, logger)).toEqual([]);
      const row = await second.db.selectFrom('jobs').select('name').executeTakeFirst();
      expect(row?.name).toBe('probe.persist');
    } finally {
      await second.close();
    }
  });
});

describe('the embedded connection', () => {
  // Regression: a replaced connection met the old one's named statements in PGlite's single
  // session ("prepared statement ... already exists"), so every rate-limited route answered 500.
  it('keeps working with named prepared statements after its connection is replaced', async () => {
    const handle = await blankEmbedded();
    try {
      const named = { name: 'probe-named-statement', text: 'SELECT 1 AS one' };
      expect((await handle.pool.query(named)).rows).toEqual([{ one: 1 }]);
      const client = await handle.pool.connect();
      client.release(true); // destroy it, as an idle timeout or an error would
      await new Promise((resolve) => setTimeout(resolve, 300)); // the socket server notices the close
      expect((await handle.pool.query(named)).rows).toEqual([{ one: 1 }]);
      expect(handle.pool.options.idleTimeoutMillis).toBe(0);
    } finally {
      await handle.close();
    }
  });
});

describe.skipIf(!hasService(Boolean(serviceEnv.databaseUrl), 'PostgreSQL (DATABASE_URL)'))('a connection that breaks', () => {
  it('fails the transaction that held it, and the process and the pool carry on', async () => {
    const handle = await blankPostgres();
    try {
      const killed = handle.db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(trx);
        // Another session ends this one between two statements, as a restart or failover would.
        await sql`SELECT pg_terminate_backend(${rows[0]!.pid})`.execute(handle.db);
        await new Promise((resolve) => setTimeout(resolve, 300));
        await sql`SELECT 1`.execute(trx);
      });
      await expect(killed).rejects.toThrow();
      expect((await sql<{ one: number }>`SELECT 1 AS one`.execute(handle.db)).rows[0]!.one).toBe(1);
    } finally {
      await handle.close();
    }
  });
});

describe('the embedded database thread', () => {
  it('can be started early and taken over by the next open; a data folder it cannot use is a clear error, not a hang', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medfolio-db-'));
    cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    startEmbeddedPostgresEarly(path.join(dir, 'pg'));
    const early = await startEmbeddedPostgres(path.join(dir, 'pg'));
    const handle = await openDatabase({ url: undefined, poolMax: 1, embeddedDir: path.join(dir, 'other') }, logger);
    try {
      // The early one is a working server of its own; the next open started another.
      const client = new pg.Client(early.connectionConfig);
      await client.connect();
      expect((await client.query('SELECT 41 + 1 AS n')).rows).toEqual([{ n: 42 }]);
      await client.end();
      expect(await migrateToLatest(handle.db, logger)).toEqual(Object.keys(migrations).sort());
    } finally {
      await handle.close();
      await early.close();
    }
    const notAFolder = path.join(dir, 'a-file');
    fs.writeFileSync(notAFolder, 'not a database');
    await expect(startEmbeddedPostgres(path.join(notAFolder, 'pg'))).rejects.toThrow(/ENOTDIR/);
    // Something else's folder: PGlite fails inside its thread, and the caller hears why.
    const notPglite = path.join(dir, 'not-pglite');
    fs.mkdirSync(notPglite);
    fs.writeFileSync(path.join(notPglite, 'PG_VERSION'), '9\n');
    await expect(startEmbeddedPostgres(notPglite)).rejects.toThrow(/the embedded database did not start/);
  });
});
