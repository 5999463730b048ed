import { z } from 'zod';
import { ZIsoDate } from '../record/dates.ts';
import { noControlCharacters } from '../accounts/schema.ts';

export const ZPrescreenQuery = z.object({
  role: z
    .string()
    .regex(/^[a-z-]{2,40}$/, 'must be a role id')
    .optional()
    .describe('A role id from `roles` in the response; defaults from your profession'),
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
  withinDays: z
    .union([z.literal(30), z.literal(60), z.literal(90)])
    .nullable()
    .describe('For expiring items: the window it falls in'),
});
export type Finding = z.infer<typeof ZFinding>;

export const ZFindingComment = z.object({ findingId: z.string(), comment: z.string(), updatedAt: z.string() });
export const ZFindingCommentParams = z.object({ findingId: z.string().regex(/^[a-f0-9]{16}$/, 'must be a finding id') });
export const ZFindingCommentRequest = z.object({
  comment: z.string().trim().min(1, 'is required').max(2000).refine(noControlCharacters, 'must not contain control characters'),
});
/** A finding as the clinician sees it: with their comment (their objection or explanation). */
export const ZCommentedFinding = ZFinding.extend({ comment: ZFindingComment.nullable() });

export const ZPrescreen = z.object({
  asOf: z.string(),
  role: z.object({ id: z.string(), name: z.string() }).nullable(),
  notice: z.string().describe('Pre-screening is advice to help you prepare, never a decision'),
  findings: z.array(ZCommentedFinding),
  summary: z.object({ gaps: z.number().int(), overlaps: z.number().int(), expired: z.number().int(), expiring: z.number().int(), unverified: z.number().int(), missing: z.number().int() }),
  roles: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type Prescreen = z.infer<typeof ZPrescreen>;
