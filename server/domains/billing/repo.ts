import type { DbOrTx } from '../../platform/db/transaction.ts';
import type { SubscriptionStatus } from '../../platform/db/types.ts';

export type Owner = { userId: string } | { organisationId: string };
const ownerColumn = (owner: Owner) => ('userId' in owner ? ({ column: 'user_id', id: owner.userId } as const) : ({ column: 'organisation_id', id: owner.organisationId } as const));

export async function findCustomer(db: DbOrTx, owner: Owner) {
  const { column, id } = ownerColumn(owner);
  return db.selectFrom('billing_customers').selectAll().where(column, '=', id).executeTakeFirst();
}

export async function insertCustomer(db: DbOrTx, owner: Owner, stripeCustomerId: string) {
  await db
    .insertInto('billing_customers')
    .values({ stripe_customer_id: stripeCustomerId, user_id: 'userId' in owner ? owner.userId : null, organisation_id: 'organisationId' in owner ? owner.organisationId : null })
    .execute();
}

export async function findActiveSubscription(db: DbOrTx, owner: Owner) {
  const { column, id } = ownerColumn(owner);
  return db.selectFrom('subscriptions').selectAll().where(column, '=', id).where('status', 'in', ['active', 'suspended']).orderBy('started_at', 'desc').executeTakeFirst();
}

/** Records an event id once; false when it was seen before (a replay). */
export async function rememberEvent(db: DbOrTx, event: { id: string; type: string }, now: Date): Promise<boolean> {
  const row = await db
    .insertInto('stripe_events')
    .values({ id: event.id, type: event.type, received_at: now })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return Boolean(row);
}

export async function findByStripeId(db: DbOrTx, stripeSubscriptionId: string) {
  return db.selectFrom('subscriptions').selectAll().where('stripe_subscription_id', '=', stripeSubscriptionId).forUpdate().executeTakeFirst();
}

export async function ownerExists(db: DbOrTx, owner: Owner): Promise<boolean> {
  const row =
    'userId' in owner
      ? await db.selectFrom('users').select('id').where('id', '=', owner.userId).executeTakeFirst()
      : await db.selectFrom('organisations').select('id').where('id', '=', owner.organisationId).executeTakeFirst();
  return Boolean(row);
}

/** Takes any other subscription of the owner out of force, so the new one is the one active. */
export async function cancelOtherActive(db: DbOrTx, owner: Owner, keepId: string | null, now: Date) {
  const { column, id } = ownerColumn(owner);
  let query = db.updateTable('subscriptions').set({ status: 'cancelled', cancelled_at: now }).where(column, '=', id).where('status', '=', 'active');
  if (keepId) query = query.where('id', '<>', keepId);
  await query.execute();
}

export async function insertStripeSubscription(
  db: DbOrTx,
  row: { owner: Owner; planId: string; stripeSubscriptionId: string; stripeStatus: string; status: SubscriptionStatus; seats: number | null; eventAt: Date; eventId: string; now: Date },
) {
  await db
    .insertInto('subscriptions')
    .values({
      plan_id: row.planId,
      user_id: 'userId' in row.owner ? row.owner.userId : null,
      organisation_id: 'organisationId' in row.owner ? row.owner.organisationId : null,
      status: row.status,
      started_at: row.now,
      cancelled_at: row.status === 'cancelled' ? row.now : null,
      stripe_subscription_id: row.stripeSubscriptionId,
      stripe_status: row.stripeStatus,
      seats: row.seats,
      last_event_at: row.eventAt,
      last_event_id: row.eventId,
    })
    .execute();
}

export async function updateStripeSubscription(
  db: DbOrTx,
  id: string,
  patch: { planId?: string; stripeStatus: string; status: SubscriptionStatus; seats?: number | null; eventAt: Date; eventId: string; now: Date },
) {
  await db
    .updateTable('subscriptions')
    .set({
      ...(patch.planId ? { plan_id: patch.planId } : {}),
      ...(patch.seats !== undefined ? { seats: patch.seats } : {}),
      stripe_status: patch.stripeStatus,
      status: patch.status,
      ...(patch.status === 'cancelled' ? { cancelled_at: patch.now } : {}),
      last_event_at: patch.eventAt,
      last_event_id: patch.eventId,
    })
    .where('id', '=', id)
    .execute();
}

/** Stripe subscriptions erasure must stop: the user's own, and those of organisations that go with them. */
export async function findStripeSubscriptionsToStop(db: DbOrTx, userId: string) {
  const rows = await db
    .selectFrom('subscriptions')
    .select('stripe_subscription_id')
    .where('stripe_subscription_id', 'is not', null)
    .where('status', 'in', ['active', 'suspended'])
    .where((eb) =>
      eb.or([
        eb('user_id', '=', userId),
        eb(
          'organisation_id',
          'in',
          eb
            .selectFrom('organisation_members as mine')
            .select('mine.organisation_id')
            .where('mine.user_id', '=', userId)
            .where(({ not, exists, selectFrom }) =>
              not(exists(selectFrom('organisation_members as others').select('others.user_id').whereRef('others.organisation_id', '=', 'mine.organisation_id').where('others.user_id', '<>', userId))),
            ),
        ),
      ]),
    )
    .execute();
  return rows.map((r) => r.stripe_subscription_id!);
}
