import path from 'node:path';
import type { Config } from './config/env.ts';
import type { Logger } from './platform/logger.ts';
import { embeddedDatabaseDir, openDatabase, type DatabaseHandle } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { createJobQueue, type JobQueue } from './platform/queue/queue.ts';
import { createInProcessTransport } from './platform/queue/in-process-transport.ts';
import { createLimiterFactory, type CreateLimiter } from './platform/rate-limit.ts';
import { createRedisClient } from './platform/redis.ts';
import { loadMasterKey } from './platform/crypto/master-key.ts';
import { createSecretBox, type SecretBox } from './platform/crypto/secret-box.ts';
import { createMailer, type Mailer } from './adapters/mailer.ts';
import { createHashingEmbedder, type Embedder } from './adapters/embedder.ts';
import { createLlmProvider, createProviderEmbedder, type LlmProvider } from './adapters/llm.ts';
import { createLocalFileStorage, type FileStorage } from './adapters/storage.ts';
import { createNotifier, type Notifier } from './adapters/notifier.ts';
import { createPdfRenderer, type PdfRenderer } from './adapters/pdf/renderer.ts';
import { findChromium } from './adapters/browser.ts';
import { configureAuditKey } from './domains/audit/chain.ts';
import { jobDefinitions } from './jobs.ts';
import type { StripeConfig } from './config/env.ts';
import { stripeClientFactory, type StripeClient } from './adapters/stripe.ts';
import type { JobHandlers } from './platform/queue/job.ts';
import { sendAccountEmailHandler, sendAccountEmailJob } from './domains/accounts/jobs.ts';
import { embedRecordHandler } from './domains/record/embedding.ts';
import { sendRemindersHandler } from './domains/record/reminders.ts';
import { embedRecordJob, sendRemindersJob } from './domains/record/jobs.ts';
import { sweepHolds } from './domains/quotas/service.ts';
import { findStaleEmbeddings } from './ai/retrieval.ts';
import { generateCvHandler, generateCvJob, renderCvJob } from './domains/cvs/jobs.ts';
import { renderCvHandler } from './domains/cvs/render.ts';
import { buildExportHandler } from './domains/privacy/export.ts';
import { eraseAccountHandler, erasureEmailHandler } from './domains/privacy/erasure.ts';
import { retentionHandler } from './domains/privacy/retention.ts';
import { buildExportJob, eraseAccountJob, erasureEmailJob, retentionJob } from './domains/privacy/jobs.ts';
import { sendVerificationRequestHandler, sendVerificationRequestJob } from './domains/verifications/jobs.ts';
import { createInstanceKeys } from './domains/trust/keys.ts';
import type { RecordKindType } from './domains/record/schema.ts';

/**
 * The composition root: the one place that builds what every process (API, worker, CLI)
 * shares, from the configuration: database and migrations, job queue and the handlers bound to
 * each job, rate-limit store, mailer, storage, LLM and PDF renderer, and the master key.
 * platform/ provides the parts; nothing below platform/ knows about the product.
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
  const database = await openDatabase({ url: config.database.url, poolMax: config.database.poolMax, embeddedDir: embeddedDatabaseDir(config.dataDir) }, logger);
  try {
    await migrateToLatest(database.db, logger);
  } catch (err) {
    await database.close();
    throw err;
  }
  const transport = config.redisUrl
    ? // BullMQ loads only when Redis is configured.
      (await import('./platform/queue/bullmq-transport.ts')).createBullmqTransport({ redisUrl: config.redisUrl, prefix: config.redisPrefix, logger })
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
  const s3Storage = config.s3 ? (await import('./adapters/s3-storage.ts')).createS3FileStorage(config.s3) : undefined;
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
    createLimiter: createLimiterFactory(redis ? { kind: 'redis', client: redis, prefix: config.redisPrefix, fallback: database.pool, logger } : { kind: 'postgres', pool: database.pool }),
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

/** Work that recurs, registered wherever jobs run (the worker, or the API in embedded mode). */
export function schedulePeriodicWork(platform: Pick<Platform, 'queue' | 'database' | 'embedder'>) {
  platform.queue.scheduleDaily(sendRemindersJob, (day) => ({ day }), 7);
  platform.queue.scheduleDaily(retentionJob, (day) => ({ day }), 3);
  platform.queue.everySweep(() => sweepHolds(platform.database.db, new Date()));
  // Vectors made by another embedding model are not comparable: re-embed them, a batch a sweep.
  platform.queue.everySweep(async () => {
    for (const row of await findStaleEmbeddings(platform.database.db, platform.embedder.model, 100)) {
      const recordType = row.record_type as RecordKindType;
      await platform.queue.enqueue(embedRecordJob, { userId: row.user_id, recordType, recordId: row.record_id });
    }
  });
}

/** Binds each job to its handler with the services it needs. */
export function createJobHandlers(
  platform: Pick<Platform, 'config' | 'logger' | 'database' | 'queue' | 'mailer' | 'embedder' | 'notifier' | 'llm' | 'storage' | 'secretBox' | 'renderer' | 'createLimiter' | 'stripe'>,
): JobHandlers {
  const db = platform.database.db;
  return {
    [sendAccountEmailJob.name]: sendAccountEmailHandler({ db, mailer: platform.mailer, appOrigin: platform.config.appOrigin }),
    [embedRecordJob.name]: embedRecordHandler({ db, embedder: platform.embedder }),
    [generateCvJob.name]: generateCvHandler({
      db,
      queue: platform.queue,
      embedder: platform.embedder,
      llm: platform.llm,
      logger: platform.logger,
      notify: (u, e, p) => platform.notifier.notify(u, e, p),
    }),
    [renderCvJob.name]: renderCvHandler({
      db,
      storage: platform.storage,
      secretBox: platform.secretBox,
      renderer: platform.renderer,
      keys: createInstanceKeys({ db, secretBox: platform.secretBox, appOrigin: platform.config.appOrigin }),
      appOrigin: platform.config.appOrigin,
      notify: (u, e, p) => platform.notifier.notify(u, e, p),
    }),
    [retentionJob.name]: retentionHandler({ db, storage: platform.storage, queue: platform.queue, erasureGraceDays: platform.config.erasureGraceDays }),
    [buildExportJob.name]: buildExportHandler({ db, storage: platform.storage, secretBox: platform.secretBox, mailer: platform.mailer, appOrigin: platform.config.appOrigin }),
    [eraseAccountJob.name]: eraseAccountHandler({ db, storage: platform.storage, mailer: platform.mailer, createLimiter: platform.createLimiter, logger: platform.logger, stripe: platform.stripe }),
    [erasureEmailJob.name]: erasureEmailHandler({ db, mailer: platform.mailer, appOrigin: platform.config.appOrigin }),
    [sendRemindersJob.name]: sendRemindersHandler({ db, mailer: platform.mailer, appOrigin: platform.config.appOrigin }),
    [sendVerificationRequestJob.name]: sendVerificationRequestHandler({ db, mailer: platform.mailer, appOrigin: platform.config.appOrigin }),
  };
}
