import { sql } from 'kysely';
import type { Db } from '../../server/platform/db/database.ts';

/**
 * Every text-like (and id) column of every table in the schema, read from the catalogue (not a
 * hand-kept list), searched for each needle. Returns "table.column: needle" for each hit.
 */
export async function findInDatabase(db: Db, needles: string[]): Promise<string[]> {
  const columns = await sql<{ table_name: string; column_name: string }>`
    SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'json', 'uuid')`.execute(db);
  const hits: string[] = [];
  for (const { table_name, column_name } of columns.rows) {
    for (const needle of needles) {
      const found = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table_name)} WHERE ${sql.ref(column_name)}::text ILIKE ${`%${needle}%`}`.execute(db);
      if (found.rows[0]!.n > 0) hits.push(`${table_name}.${column_name}: ${needle}`);
    }
  }
  return hits;
}

/** Tables (from the catalogue) with at least one row whose uuid column holds `id`, with the count. */
export async function tablesReferencing(db: Db, id: string): Promise<Record<string, number>> {
  const columns = await sql<{ table_name: string; column_name: string }>`
    SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND data_type = 'uuid'`.execute(db);
  const found: Record<string, number> = {};
  for (const { table_name, column_name } of columns.rows) {
    const n = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table_name)} WHERE ${sql.ref(column_name)} = ${id}`.execute(db)).rows[0]!.n;
    if (n) found[table_name] = Math.max(found[table_name] ?? 0, n);
  }
  return found;
}
