import { defineRoute } from '../../platform/http/route.ts';
import { ZBillableOwner, ZBillingStatus, ZCheckoutRequest, ZRedirect } from './schema.ts';
import { getBillingStatus, handleWebhook, openPortal, startCheckout, type BillingDeps } from './service.ts';

/** The webhook's path: app.ts keeps its body raw (the signature covers the exact bytes) and csrf.ts lets it through. */
export const STRIPE_WEBHOOK_PATH = '/api/billing/webhook';

export function billingRoutes(deps: BillingDeps) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/billing',
      summary: 'Whether plans can be bought here, and the subscription you (or your organisation) hold',
      tags: ['billing'],
      auth: 'user',
      query: ZBillableOwner,
      response: ZBillingStatus,
      handler: ({ user, query }) => getBillingStatus(deps, user.id, query.organisationId),
    }),
    defineRoute({
      method: 'post',
      path: '/api/billing/checkout',
      summary: 'Start buying a plan: answers the Stripe Checkout page to open',
      tags: ['billing'],
      auth: 'user',
      body: ZCheckoutRequest,
      response: ZRedirect,
      handler: ({ user, body, requestId, now }) => startCheckout(deps, user.id, body, { requestId, now }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/billing/portal',
      summary: 'Manage a subscription (card, seats, cancelling): answers the Stripe Customer Portal page to open',
      tags: ['billing'],
      auth: 'user',
      body: ZBillableOwner,
      response: ZRedirect,
      handler: ({ user, body }) => openPortal(deps, user.id, body),
    }),
    defineRoute({
      kind: 'raw',
      method: 'post',
      path: STRIPE_WEBHOOK_PATH,
      summary: 'Stripe webhook (signed by Stripe)',
      tags: ['billing'],
      auth: 'public',
      produces: 'application/json',
      handler: async ({ req, res, now }) => {
        const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const signature = req.headers['stripe-signature'];
        res.json(await handleWebhook(deps, body, typeof signature === 'string' ? signature : undefined, now));
      },
    }),
  ];
}
