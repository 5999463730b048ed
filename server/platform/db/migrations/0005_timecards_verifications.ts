import { sql, type Kysely } from 'kysely';

/** Time cards, verification requests, and the log that keeps expiry reminders to one each. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE timecards (
      id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id          uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      employer         text NOT NULL,
      site             text,
      role             text NOT NULL,
      clock_in         timestamptz NOT NULL,
      clock_out        timestamptz,
      break_minutes    integer NOT NULL DEFAULT 0 CHECK (break_minutes >= 0),
      break_started_at timestamptz,
      time_zone        text NOT NULL,
      status           text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'submitted', 'approved', 'rejected')),
      rejection_reason text,
      decided_by       text,
      decided_at       timestamptz,
      notes            text,
      import_key       text,
      created_at       timestamptz NOT NULL DEFAULT now(),
      updated_at       timestamptz NOT NULL DEFAULT now(),
      CHECK (clock_out IS NULL OR clock_out > clock_in),
      CHECK (status = 'open' OR clock_out IS NOT NULL)
    )`.execute(db);
  await sql`CREATE INDEX timecards_user_time ON timecards (user_id, clock_in)`.execute(db);
  await sql`CREATE UNIQUE INDEX timecards_import_key ON timecards (user_id, import_key) WHERE import_key IS NOT NULL`.execute(db);
  // At most one shift open at a time per clinician.
  await sql`CREATE UNIQUE INDEX timecards_one_open ON timecards (user_id) WHERE clock_out IS NULL`.execute(db);

  await sql`
    CREATE TABLE verifications (
      id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id        uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      subject_type   text NOT NULL CHECK (subject_type IN ('post', 'timecard')),
      subject_id     uuid NOT NULL,
      verifier_name  text NOT NULL,
      verifier_email text NOT NULL,
      relationship   text NOT NULL,
      token_hash     text NOT NULL UNIQUE,
      status         text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'confirmed', 'disputed', 'expired', 'cancelled', 'superseded')),
      comment        text,
      snapshot       jsonb NOT NULL,
      requested_at   timestamptz NOT NULL DEFAULT now(),
      expires_at     timestamptz NOT NULL,
      responded_at   timestamptz
    )`.execute(db);
  await sql`CREATE INDEX verifications_user ON verifications (user_id)`.execute(db);
  await sql`CREATE INDEX verifications_subject ON verifications (subject_type, subject_id)`.execute(db);

  await sql`
    CREATE TABLE reminders_sent (
      user_id   uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      item_type text NOT NULL,
      item_id   uuid NOT NULL,
      threshold text NOT NULL CHECK (threshold IN ('90', '30', '7', 'expired')),
      item_date date NOT NULL,
      sent_at   timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, item_type, item_id, threshold, item_date)
    )`.execute(db);
}
