import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

/**
 * The full clinical record (issue 15 item 1): audit, teaching, presentations and leadership
 * (one table, by category), publications, prizes and awards, and the clinician's referees.
 * JSON Resume's `projects`, `publications`, `awards` and `references` were kept as they came on
 * the profile; they move into these tables here, so nothing a clinician imported is lost and
 * re-importing the same file updates the moved rows (the same import keys as the importer).
 * Frozen: this file maps the old sections itself and imports no product code.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const common = sql.raw(`
      id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,`);
  const stamps = sql.raw(`
      import_key  text,
      created_at  timestamptz NOT NULL DEFAULT now(),
      updated_at  timestamptz NOT NULL DEFAULT now()`);
  await sql`
    CREATE TABLE activities (${common}
      category     text NOT NULL CHECK (category IN ('audit', 'quality-improvement', 'teaching', 'presentation', 'poster', 'leadership', 'management', 'project')),
      title        text NOT NULL,
      organisation text,
      roles        jsonb NOT NULL DEFAULT '[]',
      start_date   date,
      end_date     date,
      description  text,
      highlights   jsonb NOT NULL DEFAULT '[]',
      keywords     jsonb NOT NULL DEFAULT '[]',
      url          text,${stamps}
    )`.execute(db);
  await sql`
    CREATE TABLE publications (${common}
      title            text NOT NULL,
      publication_type text NOT NULL CHECK (publication_type IN ('journal-article', 'review', 'case-report', 'letter', 'abstract', 'book-chapter', 'book', 'guideline', 'thesis', 'other')),
      authors          text,
      publisher        text,
      published_on     date,
      doi              text,
      pmid             text,
      url              text,
      summary          text,${stamps}
    )`.execute(db);
  await sql`
    CREATE TABLE awards (${common}
      title      text NOT NULL,
      awarder    text,
      awarded_on date,
      summary    text,${stamps}
    )`.execute(db);
  // Contact details of people who are not users: shared on request only, never sent to a model.
  await sql`
    CREATE TABLE referees (${common}
      name         text NOT NULL,
      position     text,
      organisation text,
      relationship text,
      email        text,
      phone        text,
      reference    text,
      show_on_cv   boolean NOT NULL DEFAULT false,${stamps}
    )`.execute(db);
  for (const table of ['activities', 'publications', 'awards', 'referees']) {
    await sql.raw(`CREATE INDEX ${table}_user ON ${table} (user_id)`).execute(db);
    await sql.raw(`CREATE UNIQUE INDEX ${table}_import_key ON ${table} (user_id, import_key) WHERE import_key IS NOT NULL`).execute(db);
  }
  await sql`ALTER TABLE record_documents DROP CONSTRAINT IF EXISTS record_documents_record_type_check`.execute(db);
  await sql`
    ALTER TABLE record_documents ADD CONSTRAINT record_documents_record_type_check
      CHECK (record_type IN ('post', 'registration', 'training', 'dbs', 'education', 'activity', 'publication', 'award', 'referee', 'timecard'))`.execute(db);

  await moveKeptSections(db);
}

const key = (...parts: Array<string | null | undefined>) =>
  createHash('sha256')
    .update(parts.map((p) => (p ?? '').trim().toLowerCase()).join('\u0000'))
    .digest('hex')
    .slice(0, 32);
const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v : null);
const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && Boolean(x.trim())) : []);
/** A JSON Resume date as a calendar date (start of a year or month), or null when it is not one. */
function date(v: unknown): string | null {
  const s = text(v);
  if (!s || !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(s)) return null;
  const full = s.length === 4 ? `${s}-01-01` : s.length === 7 ? `${s}-01` : s;
  const d = new Date(`${full}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(full) ? full : null;
}
const CATEGORIES = ['audit', 'quality-improvement', 'teaching', 'presentation', 'poster', 'leadership', 'management', 'project'];

async function moveKeptSections(db: Kysely<unknown>) {
  const profiles = await sql<{ user_id: string; extra_sections: Record<string, unknown> }>`
    SELECT user_id, extra_sections FROM profiles
    WHERE extra_sections ?| array['projects', 'publications', 'awards', 'references']`.execute(db);
  for (const { user_id, extra_sections } of profiles.rows) {
    const items = (section: string) => (Array.isArray(extra_sections[section]) ? (extra_sections[section] as Array<Record<string, unknown>>) : []).filter((i) => i && typeof i === 'object');
    for (const p of items('projects')) {
      const title = text(p.name);
      if (!title) continue;
      const type = text(p.type)?.toLowerCase() ?? '';
      await sql`
        INSERT INTO activities (user_id, category, title, organisation, roles, start_date, end_date, description, highlights, keywords, url, import_key)
        VALUES (${user_id}, ${CATEGORIES.includes(type) ? type : 'project'}, ${title}, ${text(p.entity)}, ${JSON.stringify(list(p.roles))}, ${date(p.startDate)}, ${date(p.endDate)},
          ${text(p.description)}, ${JSON.stringify(list(p.highlights))}, ${JSON.stringify(list(p.keywords))}, ${text(p.url)}, ${key('project', title, date(p.startDate))})
        ON CONFLICT DO NOTHING`.execute(db);
    }
    for (const p of items('publications')) {
      const title = text(p.name);
      if (!title) continue;
      await sql`
        INSERT INTO publications (user_id, title, publication_type, publisher, published_on, url, summary, import_key)
        VALUES (${user_id}, ${title}, 'other', ${text(p.publisher)}, ${date(p.releaseDate)}, ${text(p.url)}, ${text(p.summary)}, ${key('publication', title, date(p.releaseDate))})
        ON CONFLICT DO NOTHING`.execute(db);
    }
    for (const a of items('awards')) {
      const title = text(a.title);
      if (!title) continue;
      await sql`
        INSERT INTO awards (user_id, title, awarder, awarded_on, summary, import_key)
        VALUES (${user_id}, ${title}, ${text(a.awarder)}, ${date(a.date)}, ${text(a.summary)}, ${key('award', title, date(a.date))})
        ON CONFLICT DO NOTHING`.execute(db);
    }
    for (const r of items('references')) {
      const name = text(r.name);
      if (!name) continue;
      await sql`
        INSERT INTO referees (user_id, name, reference, import_key)
        VALUES (${user_id}, ${name}, ${text(r.reference)}, ${key('referee', name)})
        ON CONFLICT DO NOTHING`.execute(db);
    }
    await sql`UPDATE profiles SET extra_sections = extra_sections - 'projects' - 'publications' - 'awards' - 'references' WHERE user_id = ${user_id}`.execute(db);
  }
}
