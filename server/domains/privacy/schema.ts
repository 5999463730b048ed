import { z } from 'zod';
import { noControlCharacters, ZEmail, ZSecondFactor } from '../accounts/schema.ts';

/** Request and response contracts of the privacy centre; the web app imports these. */

export const ZPrivacyRequest = z.object({
  id: z.uuid(),
  reference: z.uuid().describe('Quote this when asking about the request; it outlives an erasure'),
  type: z.enum(['access', 'erasure', 'restriction', 'objection']),
  source: z.enum(['user', 'admin']),
  status: z.enum(['received', 'scheduled', 'in_progress', 'completed', 'cancelled', 'failed']),
  receivedAt: z.string(),
  dueAt: z.string().describe('One month after it was received: the legal deadline'),
  scheduledFor: z.string().nullable().describe('Erasure: when the account is deleted unless cancelled'),
  completedAt: z.string().nullable(),
  overdue: z.boolean(),
});
export type PrivacyRequest = z.infer<typeof ZPrivacyRequest>;
export const ZPrivacyRequestList = z.object({ requests: z.array(ZPrivacyRequest) });
export const ZAdminPrivacyRequest = ZPrivacyRequest.extend({
  userId: z.uuid().nullable().describe('Null once the account has been erased'),
  details: z.record(z.string(), z.unknown()),
});
export const ZAdminPrivacyRequestList = z.object({ requests: z.array(ZAdminPrivacyRequest) });
export const ZAdminPrivacyRequestQuery = z.object({ status: ZPrivacyRequest.shape.status.optional() });

export const ZDataExport = z.object({
  id: z.uuid(),
  status: z.enum(['queued', 'building', 'ready', 'failed', 'expired']),
  createdAt: z.string(),
  readyAt: z.string().nullable(),
  expiresAt: z.string().nullable().describe('The download is deleted at this time (24 hours after it is ready)'),
  sizeBytes: z.number().int().nullable(),
  files: z.number().int().nullable(),
  downloadUrl: z.string().nullable().describe('Present while the export is ready and not expired; needs your session'),
});
export type DataExport = z.infer<typeof ZDataExport>;
export const ZDataExportList = z.object({ exports: z.array(ZDataExport) });

/** Erasure asks again for the password (and the second factor when it is on). */
export const ZErasureRequest = z.object({ password: z.string().min(1).max(256), totp: ZSecondFactor.optional() });
export const ZPasswordCheck = ZErasureRequest.pick({ password: true });
export const ZPasswordChecked = z.object({ ok: z.literal(true) });
export const ZErasureScheduled = z.object({
  reference: z.uuid(),
  scheduledFor: z.string().describe('After this, everything is deleted; until then you can cancel'),
  message: z.string(),
});
/** Cancelling works without a session: the account is locked while erasure is pending. */
export const ZErasureCancelRequest = z.object({ email: ZEmail, password: z.string().min(1).max(256), totp: ZSecondFactor.optional() });
export const ZAdminErasureRequest = z.object({
  password: z.string().min(1).max(256).describe("The admin's own password"),
  totp: ZSecondFactor.optional(),
  reason: z
    .string()
    .trim()
    .min(3)
    .max(500)
    .refine(noControlCharacters, 'must not contain control characters')
    .describe('The legal basis, e.g. "court order ref 123"; kept after the erasure, so no personal data'),
});

export const ZRetentionRule = z.object({
  id: z.string(),
  data: z.string().describe('What is kept'),
  keptFor: z.union([z.object({ days: z.number().int() }), z.object({ perPlan: z.array(z.object({ planId: z.string(), planName: z.string(), days: z.number().int() })) })]),
  after: z.string().describe('What the time counts from'),
});
export const ZRetentionPolicy = z.object({
  rules: z.array(ZRetentionRule),
  requestDueDays: z.literal('one month').describe('How long we take at most to answer a data-subject request'),
});
export type RetentionPolicy = z.infer<typeof ZRetentionPolicy>;
