import type { DbOrTx } from '../../platform/db/transaction.ts';

export async function insertCvRequest(db: DbOrTx, row: { id: string; user_id: string; job_description: string; template: 'full' | 'locum'; as_of: string; created_at: Date }) {
  return db.insertInto('cv_requests').values({ ...row, updated_at: row.created_at }).returningAll().executeTakeFirstOrThrow();
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
  patch: Partial<{ status: 'queued' | 'running' | 'done' | 'failed'; stage: string; composer: string; analysis: string; assessment: string; draft: string; removed: string; warnings: string; error: string | null; completed_at: Date }>,
  now: Date,
) {
  await db.updateTable('cv_requests').set({ ...patch, updated_at: now }).where('id', '=', id).execute();
}
