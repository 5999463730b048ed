/**
 * What an organisation may see of a member, in the words the member agrees to. The invitation
 * page, the invitation email, the member's "what my organisation sees" page and the admin's view
 * all read these, so what a person consents to and what is shown never say different things.
 * Imports nothing, so the web app can use it.
 */

export const CONSENT_SCOPES = ['registration', 'dbs', 'training', 'evidence'] as const;
export type ConsentScopeName = (typeof CONSENT_SCOPES)[number];

export const CONSENT_SCOPE_WORDS: Record<ConsentScopeName, string> = {
  registration: 'your professional registrations: the regulator, the status and the renewal and revalidation dates (not the number)',
  dbs: 'your DBS checks: the level, the workforce, the issue date and whether you are on the update service (not the certificate number)',
  training: 'your training: each course, when you completed it and when it expires',
  evidence: 'how well each of those items is evidenced: self-declared, document on file or confirmed by a verifier (not the documents themselves)',
};

/** What no organisation ever sees, whatever a member agrees to. */
export const NEVER_SHARED = 'Your organisation never sees your CVs, your conversations with the assistant, your documents, your posts or your contact details beyond your name and email address.';

/** The terms a person reads before accepting an invitation. */
export function invitationTerms(organisationName: string, scope: readonly ConsentScopeName[]): string[] {
  const sees = scope.length
    ? [`If you accept, ${organisationName} will see your name, your email address and:`, ...scope.map((s) => `• ${CONSENT_SCOPE_WORDS[s]}`)]
    : [`If you accept, ${organisationName} will see your name and email address, and nothing from your record.`];
  return [...sees, NEVER_SHARED, 'You can see exactly what they see at any time, share less or more, or leave the organisation, and they are told nothing more once you do.'];
}
