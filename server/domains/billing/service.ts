import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction, type DbOrTx, type Tx } from '../../platform/db/transaction.ts';
import type { SubscriptionStatus } from '../../platform/db/types.ts';
import type { Logger } from '../../platform/logger.ts';
import type { StripeConfig } from '../../config/env.ts';
import type { StripeClient } from '../../adapters/stripe.ts';
import { recordAudit } from '../audit/service.ts';
import { assertOrganisationAdmin } from '../organisations/service.ts';
import * as repo from './repo.ts';
import type { Owner } from './repo.ts';
import type { BillingStatus } from './schema.ts';

/**
 * Self-service subscriptions (docs/ARCHITECTURE.md, Quotas reads the plan they put in force).
 * Stripe is the source of what was paid; Medfolio learns it only from signed webhooks, applied
 * idempotently: each event id once, and never an event older than the last one applied to that
 * subscription. Without Stripe settings nothing here is reachable and plans stay admin-assigned.
 */
export interface BillingDeps {
  db: Db;
  stripe: { config: StripeConfig; client: () => Promise<StripeClient> } | undefined;
  appOrigin: string;
  logger: Logger;
}

interface Meta {
  requestId: string;
  now: Date;
}

export const NOT_CONFIGURED = 'Billing is not set up on this Medfolio: plans are assigned by Medfolio or by your organisation’s administrator.';
/** Which plans can be bought, and by whom: pro for yourself, team for an organisation. */
const PLAN_FOR = { pro: 'personal', team: 'organisation' } as const;
/** Stripe statuses in which the plan is in force (past_due: Stripe is still retrying the payment). */
const IN_FORCE = new Set(['active', 'trialing', 'past_due']);
/** Statuses Stripe never leaves. */
const ENDED = new Set(['canceled', 'incomplete_expired']);
/** How old a signed event may be (Stripe's own default): an older one is refused as a replay. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

const ownerRef = (owner: Owner) => ('userId' in owner ? `user:${owner.userId}` : `organisation:${owner.organisationId}`);
function parseOwnerRef(ref: string | undefined | null): Owner | null {
  const match = /^(user|organisation):([0-9a-f-]{36})$/.exec(ref ?? '');
  if (!match) return null;
  return match[1] === 'user' ? { userId: match[2]! } : { organisationId: match[2]! };
}

function requireStripe(deps: BillingDeps) {
  if (!deps.stripe) throw new AppError('CONFLICT', NOT_CONFIGURED);
  return deps.stripe;
}

/** Whose billing a request is about: your own, or an organisation you are an admin of (others 404/403). */
async function resolveOwner(db: DbOrTx, userId: string, organisationId: string | undefined): Promise<Owner> {
  if (!organisationId) return { userId };
  await assertOrganisationAdmin(db, organisationId, userId);
  return { organisationId };
}

function noticeFor(stripeStatus: string | null): string | null {
  if (stripeStatus === 'past_due') return 'The last payment failed. Stripe will try again; update your card in the billing portal to keep your plan.';
  if (stripeStatus === 'unpaid' || stripeStatus === 'paused')
    return 'Your plan is paused because it is not paid. What you already have is kept; update your payment in the billing portal to use it again.';
  return null;
}

export async function getBillingStatus(deps: BillingDeps, userId: string, organisationId: string | undefined): Promise<BillingStatus> {
  const owner = await resolveOwner(deps.db, userId, organisationId);
  const sub = await repo.findActiveSubscription(deps.db, owner);
  const prices = deps.stripe?.config.prices ?? {};
  return {
    configured: Boolean(deps.stripe),
    message: deps.stripe ? null : NOT_CONFIGURED,
    purchasable: (Object.keys(prices) as Array<'pro' | 'team'>).map((planId) => ({ planId, for: PLAN_FOR[planId] })),
    subscription: sub
      ? { planId: sub.plan_id, managedBy: sub.stripe_subscription_id ? 'stripe' : 'admin', status: sub.stripe_status ?? sub.status, seats: sub.seats, notice: noticeFor(sub.stripe_status) }
      : null,
  };
}

async function ensureCustomer(deps: BillingDeps, client: StripeClient, owner: Owner): Promise<string> {
  const existing = await repo.findCustomer(deps.db, owner);
  if (existing) return existing.stripe_customer_id;
  // No name or address goes to Stripe from here: Checkout asks the payer for what it needs.
  const customer = await client.customers.create({ metadata: { medfolioOwner: ownerRef(owner) } });
  await repo.insertCustomer(deps.db, owner, customer.id);
  return customer.id;
}

export async function startCheckout(deps: BillingDeps, userId: string, input: { planId: 'pro' | 'team'; organisationId?: string | undefined; seats?: number | undefined }, meta: Meta) {
  const stripe = requireStripe(deps);
  const owner = await resolveOwner(deps.db, userId, input.organisationId);
  const price = stripe.config.prices[input.planId];
  if (!price) throw new AppError('VALIDATION', 'That plan cannot be bought here', { issues: [{ path: 'body.planId', message: 'cannot be bought here' }] });
  if (PLAN_FOR[input.planId] === 'organisation' && !('organisationId' in owner)) {
    throw new AppError('VALIDATION', 'The team plan is bought for an organisation', { issues: [{ path: 'body.organisationId', message: 'is needed for the team plan' }] });
  }
  if (PLAN_FOR[input.planId] === 'personal' && 'organisationId' in owner) {
    throw new AppError('VALIDATION', 'An organisation buys the team plan', { issues: [{ path: 'body.planId', message: 'is for one person; choose the team plan' }] });
  }
  const current = await repo.findActiveSubscription(deps.db, owner);
  if (current?.stripe_subscription_id) throw new AppError('CONFLICT', 'There is already a subscription: change it in the billing portal');
  const client = await stripe.client();
  const customer = await ensureCustomer(deps, client, owner);
  const seats = input.planId === 'team' ? (input.seats ?? 5) : 1;
  const metadata = { medfolioOwner: ownerRef(owner), planId: input.planId, seats: String(seats) };
  const back = `${deps.appOrigin}${'organisationId' in owner ? `/organisations/${owner.organisationId}` : '/plan'}`;
  const session = await client.checkout.sessions.create({
    mode: 'subscription',
    customer,
    client_reference_id: ownerRef(owner),
    line_items: [{ price, quantity: seats }],
    metadata,
    subscription_data: { metadata },
    success_url: `${back}?checkout=done`,
    cancel_url: `${back}?checkout=cancelled`,
  });
  await recordAudit(deps.db, {
    chainId: userId,
    actor: { type: 'user', id: userId },
    action: 'billing.checkout_started',
    subject: 'userId' in owner ? { type: 'user', id: userId } : { type: 'organisation', id: owner.organisationId },
    details: { planId: input.planId, seats },
    ...meta,
  });
  if (!session.url) throw new AppError('SERVICE_UNAVAILABLE', 'Stripe did not return a checkout page: try again in a minute');
  return { url: session.url };
}

export async function openPortal(deps: BillingDeps, userId: string, input: { organisationId?: string | undefined }) {
  const stripe = requireStripe(deps);
  const owner = await resolveOwner(deps.db, userId, input.organisationId);
  const customer = await repo.findCustomer(deps.db, owner);
  if (!customer) throw new AppError('CONFLICT', 'There is no subscription to manage yet: choose a plan first');
  const client = await stripe.client();
  const back = `${deps.appOrigin}${'organisationId' in owner ? `/organisations/${owner.organisationId}` : '/plan'}`;
  const session = await client.billingPortal.sessions.create({ customer: customer.stripe_customer_id, return_url: back });
  return { url: session.url };
}

// What Medfolio reads from each event, and nothing else (Stripe objects carry much more).
const ZMetadata = z.object({ medfolioOwner: z.string().optional(), planId: z.string().optional(), seats: z.string().optional() }).loose();
const ZCheckoutSession = z
  .object({ id: z.string(), subscription: z.string().nullable().optional(), client_reference_id: z.string().nullable().optional(), metadata: ZMetadata.nullable().optional() })
  .loose();
const ZSubscription = z
  .object({
    id: z.string(),
    status: z.string(),
    metadata: ZMetadata.nullable().optional(),
    items: z.object({ data: z.array(z.object({ quantity: z.number().int().nullable().optional(), price: z.object({ id: z.string() }).loose() }).loose()) }).loose(),
  })
  .loose();
const ZInvoice = z
  .object({
    subscription: z.string().nullable().optional(),
    parent: z
      .object({ subscription_details: z.object({ subscription: z.string().nullable().optional() }).loose().nullable().optional() })
      .loose()
      .nullable()
      .optional(),
  })
  .loose();

interface Change {
  stripeSubscriptionId: string;
  owner: Owner | null;
  planId: string | undefined;
  seats: number | null | undefined;
  stripeStatus: string;
  eventAt: Date;
  eventId: string;
}

const statusFor = (stripeStatus: string): SubscriptionStatus => (ENDED.has(stripeStatus) ? 'cancelled' : IN_FORCE.has(stripeStatus) ? 'active' : 'suspended');

/**
 * One state change of one Stripe subscription. An event older than the last one applied changes
 * nothing; a cancelled subscription stays cancelled (Stripe never revives one). A change for a
 * subscription not seen yet (events out of order) creates its row, cancelled ones included, so
 * a late "checkout completed" cannot bring back a subscription already deleted.
 */
async function applyChange(trx: Tx, change: Change, now: Date): Promise<boolean> {
  const row = await repo.findByStripeId(trx, change.stripeSubscriptionId);
  const status = statusFor(change.stripeStatus);
  if (row) {
    if (row.last_event_at && change.eventAt.getTime() < row.last_event_at.getTime()) return false;
    if (row.status === 'cancelled') return false;
    const owner: Owner = row.user_id ? { userId: row.user_id } : { organisationId: row.organisation_id! };
    if (status === 'active') await repo.cancelOtherActive(trx, owner, row.id, now);
    await repo.updateStripeSubscription(trx, row.id, {
      ...(change.planId ? { planId: change.planId } : {}),
      ...(change.seats !== undefined ? { seats: change.seats } : {}),
      stripeStatus: change.stripeStatus,
      status,
      eventAt: change.eventAt,
      eventId: change.eventId,
      now,
    });
    return true;
  }
  // Erased users and deleted organisations have no row to come back to.
  if (!change.owner || !change.planId || !(await repo.ownerExists(trx, change.owner))) return false;
  if (status === 'active') await repo.cancelOtherActive(trx, change.owner, null, now);
  await repo.insertStripeSubscription(trx, {
    owner: change.owner,
    planId: change.planId,
    stripeSubscriptionId: change.stripeSubscriptionId,
    stripeStatus: change.stripeStatus,
    status,
    seats: change.seats ?? null,
    eventAt: change.eventAt,
    eventId: change.eventId,
    now,
  });
  return true;
}

/**
 * Verifies and applies one webhook delivery. Unsigned, wrongly signed or stale events are refused
 * with 400 (Stripe shows the failure and retries); a replay answers 200 and changes nothing.
 */
export async function handleWebhook(deps: BillingDeps, payload: Buffer, signature: string | undefined, now: Date): Promise<{ received: true; applied: boolean }> {
  const stripe = requireStripe(deps);
  const client = await stripe.client();
  let event: { id: string; type: string; created: number; data: { object: unknown } };
  try {
    if (!signature || !payload.length) throw new Error('unsigned');
    event = client.webhooks.constructEvent(payload, signature, stripe.config.webhookSecret, WEBHOOK_TOLERANCE_SECONDS) as unknown as typeof event;
  } catch {
    throw new AppError('BAD_REQUEST', 'The event is not signed with this endpoint’s secret, or is too old');
  }
  const priceToPlan = new Map(Object.entries(stripe.config.prices).map(([plan, price]) => [price, plan]));
  const eventAt = new Date(event.created * 1000);
  const applied = await inTransaction(deps.db, async (trx) => {
    if (!(await repo.rememberEvent(trx, event, now))) return false;
    const base = { eventAt, eventId: event.id };
    switch (event.type) {
      case 'checkout.session.completed': {
        const session = ZCheckoutSession.parse(event.data.object);
        if (!session.subscription) return false;
        const seats = Number(session.metadata?.seats);
        return applyChange(
          trx,
          {
            ...base,
            stripeSubscriptionId: session.subscription,
            owner: parseOwnerRef(session.client_reference_id ?? session.metadata?.medfolioOwner),
            planId: session.metadata?.planId,
            seats: session.metadata?.planId === 'team' && seats > 0 ? seats : null,
            stripeStatus: 'active',
          },
          now,
        );
      }
      case 'customer.subscription.created':
      case 'customer.subscription.updated':
      case 'customer.subscription.deleted': {
        const sub = ZSubscription.parse(event.data.object);
        const item = sub.items.data[0];
        const planId = item ? priceToPlan.get(item.price.id) : undefined;
        return applyChange(
          trx,
          {
            ...base,
            stripeSubscriptionId: sub.id,
            owner: parseOwnerRef(sub.metadata?.medfolioOwner),
            planId,
            seats: planId === 'team' ? (item?.quantity ?? null) : planId ? null : undefined,
            stripeStatus: event.type === 'customer.subscription.deleted' ? 'canceled' : sub.status,
          },
          now,
        );
      }
      case 'invoice.payment_failed': {
        const invoice = ZInvoice.parse(event.data.object);
        const id = invoice.parent?.subscription_details?.subscription ?? invoice.subscription;
        const row = id ? await repo.findByStripeId(trx, id) : undefined;
        // Only marks the failure; the subscription's own update says whether the plan stops.
        if (!row || row.status === 'cancelled' || (row.last_event_at && eventAt < row.last_event_at)) return false;
        await repo.updateStripeSubscription(trx, row.id, { stripeStatus: 'past_due', status: row.status, eventAt, eventId: event.id, now });
        return true;
      }
      default:
        return false;
    }
  });
  deps.logger.info({ eventId: event.id, type: event.type, applied }, 'stripe event');
  return { received: true, applied };
}

/**
 * Erasure (docs/ARCHITECTURE.md, Erasure and retention): the user's own subscription, and that of
 * an organisation that goes with them, are cancelled at Stripe so nobody is charged for an
 * account that no longer exists. Throws when Stripe cannot be reached, so the erasure retries.
 */
export async function stopBilling(deps: Pick<BillingDeps, 'db' | 'stripe' | 'logger'>, userId: string): Promise<number> {
  const ids = await repo.findStripeSubscriptionsToStop(deps.db, userId);
  if (!ids.length) return 0;
  if (!deps.stripe) {
    deps.logger.warn({ subscriptions: ids.length }, 'Stripe subscriptions left running: billing is no longer configured');
    return 0;
  }
  const client = await deps.stripe.client();
  for (const id of ids) {
    try {
      await client.subscriptions.cancel(id);
    } catch (err) {
      // Already cancelled at Stripe (a retried erasure): nothing left to stop.
      if ((err as { code?: string }).code !== 'resource_missing') throw err;
    }
  }
  return ids.length;
}
