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
import type { Cv, CvTemplate } from './schema.ts';
import { renderCvJob } from './jobs.ts';
import { findPdfCheck, withdrawPdf, type CheckDeps } from '../cv-checks/service.ts';
import { compareCvs, type ComparedCv } from './compare.ts';
import type { AssessedRequirement, JobAnalysis } from '../../ai/jd-analysis/schema.ts';
import type { Draft } from '../../ai/cv-draft/schema.ts';

export interface CvDeps {
  db: Db;
  queue: Pick<JobQueue, 'enqueue'>;
}

type Row = Awaited<ReturnType<typeof repo.findCvRequests>>[number];
type Summary = NonNullable<Cv['summary']>;

type CheckView = Cv['check'];

export function toApi(row: Row, pages?: number, check: CheckView = null): Cv {
  const analysis = row.analysis as { title?: string } | null;
  return {
    id: row.id,
    status: row.status,
    stage: row.stage as Cv['stage'],
    template: row.template,
    jobTitle: analysis?.title ?? null,
    composer: row.composer,
    promptVersions: row.prompt_versions,
    summary:
      row.status === 'done'
        ? { requirements: (row.assessment as { requirements: Summary['requirements'] }).requirements, removed: row.removed as Summary['removed'], warnings: row.warnings as string[] }
        : null,
    draft: (row.draft as Cv['draft']) ?? null,
    error: row.error,
    pdf: row.pdf_id ? { url: `/api/cvs/${row.id}/pdf`, pages: pages ?? 0 } : null,
    docx: row.status === 'done' && row.draft ? { url: `/api/cvs/${row.id}/docx` } : null,
    showRefereeNames: row.show_referee_names,
    check,
    createdAt: row.created_at.toISOString(),
    completedAt: row.completed_at?.toISOString() ?? null,
  };
}

/** Reserves one CV generation, records the request and queues it; 429 when the plan is used up. */
export async function requestCv(
  deps: CvDeps,
  userId: string,
  input: { jobDescription: string; template?: CvTemplate | undefined; showRefereeNames?: boolean | undefined },
  meta: { requestId: string; now: Date },
) {
  await assertProcessingAllowed(deps.db, userId);
  const id = randomUUID();
  const reservation = await reserve(deps.db, { userId, metric: 'cv_generations', amount: 1, requestId: id, now: meta.now, ttlMs: CV_HOLD_TTL_MS });
  try {
    const asOf = todayIn(await findUserTimeZone(deps.db, userId), meta.now);
    await inTransaction(deps.db, async (trx) => {
      // Adverts carry recruiters' names and numbers; tailoring needs neither, so they are not kept.
      await repo.insertCvRequest(trx, {
        id,
        user_id: userId,
        job_description: redact(input.jobDescription).text,
        template: input.template ?? 'full',
        as_of: asOf,
        show_referee_names: input.showRefereeNames ?? false,
        created_at: meta.now,
      });
      await recordAudit(trx, { chainId: userId, actor: { type: 'user', id: userId }, action: 'cv.requested', subject: { type: 'cv', id }, details: { template: input.template ?? 'full' }, ...meta });
      await deps.queue.enqueue(generateCvJob, { cvId: id }, { db: trx });
    });
  } catch (err) {
    await release(deps.db, reservation, meta.now);
    throw err;
  }
  return { id, status: 'queued' as const };
}

export async function getCv(deps: Pick<CvDeps, 'db'> & Partial<Pick<CheckDeps, 'keys' | 'logger'>>, userId: string, id: string) {
  const row = await repo.findCvRequest(deps.db, userId, id);
  if (!row) throw new AppError('NOT_FOUND', 'CV not found');
  const pdf = row.pdf_id ? await repo.findPdf(deps.db, userId, row.pdf_id) : undefined;
  const check = row.pdf_id && deps.keys && deps.logger ? await findPdfCheck({ db: deps.db, keys: deps.keys, logger: deps.logger }, userId, row.pdf_id) : undefined;
  return toApi(row, pdf?.pages, check ?? null);
}

/**
 * Whether referees' names appear on this CV. The PDF is frozen, so a change makes it again (a new
 * PDF with its own check code); the PDF issued before stays checkable until withdrawn.
 */
export async function setRefereeNames(deps: CvDeps, userId: string, id: string, showRefereeNames: boolean, meta: { requestId: string; now: Date }) {
  await inTransaction(deps.db, async (trx) => {
    const row = await repo.findCvRequest(trx, userId, id);
    if (!row) throw new AppError('NOT_FOUND', 'CV not found');
    if (row.status !== 'done' || !row.draft) throw new AppError('CONFLICT', 'This CV is not finished yet: change it once it is ready');
    if (row.show_referee_names === showRefereeNames) return;
    await repo.setShowRefereeNames(trx, id, showRefereeNames, meta.now);
    await recordAudit(trx, { chainId: userId, actor: { type: 'user', id: userId }, action: 'cv.referee_names_changed', subject: { type: 'cv', id }, details: { showRefereeNames }, ...meta });
    await deps.queue.enqueue(renderCvJob, { cvId: id }, { db: trx });
  });
  return getCv(deps, userId, id);
}

/** Withdraws the CV's issued PDF: anyone checking it is told it was withdrawn. */
export async function withdrawCv(deps: Pick<CvDeps, 'db'>, userId: string, id: string, meta: { requestId: string; now: Date }) {
  const row = await repo.findCvRequest(deps.db, userId, id);
  if (!row) throw new AppError('NOT_FOUND', 'CV not found');
  if (!row.pdf_id) throw new AppError('CONFLICT', 'This CV has no PDF to withdraw');
  await withdrawPdf(deps.db, userId, { id, pdfId: row.pdf_id }, meta);
}

export async function listCvs(db: DbOrTx, userId: string) {
  return (await repo.findCvRequests(db, userId)).map((row) => {
    const { draft: _draft, ...rest } = toApi(row);
    return rest;
  });
}

/** A finished CV of this user, ready to compare: 404 when it is not theirs, 409 while it is being made. */
async function comparable(db: DbOrTx, userId: string, id: string, which: string): Promise<ComparedCv> {
  const row = await repo.findCvRequest(db, userId, id);
  if (!row) throw new AppError('NOT_FOUND', 'CV not found');
  if (row.status !== 'done' || !row.draft) {
    throw new AppError(
      'CONFLICT',
      row.status === 'failed' ? `The ${which} CV could not be made, so there is nothing to compare: choose a finished CV` : `The ${which} CV is not finished yet: compare it once it is ready`,
    );
  }
  const assessment = row.assessment as { items?: AssessedRequirement[] } | null;
  return {
    id: row.id,
    jobTitle: (row.analysis as JobAnalysis | null)?.title ?? null,
    createdAt: row.created_at.toISOString(),
    draft: row.draft as Draft,
    requirements: assessment?.items ?? [],
  };
}

/** What changed from one finished CV to another: entries added and removed, requirements whose status moved. */
export async function compareCvRequests(db: DbOrTx, userId: string, id: string, otherId: string) {
  const first = await comparable(db, userId, id, 'first');
  const second = await comparable(db, userId, otherId, 'second');
  return compareCvs(first, second);
}
