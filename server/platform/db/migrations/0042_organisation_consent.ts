import { sql, type Kysely } from 'kysely';

/**
 * Membership by consent (issue 17): an organisation invites an address, and only the person who
 * accepts joins. What the organisation may see of a member is what that member agreed to, kept
 * on their membership (`consent_scope`), which they can change or withdraw at any time.
 *
 * An invitation keeps the invited address only while it is pending: once it is accepted,
 * declined or revoked the address is cleared, so a decided invitation names nobody.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE organisation_members
      ADD COLUMN consent_scope jsonb NOT NULL DEFAULT '[]'::jsonb,
      ADD COLUMN consented_at timestamptz`.execute(db);

  await sql`
    CREATE TABLE organisation_invitations (
      id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
      invited_by      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      email           text CHECK (email IS NULL OR email = lower(email)),
      role            text NOT NULL CHECK (role IN ('member', 'admin')),
      scope           jsonb NOT NULL DEFAULT '[]'::jsonb,
      token_hash      text NOT NULL UNIQUE,
      status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined', 'revoked')),
      expires_at      timestamptz NOT NULL,
      created_at      timestamptz NOT NULL DEFAULT now(),
      decided_at      timestamptz,
      CHECK ((status = 'pending') = (email IS NOT NULL))
    )`.execute(db);
  // One pending invitation per address and organisation: inviting again replaces it.
  await sql`CREATE UNIQUE INDEX organisation_invitations_pending ON organisation_invitations (organisation_id, email) WHERE status = 'pending'`.execute(db);
  await sql`CREATE INDEX organisation_invitations_inviter ON organisation_invitations (invited_by)`.execute(db);
}
