import { sql, type Kysely } from 'kysely';

/**
 * A version number per clinician that moves whenever anything the AI record is built from
 * changes (issue 16: the assistant's overhead before the first token). The API keeps recently
 * used AI records in memory (server/ai/record-cache.ts) and reads only this number to know
 * whether its copy still holds, in any process, whoever made the change (API, worker, CLI,
 * a migration).
 *
 * The bump is a deferred constraint trigger, so it runs at commit, after every other lock the
 * transaction takes: taking the version row earlier would order it before the rows a
 * transaction goes on to write, and two transactions of one clinician could deadlock. It is
 * one row update per transaction however many rows change (`changed_in`), so an import of
 * thousands of items writes the version once. A reader that reads the version before the
 * record can never cache an old record under a new version, because the bump and the change
 * it stands for become visible in one commit.
 */
const SOURCES = [
  // Every record kind's table (a test holds this list to RECORD_KINDS).
  'posts',
  'registrations',
  'training',
  'dbs_checks',
  'education',
  'activities',
  'publications',
  'awards',
  'courses',
  'clinical_skills',
  'languages',
  'memberships',
  'referees',
  // Evidence, the profile and the shift roll-up.
  'record_documents',
  'verifications',
  'profiles',
  'timecards',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE record_versions (
      user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
      version bigint NOT NULL DEFAULT 0,
      changed_in xid8
    )
  `.execute(db);
  await sql`INSERT INTO record_versions (user_id) SELECT id FROM users`.execute(db);
  await sql`
    CREATE FUNCTION open_record_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO record_versions (user_id) VALUES (NEW.id);
      RETURN NULL;
    END $$
  `.execute(db);
  await sql`CREATE TRIGGER users_open_record_version AFTER INSERT ON users FOR EACH ROW EXECUTE FUNCTION open_record_version()`.execute(db);
  // OLD is null on insert and NEW on delete; a row moved between clinicians bumps both.
  await sql`
    CREATE FUNCTION bump_record_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE record_versions SET version = version + 1, changed_in = pg_current_xact_id()
        WHERE user_id IN (OLD.user_id, NEW.user_id) AND changed_in IS DISTINCT FROM pg_current_xact_id();
      RETURN NULL;
    END $$
  `.execute(db);
  for (const table of SOURCES) {
    await sql`
      CREATE CONSTRAINT TRIGGER ${sql.id(`${table}_bump_record_version`)} AFTER INSERT OR UPDATE OR DELETE ON ${sql.table(table)}
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_record_version()
    `.execute(db);
  }
  // The clinician's name is the one field of the account the record shows.
  await sql`
    CREATE FUNCTION bump_record_version_of_user() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE record_versions SET version = version + 1, changed_in = pg_current_xact_id()
        WHERE user_id = NEW.id AND changed_in IS DISTINCT FROM pg_current_xact_id();
      RETURN NULL;
    END $$
  `.execute(db);
  await sql`
    CREATE CONSTRAINT TRIGGER users_bump_record_version AFTER UPDATE OF name ON users
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
      EXECUTE FUNCTION bump_record_version_of_user()
  `.execute(db);
}
