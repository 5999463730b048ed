import { sql, type Kysely } from 'kysely';

/**
 * Fields of the JSON Resume schema that imports used to drop (issue 15 item 6): a post's
 * location, description and web address, a qualification's address and courses, a
 * certificate's address. Kept as given so an export gives back what was imported.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE posts ADD COLUMN location text, ADD COLUMN description text, ADD COLUMN url text`.execute(db);
  await sql`ALTER TABLE education ADD COLUMN url text, ADD COLUMN courses jsonb NOT NULL DEFAULT '[]'::jsonb`.execute(db);
  await sql`ALTER TABLE training ADD COLUMN url text`.execute(db);
}
