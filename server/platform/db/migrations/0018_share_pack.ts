import { sql, type Kysely } from 'kysely';

/**
 * A compliance pack on a share link: documents and credentials the clinician picks to send with
 * the CV. Each download is logged in the share's views with the item it was.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE share_items (
      share_id  uuid NOT NULL REFERENCES share_links (id) ON DELETE CASCADE,
      user_id   uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      item_type text NOT NULL CHECK (item_type IN ('document', 'credential')),
      item_id   uuid NOT NULL,
      position  integer NOT NULL,
      PRIMARY KEY (share_id, item_type, item_id)
    )`.execute(db);
  await sql`ALTER TABLE share_views DROP CONSTRAINT share_views_kind_check`.execute(db);
  await sql`ALTER TABLE share_views ADD CONSTRAINT share_views_kind_check CHECK (kind IN ('page', 'pdf', 'document', 'credential'))`.execute(db);
  await sql`ALTER TABLE share_views ADD COLUMN item_id uuid`.execute(db);
}
