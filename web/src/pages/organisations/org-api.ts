import type { z } from 'zod';
import type {
  ZComplianceView,
  ZInvitationCreated,
  ZInvitationView,
  ZMyView,
  ZOrganisation,
  ZOrganisationList,
  ZOrganisationUsage,
  ZPendingInvitations,
} from '../../../../server/domains/organisations/schema.ts';
import type { BillingStatus } from '../../../../server/domains/billing/schema.ts';
import { CONSENT_SCOPES, CONSENT_SCOPE_WORDS, type ConsentScopeName } from '../../../../server/platform/words/organisation-words.ts';

export type Organisation = z.infer<typeof ZOrganisation>;
export type OrganisationList = z.infer<typeof ZOrganisationList>;
export type InvitationView = z.infer<typeof ZInvitationView>;
export type InvitationCreated = z.infer<typeof ZInvitationCreated>;
export type PendingInvitations = z.infer<typeof ZPendingInvitations>;
export type ComplianceView = z.infer<typeof ZComplianceView>;
export type MyView = z.infer<typeof ZMyView>;
export type OrganisationUsage = z.infer<typeof ZOrganisationUsage>;
export type { BillingStatus, ConsentScopeName };
export { CONSENT_SCOPES, CONSENT_SCOPE_WORDS };

/** Short names for the consent choices (the full sentences are in CONSENT_SCOPE_WORDS). */
export const SCOPE_LABELS: Record<ConsentScopeName, string> = {
  registration: 'Registrations',
  dbs: 'DBS checks',
  training: 'Training',
  evidence: 'How each item is evidenced',
};

export const EVIDENCE_LABELS = { 'self-declared': 'Self-declared', 'document-backed': 'Document on file', 'verifier-confirmed': 'Confirmed by a verifier' } as const;

export const orgKey = (id: string) => ['organisations', id] as const;
export const orgListKey = ['organisations', 'list'] as const;
