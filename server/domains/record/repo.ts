import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/transaction.ts';
import type { RecordType } from '../../platform/db/types.ts';
import type { RecordTable } from './kind.ts';

/**
 * SQL for the record kinds. The table name comes from a kind declaration (never from input),
 * so the dynamic table below is a closed set.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Row = Record<string, any>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const table = (db: DbOrTx, _name: RecordTable) => db as any as import('kysely').Kysely<Record<RecordTable, Row>>;

export async function findRecords(db: DbOrTx, name: RecordTable, userId: string): Promise<Row[]> {
  return table(db, name).selectFrom(name).selectAll().where('user_id', '=', userId).orderBy('created_at').execute();
}

export async function findRecord(db: DbOrTx, name: RecordTable, userId: string, id: string): Promise<Row | undefined> {
  return table(db, name).selectFrom(name).selectAll().where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
}

export async function insertRecord(db: DbOrTx, name: RecordTable, values: Row): Promise<Row> {
  return table(db, name).insertInto(name).values(values).returningAll().executeTakeFirstOrThrow();
}

/** Insert, or update the row imported earlier under the same key. */
export async function upsertImportedRecord(db: DbOrTx, name: RecordTable, values: Row & { user_id: string; import_key: string }, now: Date) {
  const { user_id: _u, import_key: _k, ...rest } = values;
  return table(db, name)
    .insertInto(name)
    .values(values)
    .onConflict((oc) =>
      oc
        .columns(['user_id', 'import_key'])
        .where('import_key', 'is not', null)
        .doUpdateSet({ ...rest, updated_at: now }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateRecord(db: DbOrTx, name: RecordTable, userId: string, id: string, values: Row, now: Date): Promise<Row | undefined> {
  return table(db, name)
    .updateTable(name)
    .set({ ...values, updated_at: now })
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteRecord(db: DbOrTx, name: RecordTable, userId: string, id: string): Promise<Row | undefined> {
  return table(db, name).deleteFrom(name).where('user_id', '=', userId).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function deleteRecordLinks(db: DbOrTx, recordType: RecordType, recordId: string, options: { embeddingsOnly?: boolean } = {}) {
  if (!options.embeddingsOnly) await db.deleteFrom('record_documents').where('record_type', '=', recordType).where('record_id', '=', recordId).execute();
  await db.deleteFrom('record_embeddings').where('record_type', '=', recordType).where('record_id', '=', recordId).execute();
}

export async function findDocumentLinks(db: DbOrTx, userId: string, recordTypes: readonly RecordType[]) {
  return db.selectFrom('record_documents').select(['record_type', 'record_id', 'document_id']).where('user_id', '=', userId).where('record_type', 'in', recordTypes).execute();
}

export async function findCatalogue(db: DbOrTx) {
  return db.selectFrom('training_catalogue').selectAll().orderBy('name').execute();
}

export async function updateCatalogueEntry(db: DbOrTx, id: string, patch: { validity_months?: number; end_of_month?: boolean }, now: Date) {
  return db
    .updateTable('training_catalogue')
    .set({ ...patch, updated_at: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function findEmbedding(db: DbOrTx, recordType: string, recordId: string) {
  return db.selectFrom('record_embeddings').select(['content_hash', 'model']).where('record_type', '=', recordType).where('record_id', '=', recordId).executeTakeFirst();
}

export async function upsertEmbedding(db: DbOrTx, row: { user_id: string; record_type: string; record_id: string; model: string; content_hash: string; embedding: string }) {
  await db
    .insertInto('record_embeddings')
    .values({ ...row, embedding: sql`${row.embedding}::vector` as unknown as string })
    .onConflict((oc) =>
      oc.columns(['record_type', 'record_id']).doUpdateSet({
        model: row.model,
        content_hash: row.content_hash,
        embedding: sql`${row.embedding}::vector` as unknown as string,
        updated_at: sql`now()` as unknown as Date,
      }),
    )
    .execute();
}

export async function findUserTimeZone(db: DbOrTx, userId: string): Promise<string> {
  const row = await db.selectFrom('users').select('time_zone').where('id', '=', userId).executeTakeFirst();
  return row?.time_zone ?? 'Europe/London';
}

export async function findRecordIdByImportKey(db: DbOrTx, name: RecordTable, userId: string, importKey: string): Promise<string | undefined> {
  const row = await table(db, name).selectFrom(name).select('id').where('user_id', '=', userId).where('import_key', '=', importKey).executeTakeFirst();
  return row?.id as string | undefined;
}

export interface DatedItem {
  user_id: string;
  email: string;
  name: string;
  time_zone: string;
  item_type: string;
  item_id: string;
  label: string;
  date: string;
}

/** Every dated compliance item due on or before `until`, for accounts that are not locked. */
export async function findDatedItemsUntil(db: DbOrTx, until: string): Promise<DatedItem[]> {
  const rows = await sql<DatedItem>`
    SELECT u.id AS user_id, u.email, u.name, u.time_zone, i.item_type, i.item_id, i.label, i.date::text AS date
    FROM (
      SELECT user_id, 'training' AS item_type, id AS item_id, name AS label, expires_on AS date FROM training WHERE expires_on IS NOT NULL
      UNION ALL
      SELECT user_id, 'registration-renewal', id, body || ' registration renewal', renewal_date FROM registrations WHERE renewal_date IS NOT NULL
      UNION ALL
      SELECT user_id, 'registration-revalidation', id, body || ' revalidation', revalidation_date FROM registrations WHERE revalidation_date IS NOT NULL
      UNION ALL
      SELECT user_id, 'dbs-update-service', id, 'DBS Update Service subscription', update_service_renewal_date FROM dbs_checks WHERE update_service AND update_service_renewal_date IS NOT NULL
    ) i
    JOIN users u ON u.id = i.user_id
    -- Expiry reminders are a service, not a legal duty: a restricted account gets none.
    WHERE i.date <= ${until}::date AND u.locked_at IS NULL AND u.processing_restricted_at IS NULL
    ORDER BY u.id, i.date`.execute(db);
  return rows.rows;
}

/** Records reminders as sent; returns only those not sent before (the rest are no-ops). */
export async function claimReminders(db: DbOrTx, rows: Array<{ user_id: string; item_type: string; item_id: string; threshold: '90' | '30' | '7' | 'expired'; item_date: string }>) {
  if (!rows.length) return [];
  return db
    .insertInto('reminders_sent')
    .values(rows)
    .onConflict((oc) => oc.doNothing())
    .returning(['item_type', 'item_id', 'threshold', 'item_date'])
    .execute();
}

export async function releaseReminders(db: DbOrTx, userId: string, rows: Array<{ item_type: string; item_id: string; threshold: string; item_date: string }>) {
  for (const r of rows) {
    await db
      .deleteFrom('reminders_sent')
      .where('user_id', '=', userId)
      .where('item_type', '=', r.item_type)
      .where('item_id', '=', r.item_id)
      .where('threshold', '=', r.threshold as '90')
      .where('item_date', '=', r.item_date)
      .execute();
  }
}
