import { sql, type Kysely } from 'kysely';

/**
 * Who actually answered a verification link: the referee's own name, role and organisation, an
 * optional professional number, when they made the declaration, and what kind of address the
 * link was sent to (work address at the employer, NHS mail, personal mail or other).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE verifications
      ADD COLUMN responder_name text,
      ADD COLUMN responder_role text,
      ADD COLUMN responder_organisation text,
      ADD COLUMN responder_registration_body text,
      ADD COLUMN responder_registration_number text,
      ADD COLUMN declared_at timestamptz,
      ADD COLUMN email_kind text CHECK (email_kind IN ('employer', 'nhs', 'personal', 'other')),
      ADD COLUMN email_domain text`.execute(db);
}
