import { sql, type Kysely } from 'kysely';

/**
 * Tamper-evident CVs. Each rendered PDF gets a check: the hash of its check code (the code is
 * printed on the PDF only), and a manifest (holder, items with their evidence, the PDF's
 * SHA-256, issued at) signed with the instance key. A share link's watermarked copy has other
 * bytes, so each copy is recorded with its own signed statement of what it is a copy of.
 * The clinician chooses per CV whether referees' names appear (role and organisation always do).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE cv_checks (
      id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      pdf_id       uuid NOT NULL UNIQUE REFERENCES cv_pdfs (id) ON DELETE CASCADE,
      code_hash    text NOT NULL UNIQUE,
      pdf_sha256   text NOT NULL UNIQUE,
      signature    text NOT NULL,
      issued_at    timestamptz NOT NULL,
      withdrawn_at timestamptz
    )`.execute(db);
  await sql`CREATE INDEX cv_checks_user ON cv_checks (user_id)`.execute(db);
  await sql`
    CREATE TABLE cv_check_copies (
      sha256     text PRIMARY KEY,
      check_id   uuid NOT NULL REFERENCES cv_checks (id) ON DELETE CASCADE,
      user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      share_id   uuid REFERENCES share_links (id) ON DELETE CASCADE,
      signature  text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX cv_check_copies_check ON cv_check_copies (check_id)`.execute(db);
  await sql`ALTER TABLE cv_requests ADD COLUMN show_referee_names boolean NOT NULL DEFAULT false`.execute(db);
}
