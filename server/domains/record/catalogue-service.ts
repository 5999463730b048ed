import { AppError } from '../../platform/errors.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction, type DbOrTx } from '../../platform/db/transaction.ts';
import { recordAudit } from '../audit/service.ts';
import * as repo from './repo.ts';

type CatalogueRow = Awaited<ReturnType<typeof repo.findCatalogue>>[number];
const toEntry = (row: CatalogueRow) => ({ id: row.id, name: row.name, validityMonths: row.validity_months, endOfMonth: row.end_of_month });

export async function listCatalogue(db: DbOrTx) {
  return (await repo.findCatalogue(db)).map(toEntry);
}

/** Applies to training added or edited from now on; existing expiry dates are not rewritten. */
export async function updateCatalogueEntry(
  db: Db,
  adminId: string,
  id: string,
  patch: { validityMonths?: number | undefined; endOfMonth?: boolean | undefined },
  meta: { requestId: string; now: Date },
) {
  return inTransaction(db, async (trx) => {
    const before = (await repo.findCatalogue(trx)).find((c) => c.id === id);
    if (!before) throw new AppError('NOT_FOUND', 'No such course in the catalogue');
    const updated = await repo.updateCatalogueEntry(
      trx,
      id,
      { ...(patch.validityMonths !== undefined ? { validity_months: patch.validityMonths } : {}), ...(patch.endOfMonth !== undefined ? { end_of_month: patch.endOfMonth } : {}) },
      meta.now,
    );
    await recordAudit(trx, {
      chainId: adminId,
      actor: { type: 'admin', id: adminId },
      action: 'catalogue.updated',
      subject: { type: 'training_catalogue', id },
      details: { before: toEntry(before) },
      ...meta,
    });
    return toEntry(updated!);
  });
}
