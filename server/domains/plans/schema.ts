import { z } from 'zod';

const ZLimits = z.object({
  assistantMessages: z.number().int().min(0).describe('Assistant messages a month'),
  cvGenerations: z.number().int().min(0).describe('CV generations a month'),
  llmTokens: z.number().int().min(0).describe('LLM tokens a month'),
  activeShareLinks: z.number().int().min(0).describe('Share links that may be active at once'),
  conversationRetentionDays: z.number().int().min(1).describe('Days conversation messages are kept'),
});

const ZPrice = z
  .object({
    monthlyPence: z.number().int().min(0).max(1_000_000).describe('List price a month, in pence (0: free)'),
    perSeat: z.boolean().describe('Whether the price is per member of a team'),
  })
  .nullable()
  .describe('What the plan costs; null when it is not for sale');

export const ZPlan = z.object({ id: z.string(), name: z.string(), limits: ZLimits, price: ZPrice });
export type Plan = z.infer<typeof ZPlan>;
export const ZPlanList = z.object({ plans: z.array(ZPlan) });

export const ZMyPlan = z.object({
  plan: ZPlan,
  source: z.enum(['personal', 'organisation']).describe('Whether an organisation pays for the plan'),
  organisation: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  usage: z
    .object({
      assistantMessages: z.number().int(),
      cvGenerations: z.number().int(),
      llmTokens: z.number().int(),
    })
    .describe('This period: settled use plus open reservations'),
  periodStart: z.string(),
  resetsAt: z.string().describe('When monthly limits reset (start of next month, UTC)'),
});
export type MyPlan = z.infer<typeof ZMyPlan>;

export const ZPlanIdParams = z.object({ id: z.string().regex(/^[a-z][a-z0-9-]{1,30}$/, 'must be a plan id') });
export const ZUpdatePlanRequest = z.object({ name: z.string().trim().min(1).max(60), limits: ZLimits, price: ZPrice }).partial();
export const ZAssignPlanRequest = z.object({ planId: z.string().regex(/^[a-z][a-z0-9-]{1,30}$/) });
