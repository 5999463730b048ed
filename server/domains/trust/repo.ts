import type { DbOrTx } from '../../platform/db/transaction.ts';

export async function findActiveKey(db: DbOrTx) {
  return db.selectFrom('signing_keys').selectAll().where('retired_at', 'is', null).executeTakeFirst();
}

export async function findKey(db: DbOrTx, kid: string) {
  return db.selectFrom('signing_keys').selectAll().where('kid', '=', kid).executeTakeFirst();
}

/** Every key, active and retired: what the instance has ever signed with stays checkable. */
export async function findKeys(db: DbOrTx) {
  return db.selectFrom('signing_keys').select(['kid', 'public_jwk', 'created_at', 'retired_at']).orderBy('created_at', 'desc').execute();
}

/** Inserts a key as the active one; undefined when another process made one first. */
export async function insertActiveKey(db: DbOrTx, row: { kid: string; public_jwk: Record<string, string>; private_key_sealed: string; created_at: Date }) {
  return db
    .insertInto('signing_keys')
    .values({ ...row, algorithm: 'EdDSA', public_jwk: JSON.stringify(row.public_jwk) })
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function retireActiveKey(db: DbOrTx, now: Date) {
  return db.updateTable('signing_keys').set({ retired_at: now }).where('retired_at', 'is', null).returning('kid').executeTakeFirst();
}
