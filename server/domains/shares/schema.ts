import { z } from 'zod';
import { noControlCharacters, ZEmail } from '../accounts/schema.ts';

export const ZCreateShare = z.object({
  recipientEmail: ZEmail,
  recipientName: z.string().trim().min(1).max(200).refine(noControlCharacters, 'must not contain control characters').optional(),
  message: z.string().trim().max(1000).refine(noControlCharacters, 'must not contain control characters').optional(),
  expiresInHours: z.number().int().min(1).max(720).describe('1 hour to 30 days'),
  maxViews: z.number().int().min(1).max(1000).optional().describe('The link stops working after this many PDF views'),
  passcode: z.string().min(6, 'must be at least 6 characters').max(64).optional().describe('Tell the recipient separately'),
  documentIds: z
    .array(z.uuid({ message: 'must be an id' }))
    .max(20)
    .optional()
    .describe('Documents to send with the CV (a compliance pack): PDFs are stamped with the recipient'),
  credentialIds: z
    .array(z.uuid({ message: 'must be an id' }))
    .max(50)
    .optional()
    .describe('Your credentials to send with the CV (GET /api/me/credentials)'),
});

export const ZShareCreated = z.object({ id: z.uuid(), url: z.string().describe('Shown once: only its hash is stored'), emailSent: z.boolean() });

export const ZShareView = z.object({
  at: z.string(),
  kind: z.enum(['page', 'pdf', 'document', 'credential']),
  itemId: z.string().nullable().describe('The pack item downloaded (document or credential)'),
  ipPrefix: z.string().nullable(),
  userAgent: z.string().nullable(),
});
export const ZShareItem = z.object({ type: z.enum(['document', 'credential']), id: z.uuid(), title: z.string(), available: z.boolean() });
/** What a share link is now (shares/access.ts decides; the web names each). */
export const ZShareStatus = z.enum(['active', 'expired', 'revoked', 'exhausted']);
export type ShareStatus = z.infer<typeof ZShareStatus>;

export const ZShare = z.object({
  id: z.uuid(),
  cvId: z.uuid(),
  recipientEmail: z.string(),
  recipientName: z.string().nullable(),
  status: ZShareStatus,
  expiresAt: z.string(),
  maxViews: z.number().int().nullable(),
  viewCount: z.number().int(),
  hasPasscode: z.boolean(),
  createdAt: z.string(),
  firstViewedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  views: z.array(ZShareView),
  pack: z.array(ZShareItem).describe('Documents and credentials sent with the CV'),
});
export type Share = z.infer<typeof ZShare>;
export const ZShareList = z.object({ shares: z.array(ZShare) });
export const ZPasscodeForm = z.object({ passcode: z.string().max(64) });
