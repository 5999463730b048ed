import { sql, type Kysely } from 'kysely';

/**
 * An account's export can pass 2 GiB (documents, CV PDFs): its size no longer fits an integer,
 * and an export that could not record its size failed after being built. Read as a number (the
 * INT8 parser in database.ts): exact to 8 PiB.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE data_exports ALTER COLUMN size_bytes TYPE bigint`.execute(db);
}
