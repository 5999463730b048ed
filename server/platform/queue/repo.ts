import { sql } from 'kysely';
import type { DbOrTx } from '../db/transaction.ts';
import type { JobStatus } from '../db/types.ts';

/** SQL for the `jobs` table: the durable truth about every unit of background work. */

export interface JobRow {
  id: string;
  name: string;
  payload: unknown;
  status: JobStatus;
  attempts: number;
  max_attempts: number;
  run_after: Date;
}

const returning = ['id', 'name', 'payload', 'status', 'attempts', 'max_attempts', 'run_after'] as const;

/** Inserts a queued row, or returns the waiting row with the same de-duplication key. */
export async function insertJob(db: DbOrTx, job: { name: string; payload: unknown; dedupeKey: string | null; maxAttempts: number; runAfter: Date }): Promise<{ row: JobRow; deduplicated: boolean }> {
  const inserted = await db
    .insertInto('jobs')
    .values({
      name: job.name,
      payload: JSON.stringify(job.payload),
      dedupe_key: job.dedupeKey,
      max_attempts: job.maxAttempts,
      run_after: job.runAfter,
    })
    .onConflict((oc) => oc.columns(['name', 'dedupe_key']).where('status', '=', 'queued').where('dedupe_key', 'is not', null).doNothing())
    .returning(returning)
    .executeTakeFirst();
  if (inserted) return { row: inserted, deduplicated: false };
  const existing = await db.selectFrom('jobs').select(returning).where('name', '=', job.name).where('dedupe_key', '=', job.dedupeKey).where('status', '=', 'queued').executeTakeFirstOrThrow();
  return { row: existing, deduplicated: true };
}

export async function findJob(db: DbOrTx, id: string) {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Takes a queued row for execution. A duplicate delivery, or a row another worker holds with a
 * fresh heartbeat, yields nothing.
 */
export async function claimJob(db: DbOrTx, id: string, now: Date): Promise<JobRow | undefined> {
  return db
    .updateTable('jobs')
    .set({ status: 'running', attempts: sql`attempts + 1`, heartbeat_at: now, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .returning(returning)
    .executeTakeFirst();
}

/**
 * The writes of the worker running try `attempt` of a row. Each applies only while the row is
 * still running that try: once the sweeper has given the row to another worker (the first one
 * stopped heart-beating), the first one's late heartbeat, success or failure changes nothing.
 */
export async function touchJob(db: DbOrTx, id: string, attempt: number, now: Date): Promise<boolean> {
  const res = await db.updateTable('jobs').set({ heartbeat_at: now }).where('id', '=', id).where('status', '=', 'running').where('attempts', '=', attempt).executeTakeFirst();
  return res.numUpdatedRows > 0n;
}

export async function completeJob(db: DbOrTx, id: string, attempt: number, now: Date): Promise<boolean> {
  const res = await db
    .updateTable('jobs')
    .set({ status: 'done', finished_at: now, updated_at: now, heartbeat_at: null, last_error: null })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('attempts', '=', attempt)
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}

/** Records a failed try: back to `queued` at `retryAt`, or `failed` when no tries remain. */
export async function recordJobFailure(db: DbOrTx, id: string, attempt: number, error: string, now: Date, retryAt: Date | null): Promise<boolean> {
  const res = await db
    .updateTable('jobs')
    .set(
      retryAt
        ? { status: 'queued', run_after: retryAt, last_error: error, updated_at: now, heartbeat_at: null }
        : { status: 'failed', last_error: error, updated_at: now, finished_at: now, heartbeat_at: null },
    )
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('attempts', '=', attempt)
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}

/**
 * Rows whose worker vanished (running, heartbeat older than `stuckBefore`) go back to queued,
 * or to failed when they have used every try. Returns the ids that are queued again.
 */
export async function requeueStuckJobs(db: DbOrTx, stuckBefore: Date, now: Date, limit: number): Promise<string[]> {
  const stuck = await db
    .selectFrom('jobs')
    .select(['id', 'attempts', 'max_attempts'])
    .where('status', '=', 'running')
    .where('heartbeat_at', '<', stuckBefore)
    .orderBy('heartbeat_at')
    .limit(limit)
    .execute();
  const requeued: string[] = [];
  for (const row of stuck) {
    const exhausted = row.attempts >= row.max_attempts;
    const updated = await db
      .updateTable('jobs')
      .set(
        exhausted
          ? { status: 'failed', last_error: 'worker lost during the last attempt', finished_at: now, updated_at: now }
          : { status: 'queued', run_after: now, last_error: 'worker lost; retrying', updated_at: now },
      )
      .where('id', '=', row.id)
      .where('status', '=', 'running')
      .where('heartbeat_at', '<', stuckBefore)
      .returning('id')
      .executeTakeFirst();
    if (updated && !exhausted) requeued.push(updated.id);
  }
  return requeued;
}

/** Queued rows that are due and have waited past `dueBefore`: their message may be lost. */
export async function findOverdueQueuedJobs(db: DbOrTx, dueBefore: Date, limit: number) {
  return db.selectFrom('jobs').select(['id', 'name']).where('status', '=', 'queued').where('run_after', '<=', dueBefore).orderBy('run_after').limit(limit).execute();
}

export async function findJobNames(db: DbOrTx, ids: string[]) {
  if (!ids.length) return [];
  return db.selectFrom('jobs').select(['id', 'name']).where('id', 'in', ids).execute();
}

/** Whether a job with this de-duplication key was ever enqueued, in any state. */
export async function jobKeyExists(db: DbOrTx, name: string, dedupeKey: string): Promise<boolean> {
  const row = await db.selectFrom('jobs').select('id').where('name', '=', name).where('dedupe_key', '=', dedupeKey).limit(1).executeTakeFirst();
  return Boolean(row);
}

export async function lockKey(trx: DbOrTx, key: string) {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
}
