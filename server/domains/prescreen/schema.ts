import { z } from 'zod';
import { ZIsoDate } from '../record/dates.ts';

export const ZPrescreenQuery = z.object({
  role: z.string().regex(/^[a-z-]{2,40}$/, 'must be a role id').optional().describe('A role id from `roles` in the response; defaults from your profession'),
  asOf: ZIsoDate.optional().describe('Defaults to today'),
});

export const ZFinding = z.object({
  id: z.string().describe('Stable for the same finding, so a comment can be attached'),
  kind: z.enum(['gap', 'overlap', 'expired', 'expiring', 'unverified', 'missing', 'dbs-age']),
  severity: z.enum(['high', 'medium', 'low']),
  message: z.string(),
  subject: z.object({ type: z.string(), id: z.string() }).nullable(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  withinDays: z.union([z.literal(30), z.literal(60), z.literal(90)]).nullable().describe('For expiring items: the window it falls in'),
});
export type Finding = z.infer<typeof ZFinding>;

export const ZPrescreen = z.object({
  asOf: z.string(),
  role: z.object({ id: z.string(), name: z.string() }).nullable(),
  notice: z.string().describe('Pre-screening is advice to help you prepare, never a decision'),
  findings: z.array(ZFinding),
  summary: z.object({ gaps: z.number().int(), overlaps: z.number().int(), expired: z.number().int(), expiring: z.number().int(), unverified: z.number().int(), missing: z.number().int() }),
  roles: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type Prescreen = z.infer<typeof ZPrescreen>;
