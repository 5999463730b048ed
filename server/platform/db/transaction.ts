import type { Transaction } from 'kysely';
import type { Database } from './types.ts';
import type { Db } from './database.ts';

export type Tx = Transaction<Database>;
/** Repo functions accept either the database or an open transaction (convention 4). */
export type DbOrTx = Db | Tx;

const afterCommitHooks = new WeakMap<Tx, Array<() => void | Promise<void>>>();

/**
 * Runs `fn` in a transaction and, once it has committed, the hooks registered with
 * `afterCommit` (e.g. dispatching a job whose row the transaction inserted).
 */
export async function inTransaction<T>(db: Db, fn: (trx: Tx) => Promise<T>): Promise<T> {
  let hooks: Array<() => void | Promise<void>> = [];
  const result = await db.transaction().execute(async (trx) => {
    hooks = [];
    afterCommitHooks.set(trx, hooks);
    return fn(trx);
  });
  for (const hook of hooks) await hook();
  return result;
}

/**
 * Runs `hook` after the surrounding `inTransaction` commits, or now when `dbOrTx` is not a
 * transaction. A transaction opened some other way never runs the hook; callers whose hook
 * is only an optimisation (job dispatch, which the sweeper also does) may accept that.
 */
export async function afterCommit(dbOrTx: DbOrTx, hook: () => void | Promise<void>): Promise<void> {
  if (!dbOrTx.isTransaction) {
    await hook();
    return;
  }
  afterCommitHooks.get(dbOrTx as Tx)?.push(hook);
}
