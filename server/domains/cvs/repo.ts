import type { CvTemplate } from './schema.ts';
import type { DbOrTx } from '../../platform/db/transaction.ts';

export async function insertCvRequest(db: DbOrTx, row: { id: string; user_id: string; job_description: string; template: CvTemplate; as_of: string; show_referee_names?: boolean; created_at: Date }) {
  return db
    .insertInto('cv_requests')
    .values({ ...row, updated_at: row.created_at })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findCvRequest(db: DbOrTx, userId: string, id: string) {
  return db.selectFrom('cv_requests').selectAll().where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
}

export async function findCvRequestById(db: DbOrTx, id: string) {
  return db.selectFrom('cv_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findCvRequests(db: DbOrTx, userId: string) {
  return db.selectFrom('cv_requests').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').limit(100).execute();
}

export async function updateCvRequest(
  db: DbOrTx,
  id: string,
  patch: Partial<{
    status: 'queued' | 'running' | 'done' | 'failed';
    stage: string;
    composer: string;
    prompt_versions: string;
    analysis: string;
    assessment: string;
    draft: string;
    removed: string;
    warnings: string;
    error: string | null;
    completed_at: Date;
  }>,
  now: Date,
) {
  await db
    .updateTable('cv_requests')
    .set({ ...patch, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function findPdfByHash(db: DbOrTx, userId: string, contentHash: string) {
  return db.selectFrom('cv_pdfs').selectAll().where('user_id', '=', userId).where('content_hash', '=', contentHash).executeTakeFirst();
}

export async function findPdf(db: DbOrTx, userId: string, id: string) {
  return db.selectFrom('cv_pdfs').selectAll().where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
}

export async function insertPdf(
  db: DbOrTx,
  row: {
    id: string;
    user_id: string;
    content_hash: string;
    template: string;
    format: string;
    pages: number;
    size_bytes: number;
    render_ms: number;
    storage_key: string;
    wrapped_key: string;
    created_at: Date;
  },
) {
  return db
    .insertInto('cv_pdfs')
    .values(row)
    .onConflict((oc) => oc.columns(['user_id', 'content_hash']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function setCvPdf(db: DbOrTx, cvId: string, pdfId: string | null, now: Date) {
  await db.updateTable('cv_requests').set({ pdf_id: pdfId, status: 'done', stage: 'done', updated_at: now }).where('id', '=', cvId).execute();
}

/** A new choice about referees' names: the CV goes back to rendering. */
export async function setShowRefereeNames(db: DbOrTx, id: string, show: boolean, now: Date) {
  await db.updateTable('cv_requests').set({ show_referee_names: show, status: 'running', stage: 'rendering', updated_at: now }).where('id', '=', id).execute();
}
