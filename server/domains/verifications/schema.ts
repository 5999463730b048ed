import { z } from 'zod';
import { noControlCharacters } from '../accounts/schema.ts';

const text = (max: number) => z.string().trim().min(1, 'is required').max(max).refine(noControlCharacters, 'must not contain control characters');

export const ZRequestVerification = z.object({
  subjectType: z.enum(['post', 'timecard']),
  subjectId: z.uuid({ message: 'must be an id' }),
  verifierName: text(200),
  verifierEmail: z.string().trim().toLowerCase().pipe(z.email({ message: 'must be a valid email address' })),
  relationship: text(120).describe('e.g. Educational supervisor, Clinical lead, Shift supervisor'),
});

export const ZVerification = z.object({
  id: z.uuid(),
  subjectType: z.enum(['post', 'timecard']),
  subjectId: z.uuid(),
  summary: z.string().describe('What the verifier is asked to confirm'),
  verifierName: z.string(),
  verifierEmail: z.string(),
  relationship: z.string(),
  status: z.enum(['requested', 'confirmed', 'disputed', 'expired', 'cancelled', 'superseded']),
  comment: z.string().nullable(),
  requestedAt: z.string(),
  expiresAt: z.string(),
  respondedAt: z.string().nullable(),
});
export type Verification = z.infer<typeof ZVerification>;
export const ZVerificationList = z.object({ verifications: z.array(ZVerification) });

/** The verifier's form (application/x-www-form-urlencoded from the server-rendered page). */
export const ZVerifierResponse = z.object({
  decision: z.enum(['confirm', 'dispute']),
  comment: z.string().trim().max(2000).refine(noControlCharacters, 'must not contain control characters').optional(),
});
export const ZTokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'is not a valid link') });
