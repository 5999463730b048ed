import { z } from 'zod';
import { noControlCharacters, ZEmail } from '../accounts/schema.ts';

const text = (max: number) => z.string().trim().min(1, 'is required').max(max).refine(noControlCharacters, 'must not contain control characters');

export const ZRequestVerification = z.object({
  subjectType: z.enum(['post', 'timecard']),
  subjectId: z.uuid({ message: 'must be an id' }),
  verifierName: text(200),
  verifierEmail: ZEmail,
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
  emailLabel: z.string().nullable().describe('What the address the link went to tells a recruiter, e.g. "personal email" or "work email at the employer (severnside.nhs.uk)"'),
  confirmedBy: z
    .object({
      name: z.string(),
      role: z.string(),
      organisation: z.string(),
      registration: z.object({ body: z.string(), number: z.string() }).nullable(),
      declaredAt: z.string(),
    })
    .nullable()
    .describe('Who answered the link, in their own words, with their declaration'),
  requestedAt: z.string(),
  expiresAt: z.string(),
  respondedAt: z.string().nullable(),
});
export type Verification = z.infer<typeof ZVerification>;
export const ZVerificationList = z.object({ verifications: z.array(ZVerification) });

const formText = (max: number) => z.string().trim().max(max).refine(noControlCharacters, 'must not contain control characters').optional();

/** The professional registers a referee may give a number for (format-checked by record/identifiers.ts). */
export const REFEREE_REGISTERS = ['GMC', 'NMC', 'HCPC'] as const;

/**
 * The verifier's form (application/x-www-form-urlencoded from the server-rendered page). Only the
 * decision is checked here; the rest is checked by the service, so the page can be shown again
 * with each problem beside its field and what the referee typed kept.
 */
export const ZVerifierResponse = z.object({
  decision: z.enum(['confirm', 'dispute']),
  comment: formText(2000),
  name: formText(200),
  role: formText(200),
  organisation: formText(200),
  registrationBody: formText(20),
  registrationNumber: formText(40),
  declaration: formText(10),
});
export type VerifierResponse = z.infer<typeof ZVerifierResponse>;
export const ZTokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'is not a valid link') });
