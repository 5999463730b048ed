import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../../platform/db/transaction.ts';

export async function lockChain(trx: Tx, chainId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${chainId}, 0))`.execute(trx);
}

export async function findChainHead(db: DbOrTx, chainId: string) {
  return db.selectFrom('audit_chain_heads').selectAll().where('chain_id', '=', chainId).executeTakeFirst();
}

export async function insertAuditEvent(
  trx: Tx,
  row: {
    chain_id: string;
    seq: number;
    actor_type: 'user' | 'system' | 'verifier' | 'recruiter' | 'admin';
    actor_id: string | null;
    action: string;
    subject_type: string;
    subject_id: string | null;
    details: Record<string, unknown>;
    request_id: string | null;
    created_at: Date;
    prev_hash: string;
    hash: string;
  },
  headMac: string,
): Promise<void> {
  await trx
    .insertInto('audit_events')
    .values({ ...row, details: JSON.stringify(row.details) })
    .execute();
  await trx
    .insertInto('audit_chain_heads')
    .values({ chain_id: row.chain_id, last_seq: row.seq, last_hash: row.hash, head_mac: headMac })
    .onConflict((oc) => oc.column('chain_id').doUpdateSet({ last_seq: row.seq, last_hash: row.hash, head_mac: headMac }))
    .execute();
}

export async function findTimeline(db: DbOrTx, chainId: string, opts: { limit: number; before?: number }) {
  let query = db.selectFrom('audit_events').selectAll().where('chain_id', '=', chainId);
  if (opts.before !== undefined) query = query.where('id', '<', opts.before);
  return query.orderBy('id', 'desc').limit(opts.limit).execute();
}

export async function findChainBatch(db: DbOrTx, chainId: string, afterSeq: number, limit: number) {
  return db.selectFrom('audit_events').selectAll().where('chain_id', '=', chainId).where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
}
