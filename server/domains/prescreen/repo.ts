import type { DbOrTx } from '../../platform/db/transaction.ts';

/** The clinician's comments on findings, as pre-screening shows them beside each finding. */
type Row = { finding_id: string; comment: string; updated_at: Date };
export const commentToApi = (row: Row) => ({ findingId: row.finding_id, comment: row.comment, updatedAt: row.updated_at.toISOString() });

export async function commentsByFinding(db: DbOrTx, userId: string) {
  const rows = await db.selectFrom('finding_comments').select(['finding_id', 'comment', 'updated_at']).where('user_id', '=', userId).execute();
  return new Map(rows.map((r) => [r.finding_id, commentToApi(r)]));
}
