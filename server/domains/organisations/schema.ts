import { z } from 'zod';
import { noControlCharacters, ZEmail } from '../accounts/schema.ts';
import { CONSENT_SCOPES } from '../../platform/words/organisation-words.ts';

export const ZOrganisationKind = z.enum(['trust', 'practice', 'agency', 'other']);
export const ZOrganisationRole = z.enum(['member', 'admin']);
export const ZConsentScope = z.enum(CONSENT_SCOPES);
/** A set of scopes: each at most once, in the catalogue's order. */
const ZScopeList = z
  .array(ZConsentScope)
  .max(CONSENT_SCOPES.length)
  .transform((list) => CONSENT_SCOPES.filter((s) => list.includes(s)));

export const ZCreateOrganisationRequest = z.object({
  name: z.string().trim().min(2).max(200).refine(noControlCharacters, 'must not contain control characters'),
  kind: ZOrganisationKind,
});
export const ZInviteRequest = z.object({
  email: ZEmail,
  role: ZOrganisationRole.default('member'),
  scope: ZScopeList.default([]).describe('What the organisation asks to see of the member; the member agrees to it by accepting'),
});
export const ZConsentRequest = z.object({ scope: ZScopeList });
export const ZRoleRequest = z.object({ role: ZOrganisationRole });
export const ZOrganisationParams = z.object({ id: z.uuid({ message: 'must be an id' }) });
export const ZMemberParams = z.object({ id: z.uuid({ message: 'must be an id' }), userId: z.uuid({ message: 'must be an id' }) });
export const ZInvitationIdParams = z.object({ id: z.uuid({ message: 'must be an id' }), invitationId: z.uuid({ message: 'must be an id' }) });
export const ZInvitationTokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'must be an invitation link') });

export const ZOrganisationSummary = z.object({ id: z.uuid(), name: z.string(), kind: ZOrganisationKind, role: ZOrganisationRole });
export const ZOrganisationList = z.object({ organisations: z.array(ZOrganisationSummary) });
export const ZOrganisation = ZOrganisationSummary.extend({
  myScope: z.array(ZConsentScope).describe('What you let this organisation see'),
  members: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      email: z.string().nullable().describe('Shown to organisation admins only'),
      role: ZOrganisationRole,
      joinedAt: z.string(),
      scope: z.array(ZConsentScope).nullable().describe('What the member shares; shown to organisation admins only'),
    }),
  ),
});
export type Organisation = z.infer<typeof ZOrganisation>;

export const ZInvitationCreated = z.object({
  id: z.uuid(),
  email: z.string(),
  role: ZOrganisationRole,
  scope: z.array(ZConsentScope),
  expiresAt: z.string(),
  emailSent: z.boolean().describe('False when the mail server refused; the invitation stands and can be sent again'),
});
export const ZPendingInvitations = z.object({
  invitations: z.array(z.object({ id: z.uuid(), email: z.string(), role: ZOrganisationRole, scope: z.array(ZConsentScope), expiresAt: z.string(), createdAt: z.string() })),
});
/** What the holder of an invitation link reads before deciding. */
export const ZInvitationView = z.object({
  organisation: z.object({ name: z.string(), kind: ZOrganisationKind }),
  email: z.string().describe('The address the invitation was sent to: accept it from the account with this address'),
  role: ZOrganisationRole,
  scope: z.array(ZConsentScope),
  terms: z.array(z.string()).describe('What the organisation will and will not see, in words'),
  expiresAt: z.string(),
});
export const ZAccepted = z.object({ organisationId: z.uuid() });

const ZEvidenceLevel = z.enum(['self-declared', 'document-backed', 'verifier-confirmed']);
const ZDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const ZExpiryCounts = z.object({
  expired: z.number().int(),
  within30: z.number().int().describe('Expiring in the next 30 days'),
  within60: z.number().int().describe('Expiring in the next 60 days (the 30 included)'),
  within90: z.number().int().describe('Expiring in the next 90 days (the 60 included)'),
});
/** One member's compliance, exactly as their organisation's admins see it. */
export const ZMemberCompliance = z.object({
  memberId: z.uuid(),
  name: z.string(),
  scope: z.array(ZConsentScope),
  registrations: z
    .array(z.object({ body: z.string(), status: z.string().nullable(), renewalDate: ZDate.nullable(), revalidationDate: ZDate.nullable(), evidence: ZEvidenceLevel.nullable() }))
    .nullable()
    .describe('Null when the member does not share registrations'),
  dbsChecks: z
    .array(z.object({ level: z.string(), workforce: z.string(), issueDate: ZDate, updateService: z.boolean(), updateServiceRenewalDate: ZDate.nullable(), evidence: ZEvidenceLevel.nullable() }))
    .nullable(),
  training: z.array(z.object({ name: z.string(), completedOn: ZDate, expiresOn: ZDate.nullable(), evidence: ZEvidenceLevel.nullable() })).nullable(),
  expiring: ZExpiryCounts,
});
export type MemberCompliance = z.infer<typeof ZMemberCompliance>;
export const ZComplianceView = z.object({
  asOf: ZDate,
  members: z.array(ZMemberCompliance).describe('Members who share something; the others are counted, not shown'),
  notSharing: z.number().int().describe('Members who share nothing'),
  expiring: ZExpiryCounts.describe('Totals over the members shown'),
});
export type ComplianceView = z.infer<typeof ZComplianceView>;
export const ZMyView = z.object({
  organisation: z.object({ id: z.uuid(), name: z.string() }),
  sees: ZMemberCompliance.nullable().describe('Null when you share nothing beyond your name and email address'),
  terms: z.array(z.string()),
});

const ZUsageTotals = z.object({ assistantMessages: z.number().int(), cvGenerations: z.number().int(), llmTokens: z.number().int() });
/** What the organisation's plan is used for this month: counts per member, never what for. */
export const ZOrganisationUsage = z.object({
  plan: z.object({ id: z.string(), name: z.string() }).nullable().describe('The plan the organisation holds; null when it holds none'),
  seats: z.object({ total: z.number().int().nullable().describe('Null: not limited'), used: z.number().int() }),
  periodStart: z.string(),
  members: z.array(z.object({ memberId: z.uuid(), name: z.string(), usage: ZUsageTotals })),
  totals: ZUsageTotals,
});
