import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { serviceEnv, TEMPLATE_DATABASE, TEST_DATABASE_PREFIX, withDatabase } from './env.ts';

/**
 * A fresh, migrated database for one test file. Real PostgreSQL when DATABASE_URL is set (a
 * clone of the migrated template), otherwise an embedded PGlite data directory, exactly as a
 * user without services gets.
 */
export interface TestDatabase {
  /** Environment for loadConfig: DATABASE_URL or DATA_DIR. */
  env: Record<string, string>;
  kind: 'postgres' | 'embedded';
  cleanup(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  if (serviceEnv.databaseUrl) {
    const name = `${TEST_DATABASE_PREFIX}${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serviceEnv.databaseUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE_DATABASE}"`);
    } finally {
      await admin.end();
    }
    return {
      env: { DATABASE_URL: withDatabase(serviceEnv.databaseUrl, name) },
      kind: 'postgres',
      async cleanup() {
        const client = new pg.Client({ connectionString: serviceEnv.databaseUrl });
        await client.connect();
        try {
          await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        } finally {
          await client.end();
        }
      },
    };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'medfolio-test-'));
  return {
    env: { DATA_DIR: dataDir },
    kind: 'embedded',
    async cleanup() {
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A blank database with nothing migrated (for migration tests on real PostgreSQL). */
export async function createBlankPostgresDatabase(): Promise<{ url: string; cleanup(): Promise<void> } | undefined> {
  if (!serviceEnv.databaseUrl) return undefined;
  const name = `${TEST_DATABASE_PREFIX}${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serviceEnv.databaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  return {
    url: withDatabase(serviceEnv.databaseUrl, name),
    async cleanup() {
      const client = new pg.Client({ connectionString: serviceEnv.databaseUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}
