import { sql, type Kysely } from 'kysely';

/** Restriction of processing (GDPR art. 18): while set, no AI calls, no embedding. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE users ADD COLUMN processing_restricted_at timestamptz`.execute(db);
}
