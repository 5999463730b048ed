import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig } from '../../server/config/env.ts';
import { createLogger } from '../../server/platform/logger.ts';
import { openDatabase, type DatabaseHandle } from '../../server/platform/db/database.ts';
import { embeddedDatabaseDir } from '../../server/platform/db/database.ts';
import { migrateToLatest } from '../../server/platform/db/migrate.ts';
import { inTransaction } from '../../server/platform/db/transaction.ts';
import { createJobQueue, PermanentJobError, type JobQueue } from '../../server/platform/queue/queue.ts';
import { defineJob, type JobHandlers } from '../../server/platform/queue/job.ts';
import { createInProcessTransport } from '../../server/platform/queue/in-process-transport.ts';
import { createBullmqTransport } from '../../server/platform/queue/bullmq-transport.ts';
import type { JobTransport } from '../../server/platform/queue/transport.ts';
import * as jobsRepo from '../../server/platform/queue/repo.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { hasService, serviceEnv } from '../support/env.ts';
import { waitFor } from '../support/wait.ts';

const logger = createLogger({ level: 'silent' });
let testDb: TestDatabase;
let database: DatabaseHandle;

beforeAll(async () => {
  testDb = await createTestDatabase();
  const config = loadConfig({ ...testDb.env });
  database = await openDatabase({ url: config.database.url, poolMax: 4, embeddedDir: embeddedDatabaseDir(config.dataDir) }, logger);
  await migrateToLatest(database.db, logger);
});
afterAll(async () => {
  await database?.close();
  await testDb?.cleanup();
});

/** Each test gets its own job names so that rows and Redis queues never mix between tests. */
function jobsFor(tag: string) {
  const ZPayload = z.object({ value: z.string() });
  return {
    echo: defineJob({ name: `test-${tag}.echo`, payload: ZPayload, attempts: 3, backoff: { type: 'exponential', delayMs: 60 } }),
    flaky: defineJob({ name: `test-${tag}.flaky`, payload: ZPayload, attempts: 3, backoff: { type: 'exponential', delayMs: 60 } }),
    doomed: defineJob({ name: `test-${tag}.doomed`, payload: ZPayload, attempts: 2, backoff: { type: 'fixed', delayMs: 20 } }),
    deduped: defineJob({
      name: `test-${tag}.deduped`,
      payload: ZPayload,
      attempts: 1,
      backoff: { type: 'fixed', delayMs: 10 },
      dedupeKey: (p) => p.value,
    }),
  };
}

const transports: Array<{ name: string; available: boolean; make: () => JobTransport }> = [
  { name: 'in-process', available: true, make: () => createInProcessTransport() },
  {
    name: 'BullMQ on Redis',
    available: hasService(Boolean(serviceEnv.redisUrl), 'Redis (REDIS_URL)'),
    make: () => createBullmqTransport({ redisUrl: serviceEnv.redisUrl!, prefix: `mftest-${randomBytes(4).toString('hex')}`, logger }),
  },
];

const rowOf = (id: string) => database.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const settled = (id: string) => async () => {
  const row = await rowOf(id);
  return row.status === 'done' || row.status === 'failed' ? row : undefined;
};

describe.each(transports)('jobs over the $name transport', ({ available, make }) => {
  const queues: JobQueue[] = [];
  afterAll(async () => {
    for (const q of queues) await q.close();
  });

  function start(tag: string, handlers: (jobs: ReturnType<typeof jobsFor>) => JobHandlers, stuckAfterMs = 60_000) {
    const jobs = jobsFor(tag);
    const queue = createJobQueue({ db: database.db, transport: make(), definitions: Object.values(jobs), logger, stuckAfterMs });
    queues.push(queue);
    return { jobs, queue, handlers: handlers(jobs) };
  }

  it.skipIf(!available)('runs an enqueued job once and marks its row done', async () => {
    const seen: string[] = [];
    const { jobs, queue, handlers } = start(`rt${randomBytes(3).toString('hex')}`, (j) => ({
      [j.echo.name]: async (p: { value: string }) => void seen.push(p.value),
      [j.flaky.name]: async () => {},
      [j.doomed.name]: async () => {},
      [j.deduped.name]: async () => {},
    }));
    await queue.startWorkers(handlers);
    const { id } = await queue.enqueue(jobs.echo, { value: 'hello' });
    const row = await waitFor('job done', settled(id));
    expect(row.status).toBe('done');
    expect(row.attempts).toBe(1);
    expect(seen).toEqual(['hello']);
  });

  it.skipIf(!available)('retries a failing job with exponential backoff, then succeeds', async () => {
    const calls: number[] = [];
    const { jobs, queue, handlers } = start(`retry${randomBytes(3).toString('hex')}`, (j) => ({
      [j.echo.name]: async () => {},
      [j.flaky.name]: async () => {
        calls.push(Date.now());
        if (calls.length < 3) throw new Error(`transient failure ${calls.length}`);
      },
      [j.doomed.name]: async () => {},
      [j.deduped.name]: async () => {},
    }));
    await queue.startWorkers(handlers);
    const { id } = await queue.enqueue(jobs.flaky, { value: 'x' });
    const row = await waitFor('flaky job done', settled(id));
    expect(row.status).toBe('done');
    expect(row.attempts).toBe(3);
    expect(calls).toHaveLength(3);
    // Backoff 60 ms then 120 ms: the gaps can only be longer, never shorter.
    expect(calls[1]! - calls[0]!).toBeGreaterThanOrEqual(55);
    expect(calls[2]! - calls[1]!).toBeGreaterThanOrEqual(115);
  });

  it.skipIf(!available)('marks a job failed after its last attempt, and does not retry permanent errors', async () => {
    let doomedCalls = 0;
    let permanentCalls = 0;
    const { jobs, queue, handlers } = start(`fail${randomBytes(3).toString('hex')}`, (j) => ({
      [j.echo.name]: async () => {
        permanentCalls++;
        throw new PermanentJobError('record was deleted');
      },
      [j.flaky.name]: async () => {},
      [j.doomed.name]: async () => {
        doomedCalls++;
        throw new Error('always broken');
      },
      [j.deduped.name]: async () => {},
    }));
    await queue.startWorkers(handlers);
    const doomed = await queue.enqueue(jobs.doomed, { value: 'x' });
    const permanent = await queue.enqueue(jobs.echo, { value: 'y' });
    const doomedRow = await waitFor('doomed job failed', settled(doomed.id));
    expect(doomedRow).toMatchObject({ status: 'failed', attempts: 2, last_error: 'Error: always broken' });
    expect(doomedCalls).toBe(2);
    const permanentRow = await waitFor('permanent failure', settled(permanent.id));
    expect(permanentRow).toMatchObject({ status: 'failed', attempts: 1 });
    expect(permanentCalls).toBe(1);
  });

  it.skipIf(!available)('de-duplicates waiting jobs with the same key', async () => {
    const seen: string[] = [];
    const { jobs, queue, handlers } = start(`dedupe${randomBytes(3).toString('hex')}`, (j) => ({
      [j.echo.name]: async () => {},
      [j.flaky.name]: async () => {},
      [j.doomed.name]: async () => {},
      [j.deduped.name]: async (p: { value: string }) => void seen.push(p.value),
    }));
    const first = await queue.enqueue(jobs.deduped, { value: 'record-1' });
    const second = await queue.enqueue(jobs.deduped, { value: 'record-1' });
    const other = await queue.enqueue(jobs.deduped, { value: 'record-2' });
    expect(second).toEqual({ id: first.id, deduplicated: true });
    expect(other.deduplicated).toBe(false);
    await queue.startWorkers(handlers);
    await waitFor('both done', async () => (await settled(first.id)()) && (await settled(other.id)()));
    expect(seen.sort()).toEqual(['record-1', 'record-2']);
  });

  it.skipIf(!available)('recovers a row left running by a crashed worker, and a queued row whose message was lost', async () => {
    const seen: string[] = [];
    const { jobs, queue, handlers } = start(
      `crash${randomBytes(3).toString('hex')}`,
      (j) => ({
        [j.echo.name]: async (p: { value: string }) => void seen.push(p.value),
        [j.flaky.name]: async () => {},
        [j.doomed.name]: async () => {},
        [j.deduped.name]: async () => {},
      }),
      1_000,
    );
    await queue.startWorkers(handlers);
    // A worker claimed this row (attempt 1) and died: status running, heartbeat stale, no message.
    const crashed = await database.db
      .insertInto('jobs')
      .values({
        name: jobs.echo.name,
        payload: JSON.stringify({ value: 'crashed' }),
        dedupe_key: null,
        max_attempts: 3,
        status: 'running',
        attempts: 1,
        heartbeat_at: new Date(Date.now() - 10 * 60_000),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // Inserted, but its message never reached the transport.
    const lost = await database.db
      .insertInto('jobs')
      .values({ name: jobs.echo.name, payload: JSON.stringify({ value: 'lost' }), dedupe_key: null, max_attempts: 3, run_after: new Date(Date.now() - 60_000) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const result = await queue.sweep();
    expect(result.requeued).toBeGreaterThanOrEqual(1);
    const crashedRow = await waitFor('crashed job recovered', settled(crashed.id));
    expect(crashedRow).toMatchObject({ status: 'done', attempts: 2 });
    expect(await waitFor('lost job recovered', settled(lost.id))).toMatchObject({ status: 'done', attempts: 1 });
    expect(seen.sort()).toEqual(['crashed', 'lost']);
  });

  it.skipIf(!available)('dispatches a job enqueued in a transaction only after it commits', async () => {
    const seen: string[] = [];
    const { jobs, queue, handlers } = start(`trx${randomBytes(3).toString('hex')}`, (j) => ({
      [j.echo.name]: async (p: { value: string }) => void seen.push(p.value),
      [j.flaky.name]: async () => {},
      [j.doomed.name]: async () => {},
      [j.deduped.name]: async () => {},
    }));
    await queue.startWorkers(handlers);
    const id = await inTransaction(database.db, async (trx) => {
      const { id } = await queue.enqueue(jobs.echo, { value: 'committed' }, { db: trx });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(seen).toEqual([]);
      return id;
    });
    expect(await waitFor('job done', settled(id))).toMatchObject({ status: 'done', attempts: 1 });
    await expect(
      inTransaction(database.db, async (trx) => {
        await queue.enqueue(jobs.echo, { value: 'rolled back' }, { db: trx });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seen).toEqual(['committed']);
  });
});

describe('a worker the sweeper gave up on', () => {
  it('cannot finish, fail or heart-beat the job once another worker has taken it over', async () => {
    const { id } = await database.db
      .insertInto('jobs')
      .values({ name: 'test-owner.echo', payload: JSON.stringify({ value: 'x' }), dedupe_key: null, max_attempts: 3 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const t0 = new Date(Date.now() - 120_000);
    const first = await jobsRepo.claimJob(database.db, id, t0);
    expect(first?.attempts).toBe(1);
    // Its heartbeat went stale: the sweeper queues the row again and a second worker takes it.
    expect(await jobsRepo.requeueStuckJobs(database.db, new Date(Date.now() - 60_000), new Date(), 10)).toContain(id);
    const second = await jobsRepo.claimJob(database.db, id, new Date());
    expect(second?.attempts).toBe(2);
    // The first worker wakes up: nothing it writes lands.
    expect(await jobsRepo.touchJob(database.db, id, 1, new Date())).toBe(false);
    expect(await jobsRepo.completeJob(database.db, id, 1, new Date())).toBe(false);
    expect(await jobsRepo.recordJobFailure(database.db, id, 1, 'late failure', new Date(), null)).toBe(false);
    expect(await rowOf(id)).toMatchObject({ status: 'running', attempts: 2, last_error: 'worker lost; retrying' });
    // The worker that owns the try does.
    expect(await jobsRepo.completeJob(database.db, id, 2, new Date())).toBe(true);
    expect(await rowOf(id)).toMatchObject({ status: 'done', attempts: 2 });
  });
});

describe('job definitions', () => {
  it('refuses to start workers when a job has no handler', async () => {
    const jobs = jobsFor('nohandler');
    const queue = createJobQueue({ db: database.db, transport: createInProcessTransport(), definitions: Object.values(jobs), logger, stuckAfterMs: 60_000 });
    await expect(queue.startWorkers({ [jobs.echo.name]: async () => {} })).rejects.toThrow(/No handler for job\(s\): .*flaky/);
    await queue.close();
  });

  it('rejects a payload that does not match the schema at enqueue time', async () => {
    const jobs = jobsFor('badpayload');
    const queue = createJobQueue({ db: database.db, transport: createInProcessTransport(), definitions: Object.values(jobs), logger, stuckAfterMs: 60_000 });
    await expect(queue.enqueue(jobs.echo, { value: 42 } as unknown as { value: string })).rejects.toThrow();
    await queue.close();
  });

  it('rejects badly named jobs', () => {
    expect(() => defineJob({ name: 'NoDomain', payload: z.object({}), attempts: 1, backoff: { type: 'fixed', delayMs: 1 } })).toThrow();
  });
});
