import { sql, type Kysely } from 'kysely';

/**
 * An emailed, single-use link lets an account's owner sign in from a new browser while many
 * wrong passwords from elsewhere have paused sign-in for untrusted browsers (issue 16).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE email_tokens DROP CONSTRAINT email_tokens_purpose_check`.execute(db);
  await sql`ALTER TABLE email_tokens ADD CONSTRAINT email_tokens_purpose_check
    CHECK (purpose IN ('verify_email', 'reset_password', 'unlock_sign_in'))`.execute(db);
}
