import type { AnyJobDefinition } from './platform/queue/job.ts';
import { sendAccountEmailJob } from './domains/accounts/jobs.ts';
import { embedRecordJob, sendRemindersJob } from './domains/record/jobs.ts';
import { generateCvJob, renderCvJob } from './domains/cvs/jobs.ts';
import { buildExportJob, eraseAccountJob, erasureEmailJob, retentionJob } from './domains/privacy/jobs.ts';
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
