import type { Db } from '../../platform/db/database.ts';
import { inTransaction, type DbOrTx, type Tx } from '../../platform/db/transaction.ts';
import type { AuditActorType } from '../../platform/db/types.ts';
import { auditPseudonym, computeAuditHash, computeHeadMac, GENESIS_HASH, normaliseDetails } from './chain.ts';
import * as repo from './repo.ts';
import type { AuditEvent, AuditVerification } from './schema.ts';

export interface AuditEntry {
  /** Whose timeline the event belongs to (the clinician the data is about). */
  chainId: string;
  actor: { type: AuditActorType; id: string | null };
  action: string;
  subject: { type: string; id: string | null };
  /** No secrets; may hold the old value of a rectified field (the owner's own data). */
  details?: Record<string, unknown>;
  requestId?: string | null;
  now: Date;
}

export { auditPseudonym };

/** A person acting on a timeline that is not theirs is named there by their pseudonym (chain.ts). */
function actorFor(entry: AuditEntry): AuditEntry['actor'] {
  const { actor } = entry;
  if ((actor.type !== 'user' && actor.type !== 'admin') || !actor.id || actor.id === entry.chainId) return actor;
  return { type: actor.type, id: auditPseudonym(actor.id) };
}

async function append(trx: Tx, entry: AuditEntry): Promise<void> {
  const actor = actorFor(entry);
  await repo.lockChain(trx, entry.chainId);
  const head = await repo.findChainHead(trx, entry.chainId);
  const seq = (head?.last_seq ?? 0) + 1;
  const prevHash = head?.last_hash ?? GENESIS_HASH;
  // Stored with millisecond precision so the instant read back hashes the same.
  const createdAt = new Date(entry.now.getTime());
  const fields = {
    chainId: entry.chainId,
    seq,
    actorType: actor.type,
    actorId: actor.id,
    action: entry.action,
    subjectType: entry.subject.type,
    subjectId: entry.subject.id,
    details: normaliseDetails(entry.details ?? {}),
    requestId: entry.requestId ?? null,
    createdAt,
  };
  const hash = computeAuditHash(prevHash, fields);
  await repo.insertAuditEvent(
    trx,
    {
      chain_id: fields.chainId,
      seq,
      actor_type: fields.actorType,
      actor_id: fields.actorId,
      action: fields.action,
      subject_type: fields.subjectType,
      subject_id: fields.subjectId,
      details: fields.details,
      request_id: fields.requestId,
      created_at: createdAt,
      prev_hash: prevHash,
      hash,
    },
    computeHeadMac(fields.chainId, seq, hash),
  );
}

/**
 * The one way anything is audited. Inside a transaction the event commits or rolls back with
 * the change it describes; the chain lock serialises writers of the same timeline.
 */
export async function recordAudit(db: DbOrTx, entry: AuditEntry): Promise<void> {
  if (db.isTransaction) await append(db as Tx, entry);
  else await inTransaction(db as Db, (trx) => append(trx, entry));
}

export async function listTimeline(db: DbOrTx, userId: string, opts: { limit: number; before?: string }) {
  const rows = await repo.findTimeline(db, userId, { limit: opts.limit + 1, ...(opts.before ? { before: Number(opts.before) } : {}) });
  const page = rows.slice(0, opts.limit);
  const events: AuditEvent[] = page.map((row) => ({
    id: String(row.id),
    at: row.created_at.toISOString(),
    actor: { type: row.actor_type, id: row.actor_id },
    action: row.action,
    subject: { type: row.subject_type, id: row.subject_id },
    details: row.details,
    requestId: row.request_id,
  }));
  return { events, nextBefore: rows.length > opts.limit ? String(page[page.length - 1]!.id) : null };
}

const VERIFY_BATCH = 500;

/**
 * Recomputes the chain from its first event and reports the first link that does not hold.
 * Runs on one snapshot, so events appended meanwhile do not look like tampering.
 * `mustExist`: the owner exists, so an empty chain means it was removed.
 */
export async function verifyChain(db: Db, chainId: string, opts: { mustExist: boolean }): Promise<AuditVerification> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const head = await repo.findChainHead(trx, chainId);
      if (!head) {
        const anyEvent = await repo.findChainBatch(trx, chainId, 0, 1);
        if (anyEvent.length || opts.mustExist) return { ok: false, events: 0, firstBroken: { seq: 1, reason: 'the chain head is missing' } };
        return { ok: true, events: 0, firstBroken: null };
      }
      if (head.head_mac !== computeHeadMac(chainId, head.last_seq, head.last_hash)) {
        return { ok: false, events: 0, firstBroken: { seq: head.last_seq, reason: 'the chain head was altered' } };
      }
      let prevHash = GENESIS_HASH;
      let expectedSeq = 1;
      let checked = 0;
      while (expectedSeq <= head.last_seq) {
        const batch = await repo.findChainBatch(trx, chainId, expectedSeq - 1, VERIFY_BATCH);
        if (!batch.length) break;
        for (const row of batch) {
          const broken = (reason: string): AuditVerification => ({ ok: false, events: checked, firstBroken: { seq: expectedSeq, reason } });
          if (row.seq !== expectedSeq) return broken(`event ${expectedSeq} is missing`);
          if (row.prev_hash !== prevHash) return broken('does not link to the previous event');
          const recomputed = computeAuditHash(prevHash, {
            chainId: row.chain_id,
            seq: row.seq,
            actorType: row.actor_type,
            actorId: row.actor_id,
            action: row.action,
            subjectType: row.subject_type,
            subjectId: row.subject_id,
            details: row.details,
            requestId: row.request_id,
            createdAt: row.created_at,
          });
          if (recomputed !== row.hash) return broken('content was altered');
          prevHash = row.hash;
          expectedSeq++;
          checked++;
        }
      }
      if (head.last_seq !== checked || head.last_hash !== prevHash) {
        return { ok: false, events: checked, firstBroken: { seq: checked + 1, reason: `events after ${checked} were removed` } };
      }
      return { ok: true, events: checked, firstBroken: null };
    });
}
