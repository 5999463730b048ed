import Stripe from 'stripe';
import type { TestApp } from './app.ts';
import type { FakeEvent } from '../fakes/stripe-server.ts';

export const STRIPE_SECRET_KEY = 'sk_test_medfolio_fake';
export const STRIPE_WEBHOOK_SECRET = 'whsec_medfolio_fake_secret';
export const STRIPE_PRICES = { pro: 'price_pro_monthly', team: 'price_team_monthly' };

export const stripeEnv = (url: string) => ({
  STRIPE_SECRET_KEY,
  STRIPE_WEBHOOK_SECRET,
  STRIPE_PRICE_PRO: STRIPE_PRICES.pro,
  STRIPE_PRICE_TEAM: STRIPE_PRICES.team,
  STRIPE_API_URL: url,
});

const signer = new Stripe(STRIPE_SECRET_KEY);

/** Delivers an event as Stripe does: the JSON body, signed with the endpoint's secret (or not, or late). */
export async function deliver(app: TestApp, event: FakeEvent, opts: { secret?: string; timestamp?: number; unsigned?: boolean } = {}) {
  const payload = JSON.stringify(event);
  const header = signer.webhooks.generateTestHeaderString({ payload, secret: opts.secret ?? STRIPE_WEBHOOK_SECRET, ...(opts.timestamp ? { timestamp: opts.timestamp } : {}) });
  const res = await fetch(app.url('/api/billing/webhook'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(opts.unsigned ? {} : { 'stripe-signature': header }) },
    body: payload,
  });
  return { status: res.status, body: (await res.json()) as any };
}
