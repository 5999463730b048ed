import type { AnyJobDefinition, JobHandlers } from './platform/queue/job.ts';
import type { Platform } from './platform/runtime.ts';
import { sendAccountEmailHandler, sendAccountEmailJob } from './domains/accounts/jobs.ts';
import type { RecordKindType } from './domains/record/schema.ts';
import { embedRecordHandler, embedRecordJob } from './domains/record/embedding.ts';
import { sendRemindersHandler, sendRemindersJob } from './domains/record/reminders.ts';
import { sweepHolds } from './domains/quotas/service.ts';
import { findStaleEmbeddings } from './ai/retrieval.ts';
import { generateCvHandler, generateCvJob } from './domains/cvs/jobs.ts';
import { renderCvHandler, renderCvJob } from './domains/cvs/render.ts';
import { buildExportHandler, buildExportJob } from './domains/privacy/export.ts';
import { eraseAccountHandler, eraseAccountJob, erasureEmailHandler, erasureEmailJob } from './domains/privacy/erasure.ts';
import { retentionHandler, retentionJob } from './domains/privacy/retention.ts';
import { sendVerificationRequestHandler, sendVerificationRequestJob } from './domains/verifications/jobs.ts';
import { createInstanceKeys } from './domains/trust/keys.ts';

/**
 * Every background job the product defines, from server/domains/*\/jobs.ts. The API enqueues
 * them; workers (or the in-process runner) execute them with the handlers bound below.
 */
export const jobDefinitions: AnyJobDefinition[] = [sendAccountEmailJob, embedRecordJob, sendVerificationRequestJob, sendRemindersJob, generateCvJob, renderCvJob, retentionJob, buildExportJob, eraseAccountJob, erasureEmailJob];

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
export function createJobHandlers(platform: Pick<Platform, 'config' | 'logger' | 'database' | 'queue' | 'mailer' | 'embedder' | 'notifier' | 'llm' | 'storage' | 'secretBox' | 'renderer' | 'createLimiter'>): JobHandlers {
  const db = platform.database.db;
  return {
    [sendAccountEmailJob.name]: sendAccountEmailHandler({ db, mailer: platform.mailer, appOrigin: platform.config.appOrigin }),
    [embedRecordJob.name]: embedRecordHandler({ db, embedder: platform.embedder }),
    [generateCvJob.name]: generateCvHandler({ db, queue: platform.queue, embedder: platform.embedder, llm: platform.llm, logger: platform.logger, notify: (u, e, p) => platform.notifier.notify(u, e, p) }),
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
    [eraseAccountJob.name]: eraseAccountHandler({ db, storage: platform.storage, mailer: platform.mailer, createLimiter: platform.createLimiter, logger: platform.logger }),
    [erasureEmailJob.name]: erasureEmailHandler({ db, mailer: platform.mailer, appOrigin: platform.config.appOrigin }),
    [sendRemindersJob.name]: sendRemindersHandler({ db, mailer: platform.mailer, appOrigin: platform.config.appOrigin }),
    [sendVerificationRequestJob.name]: sendVerificationRequestHandler({ db, mailer: platform.mailer, appOrigin: platform.config.appOrigin }),
  };
}
