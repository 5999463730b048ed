import type { AnyJobDefinition, JobHandlers } from './platform/queue/job.ts';
import type { Platform } from './platform/runtime.ts';
import { sendAccountEmailHandler, sendAccountEmailJob } from './domains/accounts/jobs.ts';
import { embedRecordHandler, embedRecordJob } from './domains/record/embedding.ts';
import { sendRemindersHandler, sendRemindersJob } from './domains/record/reminders.ts';
import { sendVerificationRequestHandler, sendVerificationRequestJob } from './domains/verifications/jobs.ts';

/**
 * Every background job the product defines, from server/domains/*\/jobs.ts. The API enqueues
 * them; workers (or the in-process runner) execute them with the handlers bound below.
 */
export const jobDefinitions: AnyJobDefinition[] = [sendAccountEmailJob, embedRecordJob, sendVerificationRequestJob, sendRemindersJob];

/** Jobs that run once a day (UTC hour), wherever jobs run. */
export function scheduleDailyJobs(queue: Platform['queue']) {
  queue.scheduleDaily(sendRemindersJob, (day) => ({ day }), 7);
}

/** Binds each job to its handler with the services it needs. */
export function createJobHandlers(platform: Pick<Platform, 'config' | 'logger' | 'database' | 'queue' | 'mailer' | 'embedder'>): JobHandlers {
  const db = platform.database.db;
  return {
    [sendAccountEmailJob.name]: sendAccountEmailHandler({ db, mailer: platform.mailer, appOrigin: platform.config.appOrigin }),
    [embedRecordJob.name]: embedRecordHandler({ db, embedder: platform.embedder }),
    [sendRemindersJob.name]: sendRemindersHandler({ db, mailer: platform.mailer, appOrigin: platform.config.appOrigin }),
    [sendVerificationRequestJob.name]: sendVerificationRequestHandler({ db, mailer: platform.mailer, appOrigin: platform.config.appOrigin }),
  };
}
