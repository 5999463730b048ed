import { sql, type Kysely } from 'kysely';

/**
 * CV templates by profession and country (issue 15): a request may name a layout outright
 * besides 'full' (chosen from the record and the advert) and 'locum'. The list matches
 * TEMPLATES in server/cv-render/layouts.ts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE cv_requests DROP CONSTRAINT IF EXISTS cv_requests_template_check`.execute(db);
  await sql`ALTER TABLE cv_requests ADD CONSTRAINT cv_requests_template_check
    CHECK (template IN ('full', 'locum', 'uk-doctor', 'uk-nurse', 'uk-ahp', 'us-clinician'))`.execute(db);
}
