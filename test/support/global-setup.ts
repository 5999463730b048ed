import path from 'node:path';
import pg from 'pg';
import { ensureWebBuild } from '../../server/platform/web-build.ts';
import { createLogger } from '../../server/platform/logger.ts';
import { openDatabase } from '../../server/platform/db/database.ts';
import { migrateToLatest } from '../../server/platform/db/migrate.ts';
import { serviceEnv, TEMPLATE_DATABASE, TEST_DATABASE_PREFIX, withDatabase } from './env.ts';

/**
 * With a real PostgreSQL: migrate one template database once, so each test file can clone
 * it (CREATE DATABASE ... TEMPLATE) in milliseconds; drop every test database afterwards.
 */
async function dropTestDatabases(admin: pg.Client) {
  const { rows } = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2`,
    [`${TEST_DATABASE_PREFIX}%`, TEMPLATE_DATABASE],
  );
  for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
}

export async function setup() {
  // Built once, before any file starts: the end-to-end test and the `npm start` test both
  // serve web/dist, and two concurrent Vite builds into one directory would trip each other.
  await ensureWebBuild(path.resolve(import.meta.dirname, '../../web'), createLogger({ level: 'warn' }));
  if (!serviceEnv.databaseUrl) return;
  const admin = new pg.Client({ connectionString: serviceEnv.databaseUrl });
  await admin.connect();
  try {
    await dropTestDatabases(admin);
    await admin.query(`CREATE DATABASE "${TEMPLATE_DATABASE}"`);
  } finally {
    await admin.end();
  }
  const handle = await openDatabase(
    { url: withDatabase(serviceEnv.databaseUrl, TEMPLATE_DATABASE), poolMax: 1, embeddedDir: '' },
    createLogger({ level: 'silent' }),
  );
  try {
    await migrateToLatest(handle.db, createLogger({ level: 'silent' }));
  } finally {
    await handle.close();
  }
}

export async function teardown() {
  if (!serviceEnv.databaseUrl) return;
  const admin = new pg.Client({ connectionString: serviceEnv.databaseUrl });
  await admin.connect();
  try {
    await dropTestDatabases(admin);
  } finally {
    await admin.end();
  }
}
