import { z } from 'zod';
import { defineJob } from '../../platform/queue/job.ts';

// The privacy centre's background jobs; their handlers are in export.ts, erasure.ts and retention.ts.

export const retentionJob = defineJob({
  name: 'privacy.retention',
  payload: z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
  attempts: 3,
  backoff: { type: 'exponential', delayMs: 60_000 },
  dedupeKey: (p) => p.day,
});

/** Deletes one account for good; runs when the grace period ends (or at once for an admin). */
export const eraseAccountJob = defineJob({
  name: 'privacy.erase',
  payload: z.object({ requestId: z.uuid() }),
  attempts: 5,
  backoff: { type: 'exponential', delayMs: 60_000 },
  dedupeKey: (p) => p.requestId,
});

/** Tells the clinician an erasure was scheduled (and how to cancel it), or cancelled; ids only. */
export const erasureEmailJob = defineJob({
  name: 'privacy.erasure-email',
  payload: z.object({ requestId: z.uuid() }),
  attempts: 5,
  backoff: { type: 'exponential', delayMs: 5_000 },
  dedupeKey: (p) => p.requestId,
});

export const buildExportJob = defineJob({
  name: 'privacy.export',
  payload: z.object({ exportId: z.uuid() }),
  attempts: 3,
  backoff: { type: 'exponential', delayMs: 30_000 },
  dedupeKey: (p) => p.exportId,
});
