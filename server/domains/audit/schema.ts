import { z } from 'zod';

export const ZAuditEvent = z.object({
  id: z.string().describe('Position in the log; use as the `before` cursor'),
  at: z.string().describe('ISO 8601 instant'),
  actor: z.object({ type: z.enum(['user', 'system', 'verifier', 'recruiter', 'admin']), id: z.string().nullable() }),
  action: z.string().describe('What happened, e.g. session.revoked'),
  subject: z.object({ type: z.string(), id: z.string().nullable() }),
  details: z.record(z.string(), z.unknown()),
  requestId: z.string().nullable(),
});
export type AuditEvent = z.infer<typeof ZAuditEvent>;

export const ZAuditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z
    .string()
    .regex(/^\d{1,18}$/, 'must be an event id')
    .optional(),
});

export const ZAuditPage = z.object({
  events: z.array(ZAuditEvent),
  nextBefore: z.string().nullable().describe('Pass as `before` for the next (older) page; null at the end'),
});

export const ZAuditVerification = z.object({
  ok: z.boolean(),
  events: z.number().int().describe('Events checked'),
  firstBroken: z.object({ seq: z.number().int(), reason: z.string() }).nullable().describe('The first link that does not verify, if any'),
});
export type AuditVerification = z.infer<typeof ZAuditVerification>;
