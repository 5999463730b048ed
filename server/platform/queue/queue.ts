import type { Db } from '../db/database.ts';
import { afterCommit, inTransaction, type DbOrTx } from '../db/transaction.ts';
import type { Logger } from '../logger.ts';
import { createCircuit, withDeadline } from '../deadline.ts';
import { assertEveryJobHasHandler, backoffDelayMs, type AnyJobDefinition, type JobDefinition, type JobHandlers } from './job.ts';
import * as repo from './repo.ts';
import type { JobMessage, JobTransport } from './transport.ts';

export interface JobQueueOptions {
  db: Db;
  transport: JobTransport;
  definitions: AnyJobDefinition[];
  logger: Logger;
  /** A running row whose heartbeat is older than this is presumed lost with its worker. */
  stuckAfterMs: number;
  now?: () => Date;
}

export interface EnqueueResult {
  id: string;
  deduplicated: boolean;
}

export interface SweepResult {
  requeued: number;
  redispatched: number;
}

const SWEEP_BATCH = 200;
/**
 * A dispatch never holds a request longer than this (docs/ARCHITECTURE.md, Failure policy): the
 * row is committed, and a message that could not be sent is sent by the sweeper.
 */
export const DISPATCH_DEADLINE_MS = 1_500;
/** After a failed dispatch, skip the transport for this long instead of waiting on it again. */
const TRANSPORT_RETRY_AFTER_MS = 5_000;

/** A job failed for a reason another try cannot fix (bad payload, missing row). */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

function describeError(err: unknown): string {
  // Error messages are ours or a library's, but cap them: this column is not a log.
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return text.slice(0, 500);
}

/**
 * How often a running job proves its worker is alive: three heartbeats fit in the stuck timeout,
 * so one slow database write never makes a live worker look dead.
 */
export const heartbeatIntervalMs = (stuckAfterMs: number) => Math.max(1000, Math.floor(stuckAfterMs / 3));

/**
 * The longest a dead worker's job waits before it runs again: its last heartbeat goes stale
 * after `stuckAfterMs`, and the next sweep (at most one interval later) queues and dispatches it.
 */
export const worstCaseReclaimMs = (jobs: { stuckAfterMs: number; sweepIntervalMs: number }) => jobs.stuckAfterMs + jobs.sweepIntervalMs;

export type JobQueue = ReturnType<typeof createJobQueue>;

export function createJobQueue(options: JobQueueOptions) {
  const { db, transport, logger } = options;
  const now = options.now ?? (() => new Date());
  const definitions = new Map(options.definitions.map((d) => [d.name, d]));
  let sweepTimer: NodeJS.Timeout | undefined;
  let handlers: JobHandlers | undefined;

  function definitionOf(name: string): AnyJobDefinition {
    const definition = definitions.get(name);
    if (!definition) throw new Error(`Unknown job "${name}": add it to the job registry`);
    return definition;
  }

  const transportCircuit = createCircuit(TRANSPORT_RETRY_AFTER_MS);

  /** Sends a message, within the deadline; false when it was not sent (the sweeper will). */
  async function dispatchSafely(message: JobMessage, delayMs: number): Promise<boolean> {
    if (transportCircuit.isOpen()) return false;
    try {
      await withDeadline(transport.dispatch(message, delayMs), DISPATCH_DEADLINE_MS, 'job transport');
      if (transportCircuit.succeeded()) logger.info('job dispatch works again');
      return true;
    } catch (err) {
      // The row is safe in Postgres; the sweeper will dispatch it again.
      if (transportCircuit.trip())
        logger.warn({ job: message.name, jobId: message.jobId, err: describeError(err) }, 'job dispatch failed; the sweeper will send queued jobs once the transport is back');
      return false;
    }
  }

  async function enqueue<P>(definition: JobDefinition<P>, payload: NoInfer<P>, opts: { db?: DbOrTx; delayMs?: number } = {}): Promise<EnqueueResult> {
    definitionOf(definition.name);
    const valid = definition.payload.parse(payload);
    const delayMs = opts.delayMs ?? 0;
    const target = opts.db ?? db;
    const { row, deduplicated } = await repo.insertJob(target, {
      name: definition.name,
      payload: valid,
      dedupeKey: definition.dedupeKey ? definition.dedupeKey(valid) : null,
      maxAttempts: definition.attempts,
      runAfter: new Date(now().getTime() + delayMs),
    });
    if (!deduplicated) {
      await afterCommit(target, async () => void (await dispatchSafely({ name: definition.name, jobId: row.id, attempt: row.attempts + 1 }, delayMs)));
    }
    return { id: row.id, deduplicated };
  }

  /** Runs one delivered message: claim the row, keep it alive, run the handler, settle. */
  async function execute(message: JobMessage): Promise<void> {
    const definition = definitionOf(message.name);
    const handler = handlers?.[message.name];
    if (!handler) throw new Error(`No handler for job ${message.name}`);
    const row = await repo.claimJob(db, message.jobId, now());
    if (!row) return; // duplicate delivery, already done, or not yet committed (the sweeper retries)
    const log = logger.child({ job: row.name, jobId: row.id, attempt: row.attempts });
    const heartbeat = setInterval(() => void repo.touchJob(db, row.id, row.attempts, now()).catch(() => {}), heartbeatIntervalMs(options.stuckAfterMs));
    heartbeat.unref();
    const started = Date.now();
    try {
      const parsed = definition.payload.safeParse(row.payload);
      if (!parsed.success) throw new PermanentJobError('payload does not match the job schema');
      await handler(parsed.data, { jobId: row.id, attempt: row.attempts, logger: log });
      if (await repo.completeJob(db, row.id, row.attempts, now())) log.info({ ms: Date.now() - started }, 'job done');
      else log.warn({ ms: Date.now() - started }, 'job finished after the sweeper gave it to another worker');
    } catch (err) {
      const retry = row.attempts < row.max_attempts && !(err instanceof PermanentJobError);
      const delayMs = backoffDelayMs(definition.backoff, row.attempts);
      const retryAt = retry ? new Date(now().getTime() + delayMs) : null;
      if (!(await repo.recordJobFailure(db, row.id, row.attempts, describeError(err), now(), retryAt))) {
        log.warn({ err: describeError(err) }, 'job failed after the sweeper gave it to another worker');
        return;
      }
      log.warn({ err: describeError(err), retryInMs: retry ? delayMs : null }, retry ? 'job failed; will retry' : 'job failed');
      if (retry) await dispatchSafely({ name: row.name, jobId: row.id, attempt: row.attempts + 1 }, delayMs);
    } finally {
      clearInterval(heartbeat);
    }
  }

  /**
   * Puts lost work back on track: rows whose worker stopped heart-beating are queued again, and
   * queued rows overdue by `graceMs` are dispatched again (a no-op if their message still waits).
   * `soleWorker` is for the embedded mode, where a running row at start-up can only be an orphan.
   */
  async function sweep(opts: { soleWorker?: boolean; graceMs?: number } = {}): Promise<SweepResult> {
    const at = now();
    const stuckBefore = opts.soleWorker ? new Date(at.getTime() + 1) : new Date(at.getTime() - options.stuckAfterMs);
    const requeued = await repo.requeueStuckJobs(db, stuckBefore, at, SWEEP_BATCH);
    const graceMs = opts.graceMs ?? Math.min(options.stuckAfterMs, 30_000);
    const overdue = await repo.findOverdueQueuedJobs(db, new Date(at.getTime() - graceMs), SWEEP_BATCH);
    const requeuedRows = await repo.findJobNames(
      db,
      requeued.filter((id) => !overdue.some((o) => o.id === id)),
    );
    const toDispatch = [...overdue, ...requeuedRows].filter((r) => definitions.has(r.name));
    for (const row of toDispatch) {
      const current = await repo.findJob(db, row.id);
      // While the transport is down, the rest wait for the next sweep rather than each time out.
      if (current?.status === 'queued' && !(await dispatchSafely({ name: row.name, jobId: row.id, attempt: current.attempts + 1 }, 0))) break;
    }
    if (requeued.length || toDispatch.length) {
      logger.info({ requeued: requeued.length, redispatched: toDispatch.length }, 'job sweep');
    }
    return { requeued: requeued.length, redispatched: toDispatch.length };
  }

  /**
   * Enqueues `definition` once per UTC day, after `hourUtc`. Safe with many workers: the day's
   * de-duplication key is checked and inserted under a lock, and kept after the job is done.
   */
  async function runDailyIfDue<P>(definition: JobDefinition<P>, payloadFor: (day: string) => P, hourUtc: number): Promise<boolean> {
    const at = now();
    if (at.getUTCHours() < hourUtc) return false;
    const day = at.toISOString().slice(0, 10);
    const payload = payloadFor(day);
    const dedupeKey = definition.dedupeKey?.(payload);
    if (!dedupeKey) throw new Error(`Daily job ${definition.name} needs a dedupeKey`);
    return inTransaction(db, async (trx) => {
      await repo.lockKey(trx, `daily:${definition.name}:${dedupeKey}`);
      if (await repo.jobKeyExists(trx, definition.name, dedupeKey)) return false;
      await enqueue(definition, payload, { db: trx });
      return true;
    });
  }
  const periodicTasks: Array<() => Promise<unknown>> = [];
  /** One sweep and every registered periodic task, as the sweeper's timer runs them. */
  const tick = async () => {
    await sweep();
    for (const task of periodicTasks) await task();
  };

  return {
    transportKind: transport.kind,
    runDailyIfDue,
    /** Registers a daily job, checked by the sweeper's timer. */
    scheduleDaily<P>(definition: JobDefinition<P>, payloadFor: (day: string) => P, hourUtc: number) {
      periodicTasks.push(() => runDailyIfDue(definition, payloadFor, hourUtc));
    },
    /** Housekeeping run on every sweep (cheap and idempotent, e.g. releasing stale quota holds). */
    everySweep(task: () => Promise<unknown>) {
      periodicTasks.push(task);
    },
    enqueue,
    sweep,
    /** Starts consuming every defined job; refuses to start if any has no handler. */
    async startWorkers(jobHandlers: JobHandlers) {
      assertEveryJobHasHandler([...definitions.values()], jobHandlers);
      handlers = jobHandlers;
      await transport.consume(
        [...definitions.values()].map((d) => ({ name: d.name, concurrency: d.concurrency ?? 2 })),
        execute,
      );
    },
    startSweeper(intervalMs: number) {
      void tick().catch((err) => logger.warn({ err: describeError(err) }, 'job sweep failed'));
      sweepTimer = setInterval(() => {
        tick().catch((err) => logger.warn({ err: describeError(err) }, 'job sweep failed'));
      }, intervalMs);
      sweepTimer.unref();
    },
    runPeriodicWork: tick,
    ping: () => withDeadline(transport.ping(), DISPATCH_DEADLINE_MS, 'job transport'),
    async close() {
      if (sweepTimer) clearInterval(sweepTimer);
      await transport.close();
    },
  };
}
