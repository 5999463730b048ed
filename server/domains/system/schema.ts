import { z } from 'zod';

export const ZHealth = z.object({ status: z.literal('ok') });

const ZCheck = z.object({
  ok: z.boolean(),
  detail: z.string().describe('What is in use, or why it is not available'),
});

export const ZReadiness = z.object({
  status: z.enum(['ready', 'degraded', 'unavailable']).describe('unavailable: the API cannot serve requests'),
  checks: z.object({
    database: ZCheck,
    queue: ZCheck,
    browser: ZCheck,
    llm: ZCheck.extend({ mode: z.enum(['openai', 'compatible', 'offline']) }),
  }),
  you: z
    .object({
      processingRestricted: z.boolean().describe('You restricted processing: no AI calls, no embedding, no reminders for you'),
    })
    .nullable()
    .describe('Present when signed in: what the service will and will not do with your data now'),
});
export type Readiness = z.infer<typeof ZReadiness>;
