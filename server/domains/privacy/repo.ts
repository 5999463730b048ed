import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/transaction.ts';
import type { DataExportStatus, PrivacyRequestStatus, PrivacyRequestType } from '../../platform/db/types.ts';

// --- the data-subject request log

export async function insertRequest(
  db: DbOrTx,
  row: {
    user_id: string;
    type: PrivacyRequestType;
    source: 'user' | 'admin';
    status: PrivacyRequestStatus;
    received_at: Date;
    due_at: Date;
    scheduled_for?: Date | null;
    completed_at?: Date | null;
    details?: Record<string, unknown>;
  },
) {
  return db
    .insertInto('privacy_requests')
    .values({ ...row, details: JSON.stringify(row.details ?? {}) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findRequest(db: DbOrTx, id: string) {
  return db.selectFrom('privacy_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findRequestsOfUser(db: DbOrTx, userId: string, limit: number) {
  return db.selectFrom('privacy_requests').selectAll().where('user_id', '=', userId).orderBy('received_at', 'desc').limit(limit).execute();
}

export async function findRequests(db: DbOrTx, filter: { status?: PrivacyRequestStatus | undefined; limit: number }) {
  let q = db.selectFrom('privacy_requests').selectAll().orderBy('received_at', 'desc').limit(filter.limit);
  if (filter.status) q = q.where('status', '=', filter.status);
  return q.execute();
}

export async function findScheduledErasure(db: DbOrTx, userId: string) {
  return db.selectFrom('privacy_requests').selectAll().where('user_id', '=', userId).where('type', '=', 'erasure').where('status', '=', 'scheduled').executeTakeFirst();
}

export async function findDueErasures(db: DbOrTx, now: Date, limit: number) {
  return db
    .selectFrom('privacy_requests')
    .select(['id'])
    .where('type', '=', 'erasure')
    .where('status', '=', 'scheduled')
    .where('scheduled_for', '<=', now)
    .orderBy('scheduled_for')
    .limit(limit)
    .execute();
}

export async function settleRequest(db: DbOrTx, id: string, patch: { status: PrivacyRequestStatus; completed_at: Date | null; details?: Record<string, unknown> }) {
  const { details, ...rest } = patch;
  await db
    .updateTable('privacy_requests')
    .set({ ...rest, ...(details ? { details: sql<string>`details || ${JSON.stringify(details)}::jsonb` as unknown as string } : {}) })
    .where('id', '=', id)
    .execute();
}

// --- data exports

export async function insertExport(db: DbOrTx, row: { user_id: string; request_id: string; created_at: Date }) {
  return db
    .insertInto('data_exports')
    .values({ ...row, status: 'queued' })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findExport(db: DbOrTx, userId: string, id: string) {
  return db.selectFrom('data_exports').selectAll().where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
}

export async function findExportById(db: DbOrTx, id: string) {
  return db.selectFrom('data_exports').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findExports(db: DbOrTx, userId: string, limit: number) {
  return db.selectFrom('data_exports').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').limit(limit).execute();
}

/** An export still being built; one older than `since` is presumed lost with its worker. */
export async function findExportInProgress(db: DbOrTx, userId: string, since: Date) {
  return db.selectFrom('data_exports').select(['id']).where('user_id', '=', userId).where('status', 'in', ['queued', 'building']).where('created_at', '>', since).executeTakeFirst();
}

export async function countExportsSince(db: DbOrTx, userId: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom('data_exports')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** False when the row is gone (its owner was erased meanwhile). */
export async function updateExport(
  db: DbOrTx,
  id: string,
  patch: { status: DataExportStatus; storage_key?: string | null; wrapped_key?: string | null; size_bytes?: number; files?: number; error?: string | null; ready_at?: Date; expires_at?: Date },
): Promise<boolean> {
  const result = await db.updateTable('data_exports').set(patch).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Ready exports past their download window, oldest first. */
export async function findExpiredExports(db: DbOrTx, now: Date, limit: number) {
  return db.selectFrom('data_exports').select(['id', 'storage_key']).where('status', '=', 'ready').where('expires_at', '<=', now).orderBy('expires_at').limit(limit).execute();
}
