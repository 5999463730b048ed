import pg from 'pg';
import { buildIfStale } from './build.ts';
import { createLogger } from '../../server/platform/logger.ts';
import { openDatabase } from '../../server/platform/db/database.ts';
import { migrateToLatest } from '../../server/platform/db/migrate.ts';
import { runStartedAt, serviceEnv, TEMPLATE_DATABASE, TEST_DATABASE_FAMILY, TEST_DATABASE_PREFIX, withDatabase } from './env.ts';

/** A run that started this long ago has crashed or hung: its databases may go. */
const ABANDONED_AFTER_MS = 6 * 60 * 60 * 1000;

/**
 * With a real PostgreSQL: migrate one template database once, so each test file can clone
 * it (CREATE DATABASE ... TEMPLATE) in milliseconds; drop this run's databases afterwards.
 * Another run's databases are left alone unless that run is long abandoned.
 */
async function dropTestDatabases(admin: pg.Client, which: 'this-run' | 'abandoned') {
  const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${which === 'this-run' ? TEST_DATABASE_PREFIX : TEST_DATABASE_FAMILY}%`]);
  const now = Date.now();
  for (const { datname } of rows) {
    if (which === 'abandoned' && now - (runStartedAt(datname) ?? 0) < ABANDONED_AFTER_MS) continue;
    await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
}

export async function setup() {
  // Built once, before any file starts: the CLI and start tests run dist/, the end-to-end and
  // start tests serve web/dist (scripts/build.js also locks, so parallel builds wait).
  buildIfStale();
  if (!serviceEnv.databaseUrl) return;
  const admin = new pg.Client({ connectionString: serviceEnv.databaseUrl });
  await admin.connect();
  try {
    await dropTestDatabases(admin, 'abandoned');
    await admin.query(`CREATE DATABASE "${TEMPLATE_DATABASE}"`);
  } finally {
    await admin.end();
  }
  const handle = await openDatabase({ url: withDatabase(serviceEnv.databaseUrl, TEMPLATE_DATABASE), poolMax: 1, embeddedDir: '' }, createLogger({ level: 'silent' }));
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
    await dropTestDatabases(admin, 'this-run');
  } finally {
    await admin.end();
  }
}
