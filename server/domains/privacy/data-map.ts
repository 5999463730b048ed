import type { Database } from '../../platform/db/types.ts';

/**
 * Where a clinician's data lives: every table of the schema, classified once. The export reads
 * this map to write one file per table, and the erasure job reads it to delete every row; a
 * test compares it with the database catalogue, so a new table cannot be forgotten by either.
 */
export interface PersonalTable {
  table: keyof Database;
  /** The column that holds the user's id (audit chains are keyed by it too). */
  owner: string;
  /** Path inside the export ZIP. */
  file: string;
  /** Secrets and storage internals that are never exported (hashes, sealed keys, vectors). */
  omit?: string[];
  /**
   * `delete` (default) removes the rows; `detach` keeps them without the user id, for
   * records the controller must keep that hold no personal data (the request log).
   */
  onErase?: 'delete' | 'detach';
}

export interface OtherTable {
  table: string;
  /** Why the table holds nothing of one user, or which step erases it instead. */
  notPersonal: string;
}

/** In deletion order: children before the rows they reference; the account last. */
export const PERSONAL_TABLES: PersonalTable[] = [
  { table: 'cv_check_copies', owner: 'user_id', file: 'cvs/check-copies.json' },
  { table: 'credentials', owner: 'user_id', file: 'credentials/credentials.json' },
  { table: 'share_views', owner: 'user_id', file: 'shares/views.json' },
  { table: 'share_items', owner: 'user_id', file: 'shares/pack-items.json' },
  { table: 'share_links', owner: 'user_id', file: 'shares/links.json', omit: ['token_hash', 'passcode_hash'] },
  { table: 'messages', owner: 'user_id', file: 'assistant/messages.json' },
  { table: 'conversations', owner: 'user_id', file: 'assistant/conversations.json', omit: ['pseudonyms'] },
  { table: 'cv_requests', owner: 'user_id', file: 'cvs/requests.json' },
  { table: 'cv_checks', owner: 'user_id', file: 'cvs/checks.json', omit: ['code_hash'] },
  { table: 'cv_pdfs', owner: 'user_id', file: 'cvs/pdfs.json', omit: ['storage_key', 'wrapped_key'] },
  { table: 'record_embeddings', owner: 'user_id', file: 'record/embeddings.json', omit: ['embedding'] },
  { table: 'record_documents', owner: 'user_id', file: 'documents/links.json' },
  { table: 'documents', owner: 'user_id', file: 'documents/documents.json', omit: ['storage_key', 'wrapped_key'] },
  { table: 'posts', owner: 'user_id', file: 'record/posts.json' },
  { table: 'registrations', owner: 'user_id', file: 'record/registrations.json' },
  { table: 'training', owner: 'user_id', file: 'record/training.json' },
  { table: 'dbs_checks', owner: 'user_id', file: 'record/dbs-checks.json' },
  { table: 'education', owner: 'user_id', file: 'record/education.json' },
  { table: 'activities', owner: 'user_id', file: 'record/activities.json' },
  { table: 'publications', owner: 'user_id', file: 'record/publications.json' },
  { table: 'awards', owner: 'user_id', file: 'record/awards.json' },
  { table: 'courses', owner: 'user_id', file: 'record/courses.json' },
  { table: 'clinical_skills', owner: 'user_id', file: 'record/clinical-skills.json' },
  { table: 'languages', owner: 'user_id', file: 'record/languages.json' },
  { table: 'memberships', owner: 'user_id', file: 'record/memberships.json' },
  // Other people's contact details, held for the clinician: exported to them and erased with them.
  { table: 'referees', owner: 'user_id', file: 'record/referees.json' },
  { table: 'profiles', owner: 'user_id', file: 'record/profile.json' },
  { table: 'reminders_sent', owner: 'user_id', file: 'record/reminders-sent.json' },
  { table: 'finding_comments', owner: 'user_id', file: 'record/finding-comments.json' },
  { table: 'timecards', owner: 'user_id', file: 'timecards/timecards.json' },
  { table: 'verifications', owner: 'user_id', file: 'verifications/verifications.json', omit: ['token_hash'] },
  { table: 'usage_ledger', owner: 'user_id', file: 'plan/usage-ledger.json' },
  { table: 'usage_balances', owner: 'user_id', file: 'plan/usage-balances.json' },
  { table: 'subscriptions', owner: 'user_id', file: 'plan/subscriptions.json' },
  { table: 'billing_customers', owner: 'user_id', file: 'plan/billing-customer.json' },
  { table: 'organisation_members', owner: 'user_id', file: 'organisations/memberships.json' },
  // Invitations the user sent; those sent to their address are deleted by releaseOrganisationsOf.
  { table: 'organisation_invitations', owner: 'invited_by', file: 'organisations/invitations-sent.json', omit: ['token_hash'] },
  { table: 'data_exports', owner: 'user_id', file: 'privacy/exports.json', omit: ['storage_key', 'wrapped_key'] },
  { table: 'privacy_requests', owner: 'user_id', file: 'privacy/requests.json', onErase: 'detach' },
  { table: 'sessions', owner: 'user_id', file: 'account/sessions.json', omit: ['token_hash'] },
  { table: 'email_tokens', owner: 'user_id', file: 'account/email-links.json', omit: ['token_hash'] },
  { table: 'recovery_codes', owner: 'user_id', file: 'account/recovery-codes.json', omit: ['code_hash'] },
  { table: 'audit_events', owner: 'chain_id', file: 'audit/timeline.json' },
  { table: 'audit_chain_heads', owner: 'chain_id', file: 'audit/chain-head.json' },
  // How many times the record has changed (migration 0060): the chat's in-memory copy checks it.
  { table: 'record_versions', owner: 'user_id', file: 'record/version.json', omit: ['changed_in'] },
  { table: 'users', owner: 'id', file: 'account/account.json', omit: ['password_hash', 'totp_secret', 'totp_last_step'] },
];

export const OTHER_TABLES: OtherTable[] = [
  { table: 'plans', notPersonal: 'the plans on offer' },
  { table: 'training_catalogue', notPersonal: 'the shared catalogue of training courses' },
  {
    table: 'organisations',
    notPersonal:
      "an employer's name; a member's link to it is in organisation_members. Erasure deletes one whose only member was the user, and gives one they ran alone to its longest-standing member (organisations/service.ts)",
  },
  { table: 'stripe_events', notPersonal: 'the ids and types of Stripe webhook events already applied, so a replay changes nothing; no payload is kept' },
  { table: 'schema_migrations', notPersonal: 'the schema version' },
  { table: 'schema_migrations_lock', notPersonal: 'the migration lock' },
  { table: 'jobs', notPersonal: "background work; erasure deletes the user's queued and finished jobs by their payload" },
  { table: 'status_lists', notPersonal: 'the revocation lists credentials point at' },
  { table: 'status_entries', notPersonal: 'one revocation bit per credential ever issued, with no owner (erasing a credential revokes its bit; docs/ARCHITECTURE.md, Evidence)' },
  { table: 'signing_keys', notPersonal: "the instance's signing keys (public halves, and private halves sealed with the master key)" },
  { table: 'rate_limits', notPersonal: 'hashed counters; erasure resets the keys derived from the user (erasure.ts)' },
];

/** Why a column is missing from the export, for the manifest. */
export const OMITTED_COLUMNS_NOTE =
  'Password and token hashes, sealed keys, storage paths, embedding vectors and transaction ids are not exported: they are secrets, machine-made copies of data that is exported, or database internals.';
