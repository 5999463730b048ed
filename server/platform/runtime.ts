import path from 'node:path';
import type { Config } from '../config/env.ts';
import type { Logger } from './logger.ts';
import { embeddedDatabaseDir, openDatabase, type DatabaseHandle } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { createJobQueue, type JobQueue } from './queue/queue.ts';
import { createBullmqTransport } from './queue/bullmq-transport.ts';
import { createInProcessTransport } from './queue/in-process-transport.ts';
import { jobDefinitions } from '../jobs.ts';

/** The shared core of every process (API, worker, CLI): database, migrations and job queue. */
export interface Platform {
  config: Config;
  logger: Logger;
  database: DatabaseHandle;
  queue: JobQueue;
  close(): Promise<void>;
}

export async function openPlatform(config: Config, logger: Logger): Promise<Platform> {
  const database = await openDatabase(
    { url: config.database.url, poolMax: config.database.poolMax, embeddedDir: embeddedDatabaseDir(config.dataDir) },
    logger,
  );
  try {
    await migrateToLatest(database.db, logger);
  } catch (err) {
    await database.close();
    throw err;
  }
  const transport = config.redisUrl
    ? createBullmqTransport({ redisUrl: config.redisUrl, logger })
    : createInProcessTransport();
  const queue = createJobQueue({
    db: database.db,
    transport,
    definitions: jobDefinitions,
    logger,
    stuckAfterMs: config.jobs.stuckAfterMs,
  });
  return {
    config,
    logger,
    database,
    queue,
    async close() {
      await queue.close();
      await database.close();
    },
  };
}

export const describeModes = (config: Config) => ({
  database: config.database.url ? 'postgres' : `embedded PGlite + pgvector (${path.join(config.dataDir, 'pg')})`,
  jobs: config.redisUrl ? 'BullMQ on Redis (run `npm run worker`)' : 'in-process',
  llm: config.llm.mode === 'offline' ? 'offline composer' : config.llm.mode,
  email: config.mail.smtpUrl ? 'SMTP' : `.eml files in ${path.join(config.dataDir, 'outbox')}`,
});
