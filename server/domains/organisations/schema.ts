import { z } from 'zod';
import { noControlCharacters, ZEmail } from '../accounts/schema.ts';

export const ZOrganisationKind = z.enum(['trust', 'practice', 'agency', 'other']);
export const ZCreateOrganisationRequest = z.object({
  name: z.string().trim().min(2).max(200).refine(noControlCharacters, 'must not contain control characters'),
  kind: ZOrganisationKind,
});
export const ZAddMemberRequest = z.object({
  email: ZEmail,
  role: z.enum(['member', 'admin']).default('member'),
});
export const ZOrganisationParams = z.object({ id: z.uuid({ message: 'must be an id' }) });
export const ZMemberParams = z.object({ id: z.uuid({ message: 'must be an id' }), userId: z.uuid({ message: 'must be an id' }) });

export const ZOrganisationSummary = z.object({ id: z.uuid(), name: z.string(), kind: ZOrganisationKind, role: z.enum(['member', 'admin']) });
export const ZOrganisationList = z.object({ organisations: z.array(ZOrganisationSummary) });
export const ZOrganisation = ZOrganisationSummary.extend({
  members: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      email: z.string().nullable().describe('Shown to organisation admins only'),
      role: z.enum(['member', 'admin']),
      joinedAt: z.string(),
    }),
  ),
});
export type Organisation = z.infer<typeof ZOrganisation>;
