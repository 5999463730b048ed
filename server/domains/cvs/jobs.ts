import { z } from 'zod';
import { defineJob, type JobHandler } from '../../platform/queue/job.ts';
import { PermanentJobError } from '../../platform/queue/queue.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Embedder } from '../../adapters/embedder.ts';
import type { LlmProvider } from '../../adapters/llm.ts';
import type { Logger } from '../../platform/logger.ts';
import { runCvPipeline } from '../../ai/pipeline.ts';
import { isAppError } from '../../platform/errors.ts';
import { release, renewOrReserve, settle, type Reservation } from '../quotas/service.ts';
import * as repo from './repo.ts';
import type { JobQueue } from '../../platform/queue/queue.ts';

export const generateCvJob = defineJob({
  name: 'cv.generate',
  payload: z.object({ cvId: z.uuid() }),
  attempts: 3,
  backoff: { type: 'exponential', delayMs: 5_000 },
  dedupeKey: (p) => p.cvId,
  concurrency: 2,
});

/**
 * Runs the pipeline for one request, reporting each stage on the row and to the user's tabs
 * (`cv:progress`). Success settles the reserved generation; the last failed try releases it.
 */
export function generateCvHandler(deps: {
  db: Db;
  queue: Pick<JobQueue, 'enqueue'>;
  embedder: Embedder;
  llm: LlmProvider | undefined;
  logger: Logger;
  notify: (userId: string, event: string, payload: unknown) => void;
  now?: () => Date;
}): JobHandler<z.infer<typeof generateCvJob.payload>> {
  const now = () => deps.now?.() ?? new Date();
  return async ({ cvId }, ctx) => {
    const row = await repo.findCvRequestById(deps.db, cvId);
    if (!row) throw new PermanentJobError('CV request no longer exists');
    if (row.status === 'done') return;
    let reservation: Reservation = { userId: row.user_id, metric: 'cv_generations', requestId: row.id, amount: 1 };
    try {
      reservation = await renewOrReserve(deps.db, reservation, now(), CV_HOLD_TTL_MS);
    } catch (err) {
      if (!isAppError(err) || err.code !== 'QUOTA_EXCEEDED') throw err;
      await repo.updateCvRequest(
        deps.db,
        row.id,
        { status: 'failed', stage: 'failed', error: "This request waited so long that its reservation lapsed, and this month's CV allowance is now used up. Nothing was charged." },
        now(),
      );
      deps.notify(row.user_id, 'cv:progress', { id: row.id, stage: 'failed' });
      return;
    }
    const progress = async (stage: string) => {
      await repo.updateCvRequest(deps.db, row.id, { status: 'running', stage }, now());
      deps.notify(row.user_id, 'cv:progress', { id: row.id, stage });
    };
    try {
      // Per attempt: a retried job reserves (and is charged) again for the calls it makes again.
      const llm = deps.llm ? { db: deps.db, llm: deps.llm, requestId: `${row.id}:${ctx.attempt}`, now } : undefined;
      const result = await runCvPipeline(
        { db: deps.db, embedder: deps.embedder, llm, logger: deps.logger },
        { userId: row.user_id, jobDescription: row.job_description, asOf: row.as_of, now: now() },
        progress,
      );
      await repo.updateCvRequest(
        deps.db,
        row.id,
        {
          // Generation is done; the PDF follows as its own job (cv.render).
          status: 'running',
          stage: 'rendering',
          composer: result.composer,
          prompt_versions: JSON.stringify(result.promptVersions),
          analysis: JSON.stringify(result.analysis),
          assessment: JSON.stringify({ requirements: result.requirements, items: result.assessment, relevant: result.relevant }),
          draft: JSON.stringify(result.draft),
          removed: JSON.stringify(result.removed),
          warnings: JSON.stringify(result.warnings),
          error: null,
          completed_at: now(),
        },
        now(),
      );
      await settle(deps.db, reservation, 1, now());
      await deps.queue.enqueue(renderCvJob, { cvId: row.id });
      deps.notify(row.user_id, 'cv:progress', { id: row.id, stage: 'rendering' });
    } catch (err) {
      const final = ctx.attempt >= generateCvJob.attempts || err instanceof PermanentJobError;
      if (final) {
        await repo.updateCvRequest(deps.db, row.id, { status: 'failed', stage: 'failed', error: 'The CV could not be generated. Nothing was charged; please try again.' }, now());
        await release(deps.db, reservation, now());
        deps.notify(row.user_id, 'cv:progress', { id: row.id, stage: 'failed' });
      }
      throw err;
    }
  };
} /**
 * A generation may wait behind others in the queue: its quota hold lives this long, and is
 * renewed when the job starts (or taken again if the sweeper released it meanwhile).
 */
export const CV_HOLD_TTL_MS = 2 * 3_600_000;

/**
 * Renders a checked draft to PDF: freeze the snapshot (laid out for its template, with each item's
 * evidence) within the template's page budget, reuse the PDF
 * of an identical snapshot, otherwise render it with its check code, link and QR code, check the
 * PDF's text layer against the snapshot (name, headings, item titles and evidence marks in order,
 * the check code readable, no ligature glyphs), sign its manifest and store it encrypted.
 */
export const renderCvJob = defineJob({
  name: 'cv.render',
  payload: z.object({ cvId: z.uuid() }),
  attempts: 3,
  backoff: { type: 'exponential', delayMs: 3_000 },
  dedupeKey: (p) => p.cvId,
  concurrency: 2,
});
