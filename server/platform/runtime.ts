import path from 'node:path';
import type { Config } from '../config/env.ts';
import type { Logger } from './logger.ts';
import { embeddedDatabaseDir, openDatabase, type DatabaseHandle } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { createJobQueue, type JobQueue } from './queue/queue.ts';
import { createInProcessTransport } from './queue/in-process-transport.ts';
import { createLimiterFactory, type CreateLimiter } from './rate-limit.ts';
import { createRedisClient } from './redis.ts';
import { loadMasterKey } from './crypto/master-key.ts';
import { createSecretBox, type SecretBox } from './crypto/secret-box.ts';
import { createMailer, type Mailer } from '../adapters/mailer.ts';
import { createHashingEmbedder, type Embedder } from '../adapters/embedder.ts';
import { createLlmProvider, createProviderEmbedder, type LlmProvider } from '../adapters/llm.ts';
import { createLocalFileStorage, type FileStorage } from '../adapters/storage.ts';
import { createNotifier, type Notifier } from '../adapters/notifier.ts';
import { createPdfRenderer, type PdfRenderer } from '../adapters/pdf/renderer.ts';
import { findChromium } from '../adapters/browser.ts';
import { configureAuditKey } from '../domains/audit/chain.ts';
import { jobDefinitions } from '../jobs.ts';
import type { StripeConfig } from '../config/env.ts';
import { stripeClientFactory, type StripeClient } from '../adapters/stripe.ts';

/**
 * The shared core of every process (API, worker, CLI): database and migrations, job queue,
 * rate-limit store, mailer and the master key.
 */
export interface Platform {
  config: Config;
  logger: Logger;
  database: DatabaseHandle;
  queue: JobQueue;
  mailer: Mailer;
  secretBox: SecretBox;
  embedder: Embedder;
  /** Undefined in offline mode: the offline composer does the work. */
  llm: LlmProvider | undefined;
  storage: FileStorage;
  notifier: Notifier;
  /** Undefined without Chromium: CVs then end with their checked draft and no PDF. */
  renderer: PdfRenderer | undefined;
  createLimiter: CreateLimiter;
  /** Undefined without Stripe settings: plans are then assigned by platform admins. */
  stripe: { config: StripeConfig; client: () => Promise<StripeClient> } | undefined;
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
    ? // BullMQ loads only when Redis is configured.
      (await import('./queue/bullmq-transport.ts')).createBullmqTransport({ redisUrl: config.redisUrl, prefix: config.redisPrefix, logger })
    : createInProcessTransport();
  const queue = createJobQueue({
    db: database.db,
    transport,
    definitions: jobDefinitions,
    logger,
    stuckAfterMs: config.jobs.stuckAfterMs,
  });
  const redis = config.redisUrl ? createRedisClient(config.redisUrl, 'request', logger, 'rate limits') : undefined;
  const chromium = findChromium(config.chromiumPath);
  // The browser starts on the first render, not here.
  const renderer = chromium ? createPdfRenderer({ executablePath: chromium, logger }) : undefined;
  const notifier = createNotifier({ redisUrl: config.redisUrl, redisPrefix: config.redisPrefix, logger });
  const mailer = createMailer({ smtpUrl: config.mail.smtpUrl, from: config.mail.from, outboxDir: outboxDir(config), logger });
  // The S3 client loads only when a bucket is configured; local disk is the embedded default.
  const s3Storage = config.s3 ? (await import('../adapters/s3-storage.ts')).createS3FileStorage(config.s3) : undefined;
  const storage: FileStorage = s3Storage ?? createLocalFileStorage(path.join(config.dataDir, 'files'));
  const masterKey = loadMasterKey({ configured: config.dataEncryptionKey, dataDir: config.dataDir, logger });
  const secretBox = createSecretBox(masterKey);
  configureAuditKey(masterKey);
  return {
    config,
    logger,
    database,
    queue,
    mailer,
    secretBox,
    embedder: createProviderEmbedder(config.llm) ?? createHashingEmbedder(config.llm.embeddingDimensions),
    llm: createLlmProvider(config.llm),
    storage,
    notifier,
    renderer,
    stripe: config.stripe ? { config: config.stripe, client: stripeClientFactory(config.stripe) } : undefined,
    createLimiter: createLimiterFactory(
      redis ? { kind: 'redis', client: redis, prefix: config.redisPrefix, fallback: database.pool, logger } : { kind: 'postgres', pool: database.pool },
    ),
    async close() {
      await queue.close();
      await mailer.close();
      await renderer?.close();
      notifier.close();
      redis?.disconnect();
      s3Storage?.close();
      await database.close();
    },
  };
}

export const outboxDir = (config: Config) => path.join(config.dataDir, 'outbox');

export const describeModes = (config: Config) => ({
  database: config.database.url ? 'postgres' : `embedded PGlite + pgvector (${path.join(config.dataDir, 'pg')})`,
  jobs: config.redisUrl ? 'BullMQ on Redis (run `npm run worker`)' : 'in-process',
  llm: config.llm.mode === 'offline' ? 'offline composer' : config.llm.mode,
  email: config.mail.smtpUrl ? 'SMTP' : `.eml files in ${outboxDir(config)}`,
  files: config.s3 ? `S3 bucket ${config.s3.bucket}${config.s3.endpoint ? ` at ${config.s3.endpoint}` : ''}` : path.join(config.dataDir, 'files'),
});
