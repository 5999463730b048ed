import { z } from 'zod';

/** Contracts of the clinician's portable credentials (the web app imports these). */
export const ZCredential = z.object({
  id: z.uuid(),
  kind: z.enum(['post-confirmation', 'shift-rollup', 'registration', 'dbs']),
  title: z.string().describe('What the credential says, in words'),
  issuedAt: z.string(),
  status: z.enum(['active', 'revoked']).describe('As its status list says'),
  revokedAt: z.string().nullable(),
  revocationReason: z.string().nullable().describe('Why it was revoked, in words'),
  downloadUrl: z.string().describe('The credential as a vc+jwt file'),
});
export type Credential = z.infer<typeof ZCredential>;
export const ZCredentialList = z.object({ credentials: z.array(ZCredential) });
export const ZStatusListParams = z.object({ listId: z.coerce.number().int().min(1).max(1_000_000) });
