import { sql, type Kysely } from 'kysely';

/**
 * The version of each prompt an LLM step used for a CV (`{"jd-analysis": "3", "cv-draft": "5"}`;
 * empty when composed offline), kept with the CV as part of its provenance: a CV can be traced
 * to the exact instructions its model was given after the prompts have moved on.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE cv_requests ADD COLUMN prompt_versions jsonb NOT NULL DEFAULT '{}'::jsonb`.execute(db);
}
