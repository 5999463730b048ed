import { z } from 'zod';

export const ZBillableOwner = z.object({ organisationId: z.uuid({ message: 'must be an id' }).optional().describe('Buy or manage for this organisation (its admins only); yours when left out') });
export const ZCheckoutRequest = ZBillableOwner.extend({
  planId: z.enum(['pro', 'team']),
  seats: z.number().int().min(1).max(1000).optional().describe('Members the team plan pays for'),
});
export const ZRedirect = z.object({ url: z.string().url().describe('Where to send the browser: Stripe Checkout or the Customer Portal') });

export const ZBillingStatus = z.object({
  configured: z.boolean().describe('False: plans are assigned by Medfolio, nothing can be bought here'),
  message: z.string().nullable(),
  purchasable: z.array(z.object({ planId: z.enum(['pro', 'team']), for: z.enum(['personal', 'organisation']) })),
  subscription: z
    .object({ planId: z.string(), managedBy: z.enum(['stripe', 'admin']), status: z.string(), seats: z.number().int().nullable(), notice: z.string().nullable() })
    .nullable()
    .describe('The subscription you (or the organisation) hold'),
});
export type BillingStatus = z.infer<typeof ZBillingStatus>;
export const ZWebhookReceived = z.object({ received: z.literal(true), applied: z.boolean() });
