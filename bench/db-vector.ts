/**
 * Vector storage and exact per-user top-k search, the retrieval pattern of docs/ARCHITECTURE.md, Retrieval:
 * rows are filtered by owner first, then ranked by cosine distance. Runs on DATABASE_URL when
 * set, otherwise on the embedded PGlite.
 *   npm run bench:db [-- --users 200 --rows 50 --dim 384]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pgvector from 'pgvector';
import { createLogger } from '../server/platform/logger.ts';
import { openDatabase } from '../server/platform/db/database.ts';

const { values } = parseArgs({
  options: { users: { type: 'string', default: '200' }, rows: { type: 'string', default: '50' }, dim: { type: 'string', default: '384' } },
});
const users = Number(values.users);
const rowsPerUser = Number(values.rows);
const dim = Number(values.dim);
const logger = createLogger({ level: 'silent' });
const embeddedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'medfolio-bench-'));
const database = await openDatabase({ url: process.env.DATABASE_URL, poolMax: 4, embeddedDir }, logger);
const { db } = database;

// Deterministic pseudo-random unit vectors, so runs are comparable.
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
const vector = () => {
  const v = Array.from({ length: dim }, rand);
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
};

await sql`CREATE EXTENSION IF NOT EXISTS vector`.execute(db);
await sql`DROP TABLE IF EXISTS bench_vectors`.execute(db);
await sql.raw(`CREATE TABLE bench_vectors (id serial PRIMARY KEY, owner int NOT NULL, embedding vector(${dim}) NOT NULL)`).execute(db);
await sql`CREATE INDEX ON bench_vectors (owner)`.execute(db);

const insertStarted = performance.now();
for (let u = 0; u < users; u++) {
  const batch = Array.from({ length: rowsPerUser }, () => pgvector.toSql(vector()) as string);
  await sql`INSERT INTO bench_vectors (owner, embedding) SELECT ${u}, unnest(${batch}::text[])::vector`.execute(db);
}
const insertMs = performance.now() - insertStarted;
await sql`ANALYZE bench_vectors`.execute(db);

const timings: number[] = [];
for (let q = 0; q < 200; q++) {
  const started = performance.now();
  await sql`SELECT id FROM bench_vectors WHERE owner = ${q % users} ORDER BY embedding <=> ${pgvector.toSql(vector())}::vector LIMIT 10`.execute(db);
  timings.push(performance.now() - started);
}
timings.sort((a, b) => a - b);
const p = (x: number) => timings[Math.min(timings.length - 1, Math.floor(x * timings.length))]!.toFixed(2);
console.log(
  `db: ${database.mode}, ${users * rowsPerUser} rows x ${dim} dims: insert ${((insertMs / (users * rowsPerUser)) * 1000).toFixed(0)} us/row, ` + `per-user top-10 p50 ${p(0.5)} ms, p95 ${p(0.95)} ms`,
);
await sql`DROP TABLE bench_vectors`.execute(db);
await database.close();
fs.rmSync(embeddedDir, { recursive: true, force: true });
