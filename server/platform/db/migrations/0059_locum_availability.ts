import { sql, type Kysely } from 'kysely';

/**
 * What a locum agency asks before anything else: the specialties a clinician takes shifts in and
 * when and where they can work (shift patterns, notice, regions and travel radius, earliest
 * start). Part of the profile; the one-page locum CV prints them beside compliance.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE profiles
    ADD COLUMN specialties jsonb NOT NULL DEFAULT '[]',
    ADD COLUMN shift_patterns jsonb NOT NULL DEFAULT '[]',
    ADD COLUMN notice_days integer CHECK (notice_days BETWEEN 0 AND 365),
    ADD COLUMN regions jsonb NOT NULL DEFAULT '[]',
    ADD COLUMN travel_radius_miles integer CHECK (travel_radius_miles BETWEEN 0 AND 1000),
    ADD COLUMN available_from date`.execute(db);
}
