import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/transaction.ts';
import type { CredentialKind, RevocationReason } from '../../platform/db/types.ts';

/** Serialises issuing for one clinician, so two syncs cannot both issue the same credential. */
export async function lockUserCredentials(db: DbOrTx, userId: string) {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`credentials:${userId}`}, 0))`.execute(db);
}

export async function findCurrentStatusList(db: DbOrTx) {
  return db
    .selectFrom('status_lists')
    .select([
      'id',
      'size',
      (eb) =>
        eb
          .selectFrom('status_entries')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('status_entries.list_id', '=', 'status_lists.id')
          .as('used'),
    ])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertStatusList(db: DbOrTx, id: number, size: number) {
  await db
    .insertInto('status_lists')
    .values({ id, purpose: 'revocation', size })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/** Claims one entry of a list; undefined when it was taken. */
export async function claimStatusEntry(db: DbOrTx, listId: number, idx: number) {
  return db
    .insertInto('status_entries')
    .values({ list_id: listId, idx })
    .onConflict((oc) => oc.doNothing())
    .returning(['list_id', 'idx'])
    .executeTakeFirst();
}

export async function findStatusList(db: DbOrTx, id: number) {
  return db.selectFrom('status_lists').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findRevokedIndexes(db: DbOrTx, listId: number): Promise<number[]> {
  const rows = await db.selectFrom('status_entries').select('idx').where('list_id', '=', listId).where('revoked_at', 'is not', null).execute();
  return rows.map((r) => r.idx);
}

export async function insertCredential(
  db: DbOrTx,
  row: { id: string; user_id: string; kind: CredentialKind; source_key: string; fingerprint: string; title: string; status_list_id: number; status_index: number; jwt: string; issued_at: Date },
) {
  return db.insertInto('credentials').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findCredentials(db: DbOrTx, userId: string) {
  return db.selectFrom('credentials').selectAll().where('user_id', '=', userId).orderBy('issued_at', 'desc').execute();
}

export async function findCredential(db: DbOrTx, userId: string, id: string) {
  return db.selectFrom('credentials').selectAll().where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
}

export async function findCredentialsByIds(db: DbOrTx, userId: string, ids: string[]) {
  if (!ids.length) return [];
  return db.selectFrom('credentials').selectAll().where('user_id', '=', userId).where('id', 'in', ids).execute();
}

/** Revokes active credentials (and their status bits) of the given sources; returns their ids. */
export async function revokeBySources(db: DbOrTx, userId: string, sourceKeys: string[], reason: RevocationReason, now: Date): Promise<string[]> {
  if (!sourceKeys.length) return [];
  const rows = await db
    .updateTable('credentials')
    .set({ revoked_at: now, revocation_reason: reason })
    .where('user_id', '=', userId)
    .where('source_key', 'in', sourceKeys)
    .where('revoked_at', 'is', null)
    .returning(['id', 'status_list_id', 'status_index'])
    .execute();
  await revokeEntries(db, rows, now);
  return rows.map((r) => r.id);
}

export async function revokeById(db: DbOrTx, userId: string, id: string, reason: RevocationReason, now: Date) {
  const row = await db
    .updateTable('credentials')
    .set({ revoked_at: now, revocation_reason: reason })
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returning(['id', 'status_list_id', 'status_index'])
    .executeTakeFirst();
  if (row) await revokeEntries(db, [row], now);
  return row;
}

async function revokeEntries(db: DbOrTx, rows: Array<{ status_list_id: number; status_index: number }>, now: Date) {
  for (const r of rows) {
    await db.updateTable('status_entries').set({ revoked_at: now }).where('list_id', '=', r.status_list_id).where('idx', '=', r.status_index).where('revoked_at', 'is', null).execute();
  }
}

/** Source keys of the confirmations of one post (a post's credentials rest on them). */
export async function findPostVerificationIds(db: DbOrTx, userId: string, postId: string): Promise<string[]> {
  const rows = await db.selectFrom('verifications').select('id').where('user_id', '=', userId).where('subject_type', '=', 'post').where('subject_id', '=', postId).execute();
  return rows.map((r) => r.id);
}
