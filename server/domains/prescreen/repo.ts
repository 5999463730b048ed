import type { DbOrTx } from '../../platform/db/transaction.ts';

/** The clinician's comments on findings, as pre-screening shows them beside each finding. */
type Row = { finding_id: string; comment: string; updated_at: Date };
export const commentToApi = (row: Row) => ({ findingId: row.finding_id, comment: row.comment, updatedAt: row.updated_at.toISOString() });

export async function commentsByFinding(db: DbOrTx, userId: string) {
  const rows = await db.selectFrom('finding_comments').select(['finding_id', 'comment', 'updated_at']).where('user_id', '=', userId).execute();
  return new Map(rows.map((r) => [r.finding_id, commentToApi(r)]));
}

/** Creates or replaces the comment; `created_at` equal to `updated_at` says it is new. */
export async function upsertComment(db: DbOrTx, userId: string, findingId: string, comment: string, now: Date) {
  return db
    .insertInto('finding_comments')
    .values({ user_id: userId, finding_id: findingId, comment, created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['user_id', 'finding_id']).doUpdateSet({ comment, updated_at: now }))
    .returning(['finding_id', 'comment', 'updated_at', 'created_at'])
    .executeTakeFirstOrThrow();
}

/** Whether there was a comment to delete. */
export async function deleteComment(db: DbOrTx, userId: string, findingId: string): Promise<boolean> {
  const deleted = await db.deleteFrom('finding_comments').where('user_id', '=', userId).where('finding_id', '=', findingId).executeTakeFirst();
  return Number(deleted.numDeletedRows) > 0;
}
