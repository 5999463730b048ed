import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { randomBytes } from 'node:crypto';

/**
 * A fake Stripe API for tests: real HTTP on 127.0.0.1 speaking the wire format the `stripe`
 * package uses (form-encoded requests with bracketed keys, JSON answers, Bearer secret keys,
 * Stripe's error shape), for the calls Medfolio makes: customers, Checkout sessions, Customer
 * Portal sessions and cancelling a subscription. Point the client at `fake.url` (STRIPE_API_URL).
 *
 * What Stripe would do after a payment happens here on request: `completeCheckout(sessionId)`
 * makes the subscription and returns the `checkout.session.completed` event; `event(...)` builds
 * any other event. Tests sign and deliver them (test/support/billing.ts), as Stripe would.
 */

export interface CapturedStripeRequest {
  method: string;
  path: string;
  /** The form body decoded into nested objects (`line_items[0][price]` -> `{ line_items: { 0: { price } } }`). */
  body: Record<string, any>;
  apiKey: string | undefined;
}

export interface FakeSubscription {
  id: string;
  object: 'subscription';
  status: string;
  customer: string;
  metadata: Record<string, string>;
  items: { object: 'list'; data: Array<{ id: string; object: 'subscription_item'; quantity: number; price: { id: string; object: 'price' } }> };
}

export interface FakeEvent {
  id: string;
  object: 'event';
  type: string;
  created: number;
  livemode: false;
  api_version: string;
  data: { object: Record<string, unknown> };
}

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;

/** Decodes Stripe's form encoding into nested objects. */
export function decodeForm(text: string): Record<string, any> {
  const out: Record<string, any> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const parts = key.split(/\[|\]\[|\]/).filter((p) => p !== '');
    let node = out;
    parts.forEach((part, i) => {
      if (i === parts.length - 1) node[part] = value;
      else node = node[part] ??= {};
    });
  }
  return out;
}

export async function startFakeStripe(options: { secretKey: string }) {
  const requests: CapturedStripeRequest[] = [];
  const customers = new Map<string, Record<string, unknown>>();
  const sessions = new Map<string, Record<string, any>>();
  const subscriptions = new Map<string, FakeSubscription>();
  const sockets = new Set<Socket>();

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'request-id': id('req') });
    res.end(JSON.stringify(body));
  };
  const fail = (res: ServerResponse, status: number, code: string, message: string) => send(res, status, { error: { type: 'invalid_request_error', code, message } });

  const handle = (req: IncomingMessage, res: ServerResponse, raw: string) => {
    const path = (req.url ?? '').split('?')[0]!;
    const apiKey = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const body = decodeForm(raw);
    requests.push({ method: req.method ?? '', path, body, apiKey });
    if (apiKey !== options.secretKey) return send(res, 401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } });

    if (req.method === 'POST' && path === '/v1/customers') {
      const customer = { id: id('cus'), object: 'customer', metadata: body.metadata ?? {}, email: body.email ?? null };
      customers.set(customer.id, customer);
      return send(res, 200, customer);
    }
    if (req.method === 'POST' && path === '/v1/checkout/sessions') {
      if (!body.customer || !customers.has(body.customer)) return fail(res, 400, 'resource_missing', `No such customer: '${body.customer}'`);
      const sid = id('cs_test');
      const session = {
        id: sid,
        object: 'checkout.session',
        mode: body.mode,
        customer: body.customer,
        client_reference_id: body.client_reference_id ?? null,
        metadata: body.metadata ?? {},
        subscription: null,
        status: 'open',
        url: `https://checkout.stripe.test/c/pay/${sid}`,
        success_url: body.success_url,
        cancel_url: body.cancel_url,
        line_items: Object.values(body.line_items ?? {}).map((l: any) => ({ price: l.price, quantity: Number(l.quantity ?? 1) })),
        subscription_metadata: body.subscription_data?.metadata ?? {},
      };
      sessions.set(sid, session);
      return send(res, 200, session);
    }
    if (req.method === 'POST' && path === '/v1/billing_portal/sessions') {
      if (!customers.has(body.customer)) return fail(res, 400, 'resource_missing', `No such customer: '${body.customer}'`);
      const pid = id('bps');
      return send(res, 200, { id: pid, object: 'billing_portal.session', customer: body.customer, return_url: body.return_url, url: `https://billing.stripe.test/p/session/${pid}` });
    }
    const cancel = /^\/v1\/subscriptions\/([A-Za-z0-9_]+)$/.exec(path);
    if (req.method === 'DELETE' && cancel) {
      const sub = subscriptions.get(cancel[1]!);
      if (!sub || sub.status === 'canceled') return fail(res, 404, 'resource_missing', `No such subscription: '${cancel[1]}'`);
      sub.status = 'canceled';
      return send(res, 200, sub);
    }
    return fail(res, 404, 'resource_missing', `Unrecognized request URL (${req.method}: ${path})`);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', () => res.destroy());
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  const event = (type: string, object: object, opts: { created?: number } = {}): FakeEvent => ({
    id: id('evt'),
    object: 'event',
    type,
    created: opts.created ?? Math.floor(Date.now() / 1000),
    livemode: false,
    api_version: '2026-10-28.endive',
    data: { object: JSON.parse(JSON.stringify(object)) },
  });

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    sessions,
    subscriptions,
    event,
    /** The payer finishes Checkout: the subscription exists, and Stripe would send this event. */
    completeCheckout(sessionId: string, opts: { created?: number } = {}) {
      const session = sessions.get(sessionId);
      if (!session) throw new Error(`no checkout session ${sessionId}`);
      const line = session.line_items[0];
      const sub: FakeSubscription = {
        id: id('sub'),
        object: 'subscription',
        status: 'active',
        customer: session.customer,
        metadata: session.subscription_metadata,
        items: { object: 'list', data: [{ id: id('si'), object: 'subscription_item', quantity: line.quantity, price: { id: line.price, object: 'price' } }] },
      };
      subscriptions.set(sub.id, sub);
      Object.assign(session, { status: 'complete', subscription: sub.id, payment_status: 'paid' });
      return { subscription: sub, event: event('checkout.session.completed', session, opts) };
    },
    /** A change made in the Customer Portal (or by Stripe's dunning): the subscription as it now is. */
    updateSubscription(subscriptionId: string, patch: { status?: string; price?: string; quantity?: number }) {
      const sub = subscriptions.get(subscriptionId)!;
      if (patch.status) sub.status = patch.status;
      if (patch.price) sub.items.data[0]!.price.id = patch.price;
      if (patch.quantity) sub.items.data[0]!.quantity = patch.quantity;
      return JSON.parse(JSON.stringify(sub)) as FakeSubscription;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export type FakeStripe = Awaited<ReturnType<typeof startFakeStripe>>;
