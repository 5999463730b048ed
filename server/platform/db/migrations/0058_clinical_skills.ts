import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

/**
 * Clinical skills and procedures become a record kind: what the clinician can do, how many they
 * have performed (a logbook count over a period, or as of a date) and under what supervision.
 * The kind owns JSON Resume's `skills` section, which profiles kept as it came; it moves here
 * under the importer's keys (name, level and keywords are the standard fields), so nothing is
 * lost and re-importing the same file updates these rows: an item without a name is named by
 * its keywords, two of one name are merged, and what cannot be a skill stays in the profile. Frozen: imports no product code.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE clinical_skills (
      id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      name          text NOT NULL,
      supervision   text CHECK (supervision IN ('independent', 'supervised', 'observed')),
      proficiency   text,
      performed     integer CHECK (performed >= 0),
      period_start  date,
      period_end    date,
      keywords      jsonb NOT NULL DEFAULT '[]',
      logbook       text,
      import_key    text,
      created_at    timestamptz NOT NULL DEFAULT now(),
      updated_at    timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX clinical_skills_user ON clinical_skills (user_id)`.execute(db);
  await sql`CREATE UNIQUE INDEX clinical_skills_import_key ON clinical_skills (user_id, import_key) WHERE import_key IS NOT NULL`.execute(db);
  await sql`ALTER TABLE record_documents DROP CONSTRAINT record_documents_record_type_check`.execute(db);
  await sql`
    ALTER TABLE record_documents ADD CONSTRAINT record_documents_record_type_check
      CHECK (record_type IN ('post', 'registration', 'training', 'dbs', 'education', 'activity', 'publication', 'award', 'course', 'skill', 'language', 'membership', 'referee', 'timecard'))`.execute(
    db,
  );

  const key = (...parts: string[]) =>
    createHash('sha256')
      .update(parts.map((p) => p.trim().toLowerCase()).join('\u0000'))
      .digest('hex')
      .slice(0, 32);
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v : null);
  const words = (v: unknown) => (Array.isArray(v) ? v.filter((k) => (typeof k === 'string' && k.trim()) || typeof k === 'number').map(String) : []);
  const profiles = await sql<{ user_id: string; extra_sections: Record<string, unknown> }>`SELECT user_id, extra_sections FROM profiles WHERE extra_sections ? 'skills'`.execute(db);
  for (const { user_id, extra_sections } of profiles.rows) {
    const items = Array.isArray(extra_sections.skills) ? (extra_sections.skills as unknown[]) : [];
    // What cannot be a skill (no name and no keywords to name it by) stays where it was.
    const kept: unknown[] = [];
    for (const item of items) {
      const fields = item && typeof item === 'object' ? (item as Record<string, unknown>) : {};
      const keywords = words(fields.keywords);
      const name = text(fields.name) ?? (keywords.length ? keywords.join(', ') : null);
      if (!name) {
        kept.push(item);
        continue;
      }
      // Two items of one name (the importer's key) become one, with the keywords of both.
      await sql`
        INSERT INTO clinical_skills (user_id, name, proficiency, keywords, import_key)
        VALUES (${user_id}, ${name}, ${text(fields.level)}, ${JSON.stringify(keywords)}, ${key('skill', name)})
        ON CONFLICT (user_id, import_key) WHERE import_key IS NOT NULL DO UPDATE SET
          proficiency = coalesce(clinical_skills.proficiency, EXCLUDED.proficiency),
          keywords = (SELECT coalesce(jsonb_agg(DISTINCT k), '[]') FROM jsonb_array_elements(clinical_skills.keywords || EXCLUDED.keywords) AS k)`.execute(db);
    }
    await sql`UPDATE profiles SET extra_sections = ${kept.length ? sql`jsonb_set(extra_sections, '{skills}', ${JSON.stringify(kept)}::jsonb)` : sql`extra_sections - 'skills'`} WHERE user_id = ${user_id}`.execute(
      db,
    );
  }
}
