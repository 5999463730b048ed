import { sql, type Kysely } from 'kysely';

/**
 * The privacy centre: the data-subject request log (kept after an erasure, detached from the
 * account and holding no personal data), data exports (encrypted ZIPs that expire), and the
 * clinician's comments on pre-screening findings (their objection to automated advice).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE privacy_requests (
      id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id       uuid REFERENCES users (id) ON DELETE SET NULL,
      subject_ref   uuid NOT NULL DEFAULT gen_random_uuid(),
      type          text NOT NULL CHECK (type IN ('access', 'erasure', 'restriction', 'objection')),
      source        text NOT NULL CHECK (source IN ('user', 'admin')),
      status        text NOT NULL CHECK (status IN ('received', 'scheduled', 'completed', 'cancelled', 'failed')),
      received_at   timestamptz NOT NULL,
      due_at        timestamptz NOT NULL,
      scheduled_for timestamptz,
      completed_at  timestamptz,
      details       jsonb NOT NULL DEFAULT '{}'
    )`.execute(db);
  await sql`CREATE INDEX privacy_requests_user ON privacy_requests (user_id, received_at DESC)`.execute(db);
  await sql`CREATE INDEX privacy_requests_scheduled ON privacy_requests (scheduled_for) WHERE status = 'scheduled'`.execute(db);
  await sql`
    CREATE TABLE data_exports (
      id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      request_id  uuid REFERENCES privacy_requests (id) ON DELETE SET NULL,
      status      text NOT NULL CHECK (status IN ('queued', 'building', 'ready', 'failed', 'expired')),
      storage_key text UNIQUE,
      wrapped_key text,
      size_bytes  integer,
      files       integer,
      error       text,
      created_at  timestamptz NOT NULL,
      ready_at    timestamptz,
      expires_at  timestamptz
    )`.execute(db);
  await sql`CREATE INDEX data_exports_user ON data_exports (user_id, created_at DESC)`.execute(db);
  await sql`CREATE INDEX data_exports_expiry ON data_exports (expires_at) WHERE status = 'ready'`.execute(db);
  await sql`
    CREATE TABLE finding_comments (
      user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      finding_id text NOT NULL,
      comment    text NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (user_id, finding_id)
    )`.execute(db);
}
