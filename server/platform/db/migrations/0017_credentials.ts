import { sql, type Kysely } from 'kysely';

/**
 * Portable credentials (W3C Verifiable Credentials 2.0, secured as vc+jwt) and their revocation
 * through Bitstring Status Lists. A status entry is never reused and never deleted: deleting a
 * credential (an erasure) revokes its entry, so a copy still held by someone else reads as revoked.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE status_lists (
      id         integer PRIMARY KEY,
      purpose    text NOT NULL CHECK (purpose = 'revocation'),
      size       integer NOT NULL CHECK (size > 0 AND size % 8 = 0),
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`
    CREATE TABLE status_entries (
      list_id    integer NOT NULL REFERENCES status_lists (id),
      idx        integer NOT NULL CHECK (idx >= 0),
      revoked_at timestamptz,
      PRIMARY KEY (list_id, idx)
    )`.execute(db);
  await sql`
    CREATE TABLE credentials (
      id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id           uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      kind              text NOT NULL CHECK (kind IN ('post-confirmation', 'shift-rollup', 'registration', 'dbs')),
      source_key        text NOT NULL,
      fingerprint       text NOT NULL,
      title             text NOT NULL,
      status_list_id    integer NOT NULL,
      status_index      integer NOT NULL,
      jwt               text NOT NULL,
      issued_at         timestamptz NOT NULL,
      revoked_at        timestamptz,
      revocation_reason text CHECK (revocation_reason IN ('superseded', 'withdrawn', 'no-longer-supported')),
      UNIQUE (status_list_id, status_index),
      FOREIGN KEY (status_list_id, status_index) REFERENCES status_entries (list_id, idx)
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX credentials_one_active ON credentials (user_id, source_key) WHERE revoked_at IS NULL`.execute(db);
  await sql`CREATE INDEX credentials_user ON credentials (user_id, issued_at DESC)`.execute(db);
  await sql`
    CREATE FUNCTION revoke_status_of_deleted_credential() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE status_entries SET revoked_at = coalesce(revoked_at, now()) WHERE list_id = OLD.status_list_id AND idx = OLD.status_index;
      RETURN OLD;
    END $$`.execute(db);
  await sql`CREATE TRIGGER credentials_deleted AFTER DELETE ON credentials FOR EACH ROW EXECUTE FUNCTION revoke_status_of_deleted_credential()`.execute(db);
}
