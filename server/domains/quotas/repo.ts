import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/transaction.ts';
import type { UsageMetric } from '../../platform/db/types.ts';

/**
 * The atomic step, in one statement: creates the period's balance or adds to its `held`, only
 * if the total stays within the limit. Nothing is returned when it would not.
 */
export async function tryHold(db: DbOrTx, userId: string, metric: UsageMetric, periodStart: string, amount: number, limit: number) {
  const result = await sql<{ used: number; held: number }>`
    INSERT INTO usage_balances (user_id, metric, period_start, held)
    SELECT ${userId}::uuid, ${metric}::text, ${periodStart}::date, ${amount}::bigint WHERE ${amount}::bigint <= ${limit}::bigint
    ON CONFLICT (user_id, metric, period_start) DO UPDATE SET held = usage_balances.held + EXCLUDED.held
      WHERE usage_balances.used + usage_balances.held + EXCLUDED.held <= ${limit}::bigint
    RETURNING used, held`.execute(db);
  return result.rows[0];
}

export async function findBalance(db: DbOrTx, userId: string, metric: UsageMetric, periodStart: string) {
  return db.selectFrom('usage_balances').select(['used', 'held']).where('user_id', '=', userId).where('metric', '=', metric).where('period_start', '=', periodStart).executeTakeFirst();
}

export async function insertHold(db: DbOrTx, hold: { userId: string; metric: UsageMetric; amount: number; requestId: string; periodStart: string; expiresAt: Date; now: Date }) {
  return db
    .insertInto('usage_ledger')
    .values({
      user_id: hold.userId,
      metric: hold.metric,
      kind: 'hold',
      amount: hold.amount,
      request_id: hold.requestId,
      period_start: hold.periodStart,
      expires_at: hold.expiresAt,
      created_at: hold.now,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
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
