import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../support/app.ts';
import { startSmtpServer } from '../support/smtp.ts';
import { signUp } from '../support/accounts.ts';
import { invite, joinOrganisation } from '../support/organisations.ts';
import { waitFor } from '../support/wait.ts';
import { deliver, STRIPE_PRICES, stripeEnv } from '../support/billing.ts';
import { startFakeStripe, type FakeStripe } from '../fakes/stripe-server.ts';
import { enforceRetention } from '../../server/domains/privacy/retention.ts';
import { reserve } from '../../server/domains/quotas/service.ts';
import type { TestClient } from '../support/client.ts';

let app: TestApp;
let plain: TestApp;
let stripe: FakeStripe;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

beforeAll(async () => {
  smtp = await startSmtpServer();
  stripe = await startFakeStripe({ secretKey: 'sk_test_medfolio_fake' });
  app = await startTestApp({ TRUST_PROXY: 'true', SMTP_URL: smtp.url, ...stripeEnv(stripe.url) });
  // The embedded default: no billing settings at all.
  plain = await startTestApp({ TRUST_PROXY: 'true' });
});
afterAll(async () => {
  await app?.close();
  await plain?.close();
  await stripe?.close();
  await smtp?.close();
});

const db = () => app.server.platform.database.db;
const sessionIdOf = (url: string) => url.split('/').pop()!;
const eventCount = async () =>
  (
    await db()
      .selectFrom('stripe_events')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;
const planOf = async (client: TestClient) => (await client.get('/api/me/plan')).body.plan.id as string;
const now = () => Math.floor(Date.now() / 1000);

/** A clinician who bought Pro through Checkout: the session, the subscription and the event applied. */
async function proSubscriber() {
  const user = await signUp(app);
  const checkout = await user.client.post('/api/billing/checkout', { planId: 'pro' });
  expect(checkout.status).toBe(200);
  const { subscription, event } = stripe.completeCheckout(sessionIdOf(checkout.body.url), { created: now() - 60 });
  expect((await deliver(app, event)).body).toEqual({ received: true, applied: true });
  return { ...user, subscription, event };
}

describe('without billing settings', () => {
  it('keeps plans admin-managed and says so', async () => {
    const user = await signUp(plain);
    const status = await user.client.get('/api/billing');
    expect(status.body).toMatchObject({ configured: false, purchasable: [], subscription: { planId: 'free', managedBy: 'admin' } });
    expect(status.body.message).toMatch(/^Billing is not set up on this Medfolio: plans are assigned by Medfolio/);
    const checkout = await user.client.post('/api/billing/checkout', { planId: 'pro' });
    expect(checkout.status).toBe(409);
    expect(checkout.body.error.message).toBe(status.body.message);
    expect((await user.client.post('/api/billing/portal', {})).status).toBe(409);
  });
});

describe('self-service subscriptions through Stripe', () => {
  it('upgrades through Checkout, applies the signed webhook once, and opens the Customer Portal', async () => {
    const user = await signUp(app);
    expect((await user.client.get('/api/billing')).body).toMatchObject({
      configured: true,
      purchasable: [
        { planId: 'pro', for: 'personal' },
        { planId: 'team', for: 'organisation' },
      ],
      subscription: { planId: 'free', managedBy: 'admin' },
    });
    const checkout = await user.client.post('/api/billing/checkout', { planId: 'pro' });
    expect(checkout.status).toBe(200);
    expect(checkout.body.url).toMatch(/^https:\/\/checkout\.stripe\.test\/c\/pay\/cs_test_/);
    const session = stripe.sessions.get(sessionIdOf(checkout.body.url))!;
    expect(session).toMatchObject({
      mode: 'subscription',
      client_reference_id: `user:${user.userId}`,
      line_items: [{ price: STRIPE_PRICES.pro, quantity: 1 }],
      success_url: `${app.config.appOrigin}/plan?checkout=done`,
    });
    // Nothing personal goes to Stripe from Medfolio: the customer is made with our reference only.
    const created = stripe.requests.find((r) => r.path === '/v1/customers' && r.body.metadata?.medfolioOwner === `user:${user.userId}`)!;
    expect(created.body).toEqual({ metadata: { medfolioOwner: `user:${user.userId}` } });
    expect(await planOf(user.client)).toBe('free');

    const { event } = stripe.completeCheckout(session.id);
    expect((await deliver(app, event)).body).toEqual({ received: true, applied: true });
    expect(await planOf(user.client)).toBe('pro');
    expect((await user.client.get('/api/billing')).body.subscription).toEqual({ planId: 'pro', managedBy: 'stripe', status: 'active', seats: null, notice: null });
    // A replay (Stripe retries on a timeout) is acknowledged and changes nothing.
    const before = await db().selectFrom('subscriptions').selectAll().where('user_id', '=', user.userId).execute();
    expect((await deliver(app, event)).body).toEqual({ received: true, applied: false });
    expect(await db().selectFrom('subscriptions').selectAll().where('user_id', '=', user.userId).execute()).toEqual(before);

    expect((await user.client.post('/api/billing/checkout', { planId: 'pro' })).status).toBe(409);
    // A platform admin cannot swap a plan Stripe is charging for.
    const platformAdmin = await signUp(app);
    await sql`UPDATE users SET role = 'platform_admin' WHERE id = ${platformAdmin.userId}`.execute(db());
    const swap = await platformAdmin.client.put(`/api/admin/users/${user.userId}/plan`, { planId: 'team' });
    expect(swap.status).toBe(409);
    expect(swap.body.error.message).toMatch(/^This plan is paid through Stripe/);
    expect(await planOf(user.client)).toBe('pro');
    const portal = await user.client.post('/api/billing/portal', {});
    expect(portal.status).toBe(200);
    expect(portal.body.url).toMatch(/^https:\/\/billing\.stripe\.test\//);
    expect(stripe.requests.at(-1)!.body).toMatchObject({ return_url: `${app.config.appOrigin}/plan` });
    expect((await user.client.get('/api/audit?limit=20')).body.events.map((e: { action: string }) => e.action)).toContain('billing.checkout_started');
  });

  it('refuses unsigned, wrongly signed and stale events with 400, changing nothing', async () => {
    const user = await signUp(app);
    const checkout = await user.client.post('/api/billing/checkout', { planId: 'pro' });
    const { event } = stripe.completeCheckout(sessionIdOf(checkout.body.url));
    const events = await eventCount();
    for (const attempt of [{ unsigned: true }, { secret: 'whsec_someone_else' }, { timestamp: now() - 3600 }]) {
      const res = await deliver(app, event, attempt);
      expect(res.status, JSON.stringify(attempt)).toBe(400);
      expect(res.body.error.message).toBe('The event is not signed with this endpoint’s secret, or is too old');
    }
    // A signature that does not match the body fails too.
    const tampered = await fetch(app.url('/api/billing/webhook'), { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=00' }, body: JSON.stringify(event) });
    expect(tampered.status).toBe(400);
    expect(await eventCount()).toBe(events);
    expect(await planOf(user.client)).toBe('free');
  });

  it('applies events idempotently whatever their order: an older event never undoes a newer one, and a deleted subscription stays deleted', async () => {
    const user = await proSubscriber();
    const t = now();
    // Payment fails: the plan stays while Stripe retries, and the clinician is told.
    const failed = stripe.event('invoice.payment_failed', { id: 'in_1', object: 'invoice', parent: { subscription_details: { subscription: user.subscription.id } } }, { created: t - 50 });
    expect((await deliver(app, failed)).body.applied).toBe(true);
    expect(await planOf(user.client)).toBe('pro');
    expect((await user.client.get('/api/billing')).body.subscription).toMatchObject({ status: 'past_due', notice: expect.stringMatching(/^The last payment failed/) });

    const unpaid = stripe.event('customer.subscription.updated', stripe.updateSubscription(user.subscription.id, { status: 'unpaid' }), { created: t - 40 });
    const recovered = stripe.event('customer.subscription.updated', stripe.updateSubscription(user.subscription.id, { status: 'active' }), { created: t - 30 });
    // Delivered newest first: the older "unpaid" then changes nothing.
    expect((await deliver(app, recovered)).body.applied).toBe(true);
    expect((await deliver(app, unpaid)).body.applied).toBe(false);
    expect(await planOf(user.client)).toBe('pro');
    expect((await user.client.get('/api/billing')).body.subscription).toMatchObject({ status: 'active', notice: null });

    const deleted = stripe.event('customer.subscription.deleted', stripe.updateSubscription(user.subscription.id, { status: 'canceled' }), { created: t - 20 });
    expect((await deliver(app, deleted)).body.applied).toBe(true);
    expect(await planOf(user.client)).toBe('free');
    // A late "active" update or a re-sent checkout event (new ids, older times) cannot revive it.
    const late = stripe.event('customer.subscription.updated', { ...stripe.updateSubscription(user.subscription.id, { status: 'active' }) }, { created: t - 10 });
    expect((await deliver(app, late)).body.applied).toBe(false);
    expect((await deliver(app, stripe.event('checkout.session.completed', user.event.data.object, { created: t }))).body.applied).toBe(false);
    expect(await planOf(user.client)).toBe('free');
    expect(await db().selectFrom('subscriptions').select(['status', 'stripe_status']).where('stripe_subscription_id', '=', user.subscription.id).execute()).toEqual([
      { status: 'cancelled', stripe_status: 'canceled' },
    ]);

    // Deleted before its checkout event arrives: the subscription never comes into force.
    const other = await signUp(app);
    const checkout = await other.client.post('/api/billing/checkout', { planId: 'pro' });
    const done = stripe.completeCheckout(sessionIdOf(checkout.body.url), { created: t - 5 });
    const gone = stripe.event('customer.subscription.deleted', stripe.updateSubscription(done.subscription.id, { status: 'canceled' }), { created: t });
    expect((await deliver(app, gone)).body.applied).toBe(true);
    expect((await deliver(app, done.event)).body.applied).toBe(false);
    expect(await planOf(other.client)).toBe('free');
  });

  it('a downgrade keeps what was used and blocks new use with a clear message', async () => {
    const user = await proSubscriber();
    const n = new Date();
    for (let i = 0; i < 5; i++) await reserve(db(), { userId: user.userId, metric: 'cv_generations', amount: 1, requestId: `cv-${i}`, now: n });
    const downgrade = stripe.event('customer.subscription.deleted', stripe.updateSubscription(user.subscription.id, { status: 'canceled' }));
    expect((await deliver(app, downgrade)).body.applied).toBe(true);
    const plan = (await user.client.get('/api/me/plan')).body;
    expect(plan).toMatchObject({ plan: { id: 'free', limits: { cvGenerations: 3 } }, usage: { cvGenerations: 5 } });
    await expect(reserve(db(), { userId: user.userId, metric: 'cv_generations', amount: 1, requestId: 'cv-6', now: n })).rejects.toMatchObject({
      code: 'QUOTA_EXCEEDED',
      message: "Your Free plan allows 3 tailored CVs a month and this month's allowance is used up.",
    });
  });
});

describe('team plans with seats', () => {
  it("an organisation's subscription covers N seats: members get its limits, a full team answers 409, the admin sees use in totals", async () => {
    const admin = await signUp(app);
    const ben = await signUp(app);
    const cat = await signUp(app);
    const orgId = (await admin.client.post('/api/organisations', { name: 'Severnside Locums', kind: 'agency' })).body.id as string;
    await joinOrganisation(smtp, admin.client, orgId, ben);

    expect((await ben.client.post('/api/billing/checkout', { planId: 'team', organisationId: orgId, seats: 2 })).status).toBe(403);
    expect((await admin.client.post('/api/billing/checkout', { planId: 'pro', organisationId: orgId })).status).toBe(422);
    expect((await admin.client.post('/api/billing/checkout', { planId: 'team' })).status).toBe(422);
    const checkout = await admin.client.post('/api/billing/checkout', { planId: 'team', organisationId: orgId, seats: 2 });
    expect(checkout.status).toBe(200);
    expect(stripe.sessions.get(sessionIdOf(checkout.body.url))).toMatchObject({ client_reference_id: `organisation:${orgId}`, line_items: [{ price: STRIPE_PRICES.team, quantity: 2 }] });
    const { subscription, event } = stripe.completeCheckout(sessionIdOf(checkout.body.url));
    expect((await deliver(app, event)).body.applied).toBe(true);
    expect((await ben.client.get('/api/me/plan')).body).toMatchObject({ plan: { id: 'team' }, source: 'organisation', organisation: { id: orgId } });
    expect((await admin.client.get(`/api/billing?organisationId=${orgId}`)).body.subscription).toMatchObject({ planId: 'team', managedBy: 'stripe', seats: 2 });
    expect((await ben.client.get(`/api/billing?organisationId=${orgId}`)).status).toBe(403);

    // Both seats are taken: Cat's acceptance is refused, clearly, and she is not added.
    const { token } = await invite(smtp, admin.client, orgId, cat.email);
    const full = await cat.client.post(`/api/invitations/${token}/accept`);
    expect(full.status).toBe(409);
    expect(full.body.error.message).toMatch(/^All 2 seats of this organisation’s plan are taken/);
    expect((await cat.client.get(`/api/organisations/${orgId}`)).status).toBe(404);
    expect(await planOf(cat.client)).toBe('free');

    // A seat is added in the portal: the same link now works.
    const more = stripe.event('customer.subscription.updated', stripe.updateSubscription(subscription.id, { quantity: 3 }));
    expect((await deliver(app, more)).body.applied).toBe(true);
    expect((await cat.client.post(`/api/invitations/${token}/accept`)).status).toBe(200);
    expect(await planOf(cat.client)).toBe('team');

    await reserve(db(), { userId: ben.userId, metric: 'assistant_messages', amount: 4, requestId: 'ben-1', now: new Date() });
    await reserve(db(), { userId: cat.userId, metric: 'cv_generations', amount: 2, requestId: 'cat-1', now: new Date() });
    const usage = await admin.client.get(`/api/organisations/${orgId}/usage`);
    expect(usage.status).toBe(200);
    expect(usage.body).toMatchObject({ plan: { id: 'team' }, seats: { total: 3, used: 3 }, totals: { assistantMessages: 4, cvGenerations: 2, llmTokens: 0 } });
    expect(usage.body.members.find((m: { memberId: string }) => m.memberId === ben.userId).usage).toEqual({ assistantMessages: 4, cvGenerations: 0, llmTokens: 0 });
    expect((await ben.client.get(`/api/organisations/${orgId}/usage`)).status).toBe(403);

    // A sole member cannot leave (and so delete) an organisation Stripe is still charging for.
    const solo = await signUp(app);
    const soloOrg = (await solo.client.post('/api/organisations', { name: 'Solo Team', kind: 'agency' })).body.id as string;
    const soloCheckout = await solo.client.post('/api/billing/checkout', { planId: 'team', organisationId: soloOrg, seats: 1 });
    expect((await deliver(app, stripe.completeCheckout(sessionIdOf(soloCheckout.body.url)).event)).body.applied).toBe(true);
    expect((await solo.client.delete(`/api/organisations/${soloOrg}/members/self`)).status).toBe(409);
    expect((await solo.client.get(`/api/organisations/${soloOrg}`)).status).toBe(200);

    // Down to 2 seats: the three members stay, a fourth cannot join.
    const fewer = stripe.event('customer.subscription.updated', stripe.updateSubscription(subscription.id, { quantity: 2 }));
    await deliver(app, fewer);
    expect((await admin.client.get(`/api/organisations/${orgId}`)).body.members).toHaveLength(3);
    const dee = await signUp(app);
    const second = await invite(smtp, admin.client, orgId, dee.email);
    expect((await dee.client.post(`/api/invitations/${second.token}/accept`)).status).toBe(409);
  });
});

describe('erasure and billing', () => {
  it("cancels the erased user's own subscription at Stripe, and deletes the organisation they alone belonged to", async () => {
    const user = await proSubscriber();
    const orgId = (await user.client.post('/api/organisations', { name: 'Solo Agency', kind: 'agency' })).body.id as string;
    const scheduled = await user.client.post('/api/me/erasure', { password: user.password });
    expect(scheduled.status).toBe(202);
    const request = await db().selectFrom('privacy_requests').select('id').where('subject_ref', '=', scheduled.body.reference).executeTakeFirstOrThrow();
    await sql`UPDATE privacy_requests SET scheduled_for = now() - interval '1 second' WHERE id = ${request.id}`.execute(db());
    await sql`UPDATE jobs SET run_after = now() - interval '1 minute' WHERE name = 'privacy.erase' AND payload->>'requestId' = ${request.id}`.execute(db());
    await enforceRetention({ db: db(), storage: app.server.platform.storage, queue: app.server.platform.queue, erasureGraceDays: 30 }, new Date());
    await app.server.platform.queue.sweep({ graceMs: 0 });
    await waitFor('erasure done', async () => (await db().selectFrom('privacy_requests').select('status').where('id', '=', request.id).executeTakeFirst())?.status === 'completed', 60_000);
    expect(stripe.subscriptions.get(user.subscription.id)!.status).toBe('canceled');
    expect(stripe.requests.some((r) => r.method === 'DELETE' && r.path === `/v1/subscriptions/${user.subscription.id}`)).toBe(true);
    expect(await db().selectFrom('organisations').select('id').where('id', '=', orgId).execute()).toEqual([]);
    // Stripe's own "deleted" event arriving afterwards finds nothing to bring back.
    const after = stripe.event('customer.subscription.deleted', stripe.subscriptions.get(user.subscription.id)!);
    expect((await deliver(app, after)).body).toEqual({ received: true, applied: false });
    expect(await db().selectFrom('subscriptions').select('id').where('stripe_subscription_id', '=', user.subscription.id).execute()).toEqual([]);
  });
});
