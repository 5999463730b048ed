import { randomUUID } from 'node:crypto';
import { AppError } from '../../platform/errors.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction, type DbOrTx } from '../../platform/db/transaction.ts';
import type { JobQueue } from '../../platform/queue/queue.ts';
import { recordAudit } from '../audit/service.ts';
import { todayIn } from '../record/dates.ts';
import { findUserTimeZone } from '../record/repo.ts';
import { release, reserve } from '../quotas/service.ts';
import { CV_HOLD_TTL_MS, generateCvJob } from './jobs.ts';
import * as repo from './repo.ts';
import { redact } from '../../ai/redaction/index.ts';
import { assertProcessingAllowed } from '../accounts/restriction.ts';
import type { Cv } from './schema.ts';

export interface CvDeps {
  db: Db;
  queue: Pick<JobQueue, 'enqueue'>;
}


type Row = Awaited<ReturnType<typeof repo.findCvRequests>>[number];
type Summary = NonNullable<Cv['summary']>;

export function toApi(row: Row, pages?: number): Cv {
  const analysis = row.analysis as { title?: string } | null;
  return {
    id: row.id,
    status: row.status,
    stage: row.stage as Cv['stage'],
    template: row.template,
    jobTitle: analysis?.title ?? null,
    composer: row.composer,
    summary:
      row.status === 'done'
        ? { requirements: (row.assessment as { requirements: Summary['requirements'] }).requirements, removed: row.removed as Summary['removed'], warnings: row.warnings as string[] }
        : null,
    draft: (row.draft as Cv['draft']) ?? null,
    error: row.error,
    pdf: row.pdf_id ? { url: `/api/cvs/${row.id}/pdf`, pages: pages ?? 0 } : null,
    createdAt: row.created_at.toISOString(),
    completedAt: row.completed_at?.toISOString() ?? null,
  };
}

/** Reserves one CV generation, records the request and queues it; 429 when the plan is used up. */
export async function requestCv(deps: CvDeps, userId: string, input: { jobDescription: string; template?: 'full' | 'locum' | undefined }, meta: { requestId: string; now: Date }) {
  await assertProcessingAllowed(deps.db, userId);
  const id = randomUUID();
  const reservation = await reserve(deps.db, { userId, metric: 'cv_generations', amount: 1, requestId: id, now: meta.now, ttlMs: CV_HOLD_TTL_MS });
  try {
    const asOf = todayIn(await findUserTimeZone(deps.db, userId), meta.now);
    await inTransaction(deps.db, async (trx) => {
      // Adverts carry recruiters' names and numbers; tailoring needs neither, so they are not kept.
      await repo.insertCvRequest(trx, { id, user_id: userId, job_description: redact(input.jobDescription).text, template: input.template ?? 'full', as_of: asOf, created_at: meta.now });
      await recordAudit(trx, { chainId: userId, actor: { type: 'user', id: userId }, action: 'cv.requested', subject: { type: 'cv', id }, details: { template: input.template ?? 'full' }, ...meta });
      await deps.queue.enqueue(generateCvJob, { cvId: id }, { db: trx });
    });
  } catch (err) {
    await release(deps.db, reservation, meta.now);
    throw err;
  }
  return { id, status: 'queued' as const };
}

export async function getCv(db: DbOrTx, userId: string, id: string) {
  const row = await repo.findCvRequest(db, userId, id);
  if (!row) throw new AppError('NOT_FOUND', 'CV not found');
  const pdf = row.pdf_id ? await repo.findPdf(db, userId, row.pdf_id) : undefined;
  return toApi(row, pdf?.pages);
}

export async function listCvs(db: DbOrTx, userId: string) {
  return (await repo.findCvRequests(db, userId)).map((row) => {
    const { draft: _draft, ...rest } = toApi(row);
    return rest;
  });
}
