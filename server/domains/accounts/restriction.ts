import { AppError } from '../../platform/errors.ts';
import type { DbOrTx } from '../../platform/db/transaction.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { Db } from '../../platform/db/database.ts';
import { recordAudit } from '../audit/service.ts';
import * as repo from './repo.ts';
import { logRequest } from '../privacy/requests.ts';

/**
 * Restriction of processing: the one check every AI entry point calls before doing anything
 * (assistant messages, CV generation, embedding). Restricted means no provider call at all.
 */
export async function isProcessingRestricted(db: DbOrTx, userId: string): Promise<boolean> {
  return Boolean((await repo.findUserById(db, userId))?.processing_restricted_at);
}

export async function assertProcessingAllowed(db: DbOrTx, userId: string): Promise<void> {
  if (await isProcessingRestricted(db, userId)) {
    throw new AppError('PROCESSING_RESTRICTED', 'You have restricted processing of your data: the assistant and CV tailoring are paused until you lift it.');
  }
}

export async function setProcessingRestriction(db: Db, userId: string, restricted: boolean, meta: { requestId: string; now: Date }) {
  await inTransaction(db, async (trx) => {
    const before = await repo.findUserById(trx, userId);
    // Restricting is a data-subject request (logged, answered at once); lifting it is not.
    if (restricted && !before?.processing_restricted_at) await logRequest(trx, { userId, type: 'restriction', status: 'completed', now: meta.now });
    await repo.updateUser(trx, userId, { processing_restricted_at: restricted ? meta.now : null }, meta.now);
    await recordAudit(trx, {
      chainId: userId,
      actor: { type: 'user', id: userId },
      action: restricted ? 'processing.restricted' : 'processing.restriction_lifted',
      subject: { type: 'user', id: userId },
      ...meta,
    });
  });
  return { restricted };
}
