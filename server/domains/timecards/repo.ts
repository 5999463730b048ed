import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../../platform/db/transaction.ts';
import type { TimecardStatus } from '../../platform/db/types.ts';

export async function lockUserTimecards(trx: Tx, userId: string) {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`timecards:${userId}`}, 0))`.execute(trx);
}

export async function findTimecards(db: DbOrTx, userId: string) {
  return db.selectFrom('timecards').selectAll().where('user_id', '=', userId).orderBy('clock_in', 'desc').execute();
}

export async function findTimecard(db: DbOrTx, userId: string, id: string) {
  return db.selectFrom('timecards').selectAll().where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
}

/** Another shift of the same clinician that overlaps [from, to) (to = null: still open). */
export async function findOverlap(db: DbOrTx, userId: string, from: Date, to: Date | null, exceptId: string | null) {
  let query = db
    .selectFrom('timecards')
    .selectAll()
    .where('user_id', '=', userId)
    .where(sql<boolean>`tstzrange(clock_in, coalesce(clock_out, 'infinity'::timestamptz), '[)') && tstzrange(${from}::timestamptz, coalesce(${to}::timestamptz, 'infinity'::timestamptz), '[)')`);
  if (exceptId) query = query.where('id', '!=', exceptId);
  return query.orderBy('clock_in').executeTakeFirst();
}

export async function insertTimecard(
  db: DbOrTx,
  row: {
    user_id: string;
    employer: string;
    site: string | null;
    role: string;
    clock_in: Date;
    clock_out: Date | null;
    break_minutes: number;
    time_zone: string;
    status?: TimecardStatus;
    decided_by?: string | null;
    decided_at?: Date | null;
    notes: string | null;
    import_key?: string | null;
  },
) {
  return db.insertInto('timecards').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateTimecard(
  db: DbOrTx,
  userId: string,
  id: string,
  patch: Partial<{
    employer: string;
    site: string | null;
    role: string;
    clock_in: Date;
    clock_out: Date | null;
    break_minutes: number;
    break_started_at: Date | null;
    status: TimecardStatus;
    rejection_reason: string | null;
    decided_by: string | null;
    decided_at: Date | null;
    notes: string | null;
  }>,
  now: Date,
) {
  return db
    .updateTable('timecards')
    .set({ ...patch, updated_at: now })
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteTimecard(db: DbOrTx, userId: string, id: string) {
  return db.deleteFrom('timecards').where('user_id', '=', userId).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function findByImportKey(db: DbOrTx, userId: string, importKey: string) {
  return db.selectFrom('timecards').selectAll().where('user_id', '=', userId).where('import_key', '=', importKey).executeTakeFirst();
}

/** A submitted card whose approval request was withdrawn goes back to draft. */
export async function reopenSubmitted(db: DbOrTx, userId: string, id: string, now: Date) {
  await db.updateTable('timecards').set({ status: 'open', updated_at: now }).where('user_id', '=', userId).where('id', '=', id).where('status', '=', 'submitted').execute();
}
