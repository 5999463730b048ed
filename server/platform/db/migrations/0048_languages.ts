import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

/**
 * Languages become a record kind (JSON Resume's own `languages` section). Profiles kept that
 * section as it came; it moves here, under the importer's keys, so nothing is lost and
 * re-importing the same file updates these rows. Frozen: imports no product code.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE languages (
      id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      language    text NOT NULL,
      fluency     text,
      import_key  text,
      created_at  timestamptz NOT NULL DEFAULT now(),
      updated_at  timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX languages_user ON languages (user_id)`.execute(db);
  await sql`CREATE UNIQUE INDEX languages_import_key ON languages (user_id, import_key) WHERE import_key IS NOT NULL`.execute(db);
  await sql`ALTER TABLE record_documents DROP CONSTRAINT record_documents_record_type_check`.execute(db);
  await sql`
    ALTER TABLE record_documents ADD CONSTRAINT record_documents_record_type_check
      CHECK (record_type IN ('post', 'registration', 'training', 'dbs', 'education', 'activity', 'publication', 'award', 'course', 'language', 'membership', 'referee', 'timecard'))`.execute(db);

  const key = (...parts: string[]) =>
    createHash('sha256')
      .update(parts.map((p) => p.trim().toLowerCase()).join('\u0000'))
      .digest('hex')
      .slice(0, 32);
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v : null);
  const profiles = await sql<{ user_id: string; extra_sections: Record<string, unknown> }>`SELECT user_id, extra_sections FROM profiles WHERE extra_sections ? 'languages'`.execute(db);
  for (const { user_id, extra_sections } of profiles.rows) {
    const items = Array.isArray(extra_sections.languages) ? (extra_sections.languages as Array<Record<string, unknown>>) : [];
    for (const item of items) {
      const language = item && typeof item === 'object' ? text(item.language) : null;
      if (!language) continue;
      await sql`
        INSERT INTO languages (user_id, language, fluency, import_key) VALUES (${user_id}, ${language}, ${text(item.fluency)}, ${key('language', language)})
        ON CONFLICT DO NOTHING`.execute(db);
    }
    await sql`UPDATE profiles SET extra_sections = extra_sections - 'languages' WHERE user_id = ${user_id}`.execute(db);
  }
}
