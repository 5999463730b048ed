import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/transaction.ts';
import type { UsageMetric } from '../../platform/db/types.ts';

/** SQLSTATE raised by `reserve_usage` when a hold does not fit its limit (DETAIL: the metric). */
export const LIMIT_REACHED = 'MQ001';

/**
 * Writes a request's holds and adds them to the period's balances, all or nothing, in one
 * statement (migration 0056 holds the rule). Throws a database error with code LIMIT_REACHED
 * and the metric as `detail` when one would take its balance past the limit.
 */
export async function holdAll(
  db: DbOrTx,
  input: { userId: string; periodStart: string; expiresAt: Date; now: Date; holds: Array<{ metric: UsageMetric; amount: number; requestId: string; limit: number }> },
) {
  const { holds } = input;
  await sql`SELECT reserve_usage(${input.userId}::uuid, ${input.periodStart}::date, ${input.expiresAt}, ${input.now},
    ${holds.map((h) => h.metric)}::text[], ${holds.map((h) => h.amount)}::bigint[], ${holds.map((h) => h.requestId)}::text[], ${holds.map((h) => h.limit)}::bigint[])`.execute(db);
}

export async function findBalance(db: DbOrTx, userId: string, metric: UsageMetric, periodStart: string) {
  return db.selectFrom('usage_balances').select(['used', 'held']).where('user_id', '=', userId).where('metric', '=', metric).where('period_start', '=', periodStart).executeTakeFirst();
}

/** The one open hold of a request: the row settling, releasing and renewing all act on. */
const openHold = (db: DbOrTx, userId: string, metric: UsageMetric, requestId: string) =>
  db.updateTable('usage_ledger').where('user_id', '=', userId).where('metric', '=', metric).where('kind', '=', 'hold').where('request_id', '=', requestId).where('released_at', 'is', null);

/** Closes an open hold; returns it only to the one caller that closed it. */
export async function closeHold(db: DbOrTx, userId: string, metric: UsageMetric, requestId: string, now: Date) {
  return openHold(db, userId, metric, requestId).set({ released_at: now }).returning(['amount', 'period_start']).executeTakeFirst();
}

export async function applySettlement(db: DbOrTx, userId: string, metric: UsageMetric, periodStart: string, reserved: number, actual: number) {
  await db
    .updateTable('usage_balances')
    .set({ held: sql`greatest(held - ${reserved}, 0)`, used: sql`used + ${actual}` })
    .where('user_id', '=', userId)
    .where('metric', '=', metric)
    .where('period_start', '=', periodStart)
    .execute();
}

export async function insertCharge(db: DbOrTx, charge: { userId: string; metric: UsageMetric; amount: number; requestId: string; periodStart: string; now: Date }) {
  await db
    .insertInto('usage_ledger')
    .values({ user_id: charge.userId, metric: charge.metric, kind: 'charge', amount: charge.amount, request_id: charge.requestId, period_start: charge.periodStart, created_at: charge.now })
    .execute();
}

export async function findExpiredHolds(db: DbOrTx, now: Date, limit: number) {
  return db.selectFrom('usage_ledger').select(['user_id', 'metric', 'request_id']).where('kind', '=', 'hold').where('released_at', 'is', null).where('expires_at', '<', now).limit(limit).execute();
}

/** Moves an open hold's expiry; undefined when the hold was already settled or swept. */
export async function extendHold(db: DbOrTx, userId: string, metric: UsageMetric, requestId: string, expiresAt: Date) {
  return openHold(db, userId, metric, requestId).set({ expires_at: expiresAt }).returning('id').executeTakeFirst();
}
