import type { DbOrTx } from '../../platform/db/transaction.ts';

export async function insertCheck(db: DbOrTx, row: { user_id: string; pdf_id: string; code_hash: string; pdf_sha256: string; signature: string; issued_at: Date }) {
  return db.insertInto('cv_checks').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findCheckByCodeHash(db: DbOrTx, codeHash: string) {
  return db
    .selectFrom('cv_checks')
    .innerJoin('users', 'users.id', 'cv_checks.user_id')
    .selectAll('cv_checks')
    .select('users.locked_at as owner_locked_at')
    .where('cv_checks.code_hash', '=', codeHash)
    .executeTakeFirst();
}

export async function findCheckByPdfHash(db: DbOrTx, sha256: string) {
  return db
    .selectFrom('cv_checks')
    .innerJoin('users', 'users.id', 'cv_checks.user_id')
    .selectAll('cv_checks')
    .select('users.locked_at as owner_locked_at')
    .where('cv_checks.pdf_sha256', '=', sha256)
    .executeTakeFirst();
}

/** A recorded copy (a share link's watermarked PDF) with the check it is a copy of. */
export async function findCopy(db: DbOrTx, sha256: string) {
  return db
    .selectFrom('cv_check_copies')
    .innerJoin('cv_checks', 'cv_checks.id', 'cv_check_copies.check_id')
    .innerJoin('users', 'users.id', 'cv_checks.user_id')
    .selectAll('cv_checks')
    .select(['users.locked_at as owner_locked_at', 'cv_check_copies.signature as copy_signature'])
    .where('cv_check_copies.sha256', '=', sha256)
    .executeTakeFirst();
}

export async function findCheckForPdf(db: DbOrTx, userId: string, pdfId: string) {
  return db.selectFrom('cv_checks').selectAll().where('user_id', '=', userId).where('pdf_id', '=', pdfId).executeTakeFirst();
}

export async function findChecksForPdfs(db: DbOrTx, userId: string, pdfIds: string[]) {
  if (!pdfIds.length) return [];
  return db.selectFrom('cv_checks').selectAll().where('user_id', '=', userId).where('pdf_id', 'in', pdfIds).execute();
}

export async function copyExists(db: DbOrTx, sha256: string) {
  return Boolean(await db.selectFrom('cv_check_copies').select('sha256').where('sha256', '=', sha256).executeTakeFirst());
}

export async function insertCopy(db: DbOrTx, row: { sha256: string; check_id: string; user_id: string; share_id: string | null; signature: string; created_at: Date }) {
  await db
    .insertInto('cv_check_copies')
    .values(row)
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
}

export async function withdrawCheck(db: DbOrTx, userId: string, pdfId: string, now: Date) {
  return db.updateTable('cv_checks').set({ withdrawn_at: now }).where('user_id', '=', userId).where('pdf_id', '=', pdfId).where('withdrawn_at', 'is', null).returning('id').executeTakeFirst();
}
