import type Stripe from 'stripe';
import type { StripeConfig } from '../config/env.ts';

export type StripeClient = Stripe;

/**
 * The Stripe client, made on first use: the package loads only where billing is configured and
 * used (docs/ARCHITECTURE.md, Build and start-up). `STRIPE_API_URL` points it elsewhere (the
 * tests' fake Stripe server speaks the same HTTP).
 */
export function stripeClientFactory(config: StripeConfig): () => Promise<StripeClient> {
  let client: Promise<StripeClient> | undefined;
  return () =>
    (client ??= import('stripe').then(
      ({ default: StripeCtor }) =>
        new StripeCtor(config.secretKey, {
          maxNetworkRetries: 2,
          timeout: 15_000,
          appInfo: { name: 'Medfolio' },
          ...(config.api ? { protocol: config.api.protocol, host: config.api.host, port: config.api.port } : {}),
        }),
    ));
}
