import { sql, type Kysely } from 'kysely';

/**
 * Rendered CV PDFs (encrypted like documents; one per distinct snapshot), and the share links
 * that send one to a recruiter, with every view logged.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE cv_pdfs (
      id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      content_hash text NOT NULL,
      template     text NOT NULL,
      format       text NOT NULL,
      pages        integer NOT NULL,
      size_bytes   integer NOT NULL,
      render_ms    integer NOT NULL,
      storage_key  text NOT NULL UNIQUE,
      wrapped_key  text NOT NULL,
      created_at   timestamptz NOT NULL DEFAULT now(),
      UNIQUE (user_id, content_hash)
    )`.execute(db);
  await sql`ALTER TABLE cv_requests ADD COLUMN pdf_id uuid REFERENCES cv_pdfs (id) ON DELETE SET NULL`.execute(db);
  await sql`
    CREATE TABLE share_links (
      id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      cv_request_id   uuid NOT NULL REFERENCES cv_requests (id) ON DELETE CASCADE,
      pdf_id          uuid NOT NULL REFERENCES cv_pdfs (id) ON DELETE CASCADE,
      recipient_email text NOT NULL,
      recipient_name  text,
      message         text,
      token_hash      text NOT NULL UNIQUE,
      passcode_hash   text,
      expires_at      timestamptz NOT NULL,
      max_views       integer CHECK (max_views IS NULL OR max_views >= 1),
      view_count      integer NOT NULL DEFAULT 0,
      revoked_at      timestamptz,
      first_viewed_at timestamptz,
      created_at      timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX share_links_user ON share_links (user_id, created_at DESC)`.execute(db);
  await sql`
    CREATE TABLE share_views (
      id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      share_id   uuid NOT NULL REFERENCES share_links (id) ON DELETE CASCADE,
      user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      kind       text NOT NULL CHECK (kind IN ('page', 'pdf')),
      ip_prefix  text,
      user_agent text,
      viewed_at  timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX share_views_share ON share_views (share_id, viewed_at)`.execute(db);
}
