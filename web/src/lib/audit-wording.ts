import type { AuditEvent } from '../../../server/domains/audit/schema.ts';

/**
 * The audit timeline in plain words: each known `action` (server/domains/*: recordAudit calls)
 * becomes a sentence a clinician understands; anything new falls back to the raw action, so a
 * server change never hides an event.
 */

type Details = Record<string, unknown>;
type Wording = string | ((event: Pick<AuditEvent, 'actor' | 'details' | 'subject'>) => string);

const str = (details: Details, key: string): string | undefined => {
  const v = details[key];
  return typeof v === 'string' && v.trim() ? v : undefined;
};
const num = (details: Details, key: string): number | undefined => {
  const v = details[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
};
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Record kinds (server/domains/record/kinds.ts): "a post", "a DBS check". */
const RECORD_NOUNS: Record<string, string> = {
  post: 'a post',
  registration: 'a professional registration',
  training: 'a training record',
  dbs: 'a DBS check',
  education: 'an education entry',
};

const sharedWith = (details: Details) => {
  const email = str(details, 'recipientEmail');
  return email ? ` (shared with ${email})` : '';
};

const WORDING: Record<string, Wording> = {
  // Accounts and sign-in
  'user.registered': 'You created your Medfolio account',
  'email.verified': 'You confirmed your email address',
  'profile.updated': 'You updated your profile',
  'session.created': ({ details }) =>
    details.secondFactor === 'recovery_code' ? 'You signed in with a recovery code' : details.secondFactor === 'totp' ? 'You signed in with your password and two-factor code' : 'You signed in',
  'session.ended': 'You signed out',
  'session.revoked': 'You signed out one of your sessions',
  'login.failed': ({ details }) =>
    details.reason === 'second_factor' ? 'Someone entered your password but a wrong two-factor code' : 'Someone tried to sign in to your account with a wrong password',
  'login.locked_out': 'Sign-in was paused after too many failed attempts',
  'login.paused': 'Many wrong passwords from different places paused sign-in from new browsers; we emailed you a link to sign in',
  'login.unlocked': 'A browser was let in to sign in with the link we emailed you',
  'password.changed': ({ details }) => {
    const n = num(details, 'otherSessionsRevoked');
    return n ? `You changed your password (and ${plural(n, 'other session')} signed out)` : 'You changed your password';
  },
  'password.reset_requested': 'A password reset link was sent to your email address',
  'password.reset': 'You set a new password with a reset link',
  'password.check_failed': 'A wrong password was entered to confirm a sensitive change',
  'two_factor.setup_started': 'You started setting up two-factor authentication',
  'two_factor.enabled': 'You turned on two-factor authentication',
  'two_factor.disabled': 'You turned off two-factor authentication',
  'two_factor.recovery_codes_replaced': 'You replaced your two-factor recovery codes',
  'role.granted': 'You were given administrator access',
  'role.revoked': 'Your administrator access was removed',

  // Privacy
  'processing.restricted': 'You restricted AI processing of your data',
  'processing.restriction_lifted': 'You lifted the restriction on AI processing of your data',
  'export.requested': 'You asked for a copy of your data',
  'export.ready': 'Your data export was ready to download',
  'export.downloaded': 'You downloaded your data export',
  'erasure.requested': ({ actor }) => (actor.type === 'admin' ? 'An administrator scheduled your account for erasure' : 'You asked for your account to be erased'),
  'erasure.cancelled': 'You cancelled the erasure of your account',
  'admin.erasure_ordered': 'You ordered the erasure of an account (a legal request)',
  'account.erased': 'The account was erased',

  // Sharing
  'share.created': ({ details }) => {
    const email = str(details, 'recipientEmail');
    return email ? `You shared a CV with ${email}` : 'You shared a CV';
  },
  'share.revoked': 'You stopped sharing a CV',
  'share.opened': ({ details }) => `A recruiter viewed your shared CV${sharedWith(details)}`,
  'share.viewed': ({ details }) => `A recruiter viewed your shared CV as a PDF${sharedWith(details)}`,
  'share.document_downloaded': ({ details }) => `A recruiter downloaded a document sent with your CV${sharedWith(details)}`,
  'share.credential_downloaded': ({ details }) => `A recruiter downloaded a credential sent with your CV${sharedWith(details)}`,
  'share.paused': 'Many wrong passcodes from different places paused a share link for a while; share a new link if your recruiter is held up',

  // Verifications
  'verification.requested': ({ details }) => {
    const name = str(details, 'verifierName');
    return name ? `You asked ${name} to verify an entry in your record` : 'You asked someone to verify an entry in your record';
  },
  'verification.confirmed': ({ details }) => {
    const name = str(details, 'verifierName');
    return name ? `${name} confirmed an entry in your record` : 'A verifier confirmed an entry in your record';
  },
  'verification.disputed': ({ details }) => {
    const name = str(details, 'verifierName');
    return name ? `${name} disputed an entry in your record` : 'A verifier disputed an entry in your record';
  },
  'verification.cancelled': 'You cancelled a verification request',

  // Documents, CVs, pre-screen
  'document.uploaded': 'You uploaded a document',
  'document.deleted': ({ details }) => {
    const name = str(details, 'filename');
    return name ? `You deleted the document ${name}` : 'You deleted a document';
  },
  'document.linked': 'You attached a document to an entry in your record',
  'document.unlinked': 'You detached a document from an entry in your record',
  'cv.requested': 'You asked for a new CV to be generated',
  'cv.withdrawn': 'You withdrew a CV: anyone checking it is told so',
  'cv.referee_names_changed': ({ details }) => (details.showRefereeNames ? "You chose to show referees' names on a CV" : "You chose to hide referees' names on a CV"),
  'credential.issued': 'A credential was issued from your record',
  'credential.withdrawn': 'You withdrew a credential',
  'prescreen.finding_commented': 'A comment was added to a pre-screen finding',
  'prescreen.finding_comment_removed': 'A comment on a pre-screen finding was removed',

  // Time card
  'timecard.clocked_in': ({ details }) => (str(details, 'employer') ? `You clocked in at ${str(details, 'employer')}` : 'You clocked in'),
  'timecard.clocked_out': 'You clocked out',
  'timecard.added': 'You added a shift to your time card',
  'timecard.updated': 'You changed a shift on your time card',
  'timecard.deleted': 'You deleted a shift from your time card',
  'timecard.submitted': 'You submitted a shift',
  'timecard.imported': 'A shift was imported into your time card',
  'record.imported': 'You imported your record from a JSON Resume file',

  // Organisations and plans
  'organisation.created': 'An organisation was created',
  'organisation.member_added': 'A member was added to an organisation',
  'organisation.member_removed': 'A member was removed from an organisation',
  'organisation.invitation_sent': 'An invitation to an organisation was sent',
  'organisation.invitation_revoked': 'An invitation to an organisation was withdrawn',
  'organisation.invitation_accepted': 'An invitation to an organisation was accepted',
  'organisation.invitation_declined': 'An invitation to an organisation was declined',
  'organisation.left': 'A member left an organisation',
  'organisation.admin_granted': 'A member was made an organisation admin',
  'organisation.admin_revoked': 'An organisation admin was made a member',
  'organisation.consent_changed': 'What a member shares with an organisation changed',
  'billing.checkout_started': 'A plan checkout was opened with Stripe',
  'organisation.admin_handed_over': 'You became an admin of an organisation because its only admin’s account was erased',
  'subscription.assigned': 'Your plan was changed',
  'plan.updated': 'A plan’s limits were changed',
  'catalogue.updated': 'The training catalogue was updated',
};

const RECORD_VERBS: Record<string, (noun: string) => string> = {
  created: (noun) => `You added ${noun} to your record`,
  updated: (noun) => `You updated ${noun} in your record`,
  deleted: (noun) => `You removed ${noun} from your record`,
  imported: (noun) => `${noun.charAt(0).toUpperCase()}${noun.slice(1)} was imported into your record`,
};

/** One sentence for an event; unknown actions come back as they are ("thing.happened"). */
export function describeAuditEvent(event: Pick<AuditEvent, 'action' | 'actor' | 'details' | 'subject'>): string {
  const wording = WORDING[event.action];
  if (typeof wording === 'string') return wording;
  if (wording) return wording({ actor: event.actor, details: event.details ?? {}, subject: event.subject });
  const [kind, verb] = event.action.split('.');
  const noun = kind ? RECORD_NOUNS[kind] : undefined;
  const phrase = verb ? RECORD_VERBS[verb] : undefined;
  if (noun && phrase) return phrase(noun);
  return event.action;
}

/** Whether the action has its own wording (the rest are shown raw). */
export function isKnownAction(action: string): boolean {
  if (action in WORDING) return true;
  const [kind, verb] = action.split('.');
  return Boolean(kind && verb && RECORD_NOUNS[kind] && RECORD_VERBS[verb]);
}

/** Who did it: "You", "A recruiter", "A verifier", "The system", "An administrator". */
export function describeActor(actor: AuditEvent['actor'], myId?: string): string {
  switch (actor.type) {
    case 'user':
      if (actor.id === null) return 'Someone (not signed in)';
      return !myId || actor.id === myId ? 'You' : 'Another Medfolio user';
    case 'recruiter':
      return 'A recruiter';
    case 'verifier':
      return 'A verifier';
    case 'system':
      return 'The system';
    case 'admin':
      return 'An administrator';
    default:
      return 'Unknown';
  }
}
