import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/transaction.ts';
import type { UsageMetric } from '../../platform/db/types.ts';

export async function findPlans(db: DbOrTx) {
  return db.selectFrom('plans').selectAll().orderBy('monthly_cv_generations').execute();
}

export async function findPlan(db: DbOrTx, id: string) {
  return db.selectFrom('plans').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updatePlan(
  db: DbOrTx,
  id: string,
  patch: Partial<{
    name: string;
    monthly_assistant_messages: number;
    monthly_cv_generations: number;
    monthly_llm_tokens: number;
    active_share_links: number;
    conversation_retention_days: number;
  }>,
  now: Date,
) {
  return db
    .updateTable('plans')
    .set({ ...patch, updated_at: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/** Replaces the active subscription of a user or an organisation. */
export async function replaceActiveSubscription(db: DbOrTx, owner: { userId: string } | { organisationId: string }, planId: string, now: Date) {
  const column = 'userId' in owner ? 'user_id' : 'organisation_id';
  const id = 'userId' in owner ? owner.userId : owner.organisationId;
  await db.updateTable('subscriptions').set({ status: 'cancelled', cancelled_at: now }).where(column, '=', id).where('status', '=', 'active').execute();
  await db
    .insertInto('subscriptions')
    .values({ plan_id: planId, user_id: 'userId' in owner ? owner.userId : null, organisation_id: 'organisationId' in owner ? owner.organisationId : null, started_at: now })
    .execute();
}

/**
 * The plans that apply to a user: their own, and those of organisations they belong to, with
 * `fallback` false; and the free plan with `fallback` true, for a user with none (read in the
 * same round trip: most users have none, and every chat turn looks the plan up). The caller
 * picks the most generous of those that apply.
 *
 * One scan of the active subscriptions, by either partial index (the user's own, or their
 * organisations' ids gathered first as an array), rather than a join per source: a third of the
 * planning time, on the path to the assistant's first token.
 */
export async function findApplicablePlans(db: DbOrTx, userId: string) {
  const applicable = db
    .selectFrom('subscriptions as s')
    .innerJoin('plans as p', 'p.id', 's.plan_id')
    .selectAll('p')
    .select((eb) => ['s.organisation_id', eb.selectFrom('organisations as o').select('o.name').whereRef('o.id', '=', 's.organisation_id').as('organisation_name'), sql<boolean>`false`.as('fallback')])
    .where('s.status', '=', 'active')
    .where((eb) =>
      eb.or([
        eb('s.user_id', '=', userId),
        eb('s.organisation_id', '=', sql<string>`ANY (ARRAY(${eb.selectFrom('organisation_members').select('organisation_id').where('organisation_members.user_id', '=', userId)}))`),
      ]),
    );
  const free = db
    .selectFrom('plans as p')
    .selectAll('p')
    .select([sql<string | null>`null::uuid`.as('organisation_id'), sql<string | null>`null::text`.as('organisation_name'), sql<boolean>`true`.as('fallback')])
    .where('p.id', '=', 'free');
  return applicable.unionAll(free).execute();
}

/** This period's use per metric: settled plus currently reserved (see domains/quotas). */
export async function sumUsage(db: DbOrTx, userId: string, periodStart: string): Promise<Record<UsageMetric, number>> {
  const rows = await db.selectFrom('usage_balances').select(['metric', 'used', 'held']).where('user_id', '=', userId).where('period_start', '=', periodStart).execute();
  const totals: Record<UsageMetric, number> = { assistant_messages: 0, cv_generations: 0, llm_tokens: 0 };
  for (const row of rows) totals[row.metric] = row.used + row.held;
  return totals;
}

/** The seats an organisation's plan in force pays for (null: not limited) and the members using them. */
export async function findSeatUse(db: DbOrTx, organisationId: string): Promise<{ seats: number | null; members: number }> {
  const sub = await db.selectFrom('subscriptions').select(['seats']).where('organisation_id', '=', organisationId).where('status', '=', 'active').executeTakeFirst();
  const row = await db
    .selectFrom('organisation_members')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('organisation_id', '=', organisationId)
    .executeTakeFirstOrThrow();
  return { seats: sub?.seats ?? null, members: Number(row.n) };
}

/** Whether an owner's plan in force is paid through Stripe (then only Stripe may change it). */
export async function hasStripeSubscription(db: DbOrTx, owner: { userId: string } | { organisationId: string }): Promise<boolean> {
  const column = 'userId' in owner ? 'user_id' : 'organisation_id';
  const id = 'userId' in owner ? owner.userId : owner.organisationId;
  const row = await db
    .selectFrom('subscriptions')
    .select('id')
    .where(column, '=', id)
    .where('status', 'in', ['active', 'suspended'])
    .where('stripe_subscription_id', 'is not', null)
    .executeTakeFirst();
  return Boolean(row);
}
