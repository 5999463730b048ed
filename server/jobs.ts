import type { AnyJobDefinition } from './platform/queue/job.ts';
import { sendAccountEmailJob } from './domains/accounts/jobs.ts';
import { embedRecordJob } from './domains/record/embedding.ts';
import { sendRemindersJob } from './domains/record/reminders.ts';
import { generateCvJob } from './domains/cvs/jobs.ts';
import { renderCvJob } from './domains/cvs/render.ts';
import { buildExportJob } from './domains/privacy/export.ts';
import { eraseAccountJob, erasureEmailJob } from './domains/privacy/erasure.ts';
import { retentionJob } from './domains/privacy/retention.ts';
import { sendVerificationRequestJob } from './domains/verifications/jobs.ts';

/**
 * Every background job the product defines. The API enqueues them; workers (or the in-process
 * runner) execute them with the handlers the composition root binds (server/composition.ts).
 */
export const jobDefinitions: AnyJobDefinition[] = [
  sendAccountEmailJob,
  embedRecordJob,
  sendVerificationRequestJob,
  sendRemindersJob,
  generateCvJob,
  renderCvJob,
  retentionJob,
  buildExportJob,
  eraseAccountJob,
  erasureEmailJob,
];
