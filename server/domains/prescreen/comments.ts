import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../audit/service.ts';
import { logRequest } from '../privacy/requests.ts';
import * as repo from './repo.ts';
import { assertFindingExists } from './service.ts';

/**
 * The clinician's right to object to automated advice: any pre-screening finding can carry
 * their comment (why a gap is not a gap, what an overlap really was). Each comment is logged
 * as an objection in the data-subject request log, answered at once by being shown.
 */

export async function setFindingComment(db: Db, userId: string, findingId: string, comment: string, meta: { requestId: string; now: Date }) {
  await assertFindingExists(db, userId, findingId, meta.now);
  return inTransaction(db, async (trx) => {
    const row = await repo.upsertComment(trx, userId, findingId, comment, meta.now);
    if (row.created_at.getTime() === row.updated_at.getTime()) {
      await logRequest(trx, { userId, type: 'objection', status: 'completed', now: meta.now, details: { findingId } });
    }
    await recordAudit(trx, { chainId: userId, actor: { type: 'user', id: userId }, action: 'prescreen.finding_commented', subject: { type: 'finding', id: findingId }, ...meta });
    return repo.commentToApi(row);
  });
}

export async function deleteFindingComment(db: Db, userId: string, findingId: string, meta: { requestId: string; now: Date }) {
  await inTransaction(db, async (trx) => {
    if (!(await repo.deleteComment(trx, userId, findingId))) throw new AppError('NOT_FOUND', 'No comment on this finding');
    await recordAudit(trx, { chainId: userId, actor: { type: 'user', id: userId }, action: 'prescreen.finding_comment_removed', subject: { type: 'finding', id: findingId }, ...meta });
  });
}
