import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../audit/service.ts';
import { logRequest } from '../privacy/requests.ts';
import { commentToApi as toApi } from './repo.ts';
import { assertFindingExists } from './service.ts';

/**
 * The clinician's right to object to automated advice: any pre-screening finding can carry
 * their comment (why a gap is not a gap, what an overlap really was). Each comment is logged
 * as an objection in the data-subject request log, answered at once by being shown.
 */

export async function setFindingComment(db: Db, userId: string, findingId: string, comment: string, meta: { requestId: string; now: Date }) {
  await assertFindingExists(db, userId, findingId, meta.now);
  return inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto('finding_comments')
      .values({ user_id: userId, finding_id: findingId, comment, created_at: meta.now, updated_at: meta.now })
      .onConflict((oc) => oc.columns(['user_id', 'finding_id']).doUpdateSet({ comment, updated_at: meta.now }))
      .returning(['finding_id', 'comment', 'updated_at', 'created_at'])
      .executeTakeFirstOrThrow();
    if (row.created_at.getTime() === row.updated_at.getTime()) {
      await logRequest(trx, { userId, type: 'objection', status: 'completed', now: meta.now, details: { findingId } });
    }
    await recordAudit(trx, { chainId: userId, actor: { type: 'user', id: userId }, action: 'prescreen.finding_commented', subject: { type: 'finding', id: findingId }, ...meta });
    return toApi(row);
  });
}

export async function deleteFindingComment(db: Db, userId: string, findingId: string, meta: { requestId: string; now: Date }) {
  await inTransaction(db, async (trx) => {
    const deleted = await trx.deleteFrom('finding_comments').where('user_id', '=', userId).where('finding_id', '=', findingId).executeTakeFirst();
    if (!Number(deleted.numDeletedRows)) throw new AppError('NOT_FOUND', 'No comment on this finding');
    await recordAudit(trx, { chainId: userId, actor: { type: 'user', id: userId }, action: 'prescreen.finding_comment_removed', subject: { type: 'finding', id: findingId }, ...meta });
  });
}
