import { z } from 'zod';

/** Contracts of the CV check (the web app's /check page imports these). */
export const ZEvidenceMark = z.object({
  level: z.enum(['verifier-confirmed', 'supervisor-approved', 'document-backed', 'self-declared']),
  text: z.string().nullable().describe("The mark as printed on the CV; null when the entry is the clinician's own statement"),
});

export const ZCheckedItem = z.object({ section: z.string(), title: z.string(), evidence: ZEvidenceMark });

export const ZCvCheckResult = z.object({
  authentic: z.boolean().describe('The file (or code) is exactly what Medfolio issued, and its signed record verifies'),
  reason: z.string().optional().describe('Why it is not authentic'),
  code: z.string().nullable().describe('The check code, as printed'),
  issuedAt: z.string().nullable(),
  holder: z.object({ name: z.string() }).nullable(),
  items: z.array(ZCheckedItem).describe('What the CV issued with this code says, with the evidence of each entry'),
  withdrawn: z.boolean().describe('The holder has withdrawn this CV'),
  withdrawnAt: z.string().nullable(),
  copy: z.enum(['original', 'shared-copy']).nullable().describe('Which file matched: the PDF as issued, or the copy a share link stamped with its recipient'),
  signature: z.string().nullable().describe('The signed manifest (compact JWS, EdDSA); check it against /.well-known/jwks.json'),
});
export type CvCheckResult = z.infer<typeof ZCvCheckResult>;

export const ZCheckCodeParams = z.object({ code: z.string().max(64) });

export const MAX_CHECK_UPLOAD_BYTES = 10 * 1024 * 1024;
