import { z } from 'zod';
import { defineJob } from '../../platform/queue/job.ts';
import { RECORD_KIND_TYPES } from './schema.ts';

// The record's background jobs; their handlers are in embedding.ts and reminders.ts.

/**
 * Keeps `record_embeddings` in step with the record: every change enqueues this job (de-duplicated
 * per record), which embeds the record's own wording, or removes the vector of a deleted record.
 */
export const embedRecordJob = defineJob({
  name: 'record.embed',
  payload: z.object({ userId: z.uuid(), recordType: z.enum(RECORD_KIND_TYPES), recordId: z.uuid() }),
  attempts: 5,
  backoff: { type: 'exponential', delayMs: 2_000 },
  dedupeKey: (p) => `${p.recordType}:${p.recordId}`,
  concurrency: 4,
});

/**
 * Daily expiry reminders: one email per clinician listing each registration, training item or
 * DBS Update Service renewal that has just crossed 90, 30 or 7 days to go, or expired. Each
 * (item, threshold, date) is sent once; running the job again the same day sends nothing new.
 */
export const sendRemindersJob = defineJob({
  name: 'record.send-reminders',
  payload: z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
  attempts: 3,
  backoff: { type: 'exponential', delayMs: 60_000 },
  dedupeKey: (p) => p.day,
});
