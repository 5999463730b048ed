import { sql, type Kysely } from 'kysely';

/**
 * Courses and conferences (with the CPD hours claimed) and professional memberships (royal
 * colleges, BMA, RCN), two more record kinds; documents may back them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE courses (
      id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      title       text NOT NULL,
      format      text NOT NULL CHECK (format IN ('course', 'conference', 'workshop', 'e-learning', 'other')),
      organiser   text,
      start_date  date NOT NULL,
      end_date    date,
      cpd_hours   numeric(5, 1) CHECK (cpd_hours >= 0),
      reflection  text,
      import_key  text,
      created_at  timestamptz NOT NULL DEFAULT now(),
      updated_at  timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`
    CREATE TABLE memberships (
      id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      organisation  text NOT NULL,
      grade         text,
      post_nominals text,
      since         date,
      until         date,
      import_key    text,
      created_at    timestamptz NOT NULL DEFAULT now(),
      updated_at    timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  for (const table of ['courses', 'memberships']) {
    await sql.raw(`CREATE INDEX ${table}_user ON ${table} (user_id)`).execute(db);
    await sql.raw(`CREATE UNIQUE INDEX ${table}_import_key ON ${table} (user_id, import_key) WHERE import_key IS NOT NULL`).execute(db);
  }
  await sql`ALTER TABLE record_documents DROP CONSTRAINT record_documents_record_type_check`.execute(db);
  await sql`
    ALTER TABLE record_documents ADD CONSTRAINT record_documents_record_type_check
      CHECK (record_type IN ('post', 'registration', 'training', 'dbs', 'education', 'activity', 'publication', 'award', 'course', 'membership', 'referee', 'timecard'))`.execute(db);
}
