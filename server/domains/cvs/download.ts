import { AppError } from '../../platform/errors.ts';
import type { Db } from '../../platform/db/database.ts';
import { findUserById } from '../accounts/repo.ts';
import { buildSnapshot } from '../../cv-render/build.ts';
import { snapshotHash } from '../../cv-render/snapshot.ts';
import { MAX_SQUEEZE } from '../../cv-render/fit.ts';
import { renderCvDocx } from '../../cv-render/docx.ts';
import type { Draft } from '../../ai/cv-draft/schema.ts';
import type { JobAnalysis } from '../../ai/jd-analysis/schema.ts';
import * as repo from './repo.ts';

/** "CV - Siân Evans - Locum GP.pdf": what a recruiter's inbox shows, for every format. */
export async function cvFileName(db: Db, userId: string, row: { analysis: unknown }, ext: 'pdf' | 'docx'): Promise<string> {
  const name = (await findUserById(db, userId))?.name?.trim() || 'Clinician';
  const job = (row.analysis as { title?: string } | null)?.title?.trim();
  return `CV - ${name}${job ? ` - ${job}` : ''}.${ext}`;
}

/**
 * The owner's CV as a Word document. It is made from the snapshot the PDF was made from: the
 * layout is tried at each tightness the render could have used, and the one whose content hash
 * is the PDF's wins. When the record changed since (so no hash matches) or there is no PDF (no
 * Chromium), the CV is laid out as the record stands now.
 */
export async function readCvDocx(db: Db, userId: string, cvId: string, now: Date) {
  const row = await repo.findCvRequest(db, userId, cvId);
  if (!row) throw new AppError('NOT_FOUND', 'CV not found');
  if (row.status !== 'done' || !row.draft) throw new AppError('CONFLICT', 'The CV is not ready yet');
  const pdf = row.pdf_id ? await repo.findPdf(db, userId, row.pdf_id) : undefined;
  const analysis = row.analysis as JobAnalysis | null;
  const make = (squeeze: number) =>
    buildSnapshot(db, userId, { template: row.template, draft: row.draft as Draft, jobTitle: analysis?.title ?? null, analysis, showRefereeNames: row.show_referee_names, squeeze }, now);
  let snapshot = await make(0);
  for (let squeeze = 1; pdf && snapshotHash(snapshot) !== pdf.content_hash && squeeze <= MAX_SQUEEZE; squeeze++) {
    const tighter = await make(squeeze);
    if (snapshotHash(tighter) === pdf.content_hash) snapshot = tighter;
  }
  return { data: await renderCvDocx(snapshot), filename: await cvFileName(db, userId, row, 'docx') };
}
