import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';
import { createRedisClient, createThrottledWarning } from '../redis.ts';
import type { JobMessage, JobTransport } from './transport.ts';

/** How long closing waits for running handlers and Redis before it drops the connections. */
const CLOSE_WITHIN_MS = 15_000;

/**
 * Production transport: one BullMQ queue per job name on Redis, consumed by `workers/main.ts`.
 * BullMQ's own retries are off (one try per message): the executor applies the job's retry
 * policy and dispatches the next try, so both transports retry identically.
 *
 * Dispatching happens while a request waits, so it uses a `request` connection that fails fast
 * when Redis is down or silent (the row is safe in Postgres and the sweeper dispatches it
 * later); the workers' blocking connections wait for Redis to come back.
 */
export function createBullmqTransport(options: { redisUrl: string; prefix?: string; logger: Logger }): JobTransport {
  const prefix = options.prefix ?? 'medfolio';
  const producer = createRedisClient(options.redisUrl, 'request', options.logger, 'job dispatch');
  const queues = new Map<string, Queue>();
  const workers: Worker[] = [];
  const workerConnections: Redis[] = [];
  const warn = createThrottledWarning(options.logger);

  const queueFor = (name: string) => {
    let queue = queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: producer, prefix });
      queue.on('error', (err) => warn('queue', { err: err.message, job: name }, 'job queue error'));
      queues.set(name, queue);
    }
    return queue;
  };

  return {
    kind: 'bullmq',
    async dispatch(message: JobMessage, delayMs: number) {
      await queueFor(message.name).add(
        'run',
        { jobId: message.jobId, attempt: message.attempt },
        {
          // Same (row, try) => same BullMQ id, so a re-dispatch of a pending message is a no-op.
          jobId: `${message.jobId}-${message.attempt}`,
          delay: Math.max(0, delayMs),
          attempts: 1,
          removeOnComplete: true,
          removeOnFail: true,
        },
      );
    },
    async consume(jobs, onMessage) {
      for (const job of jobs) {
        const workerConnection = createRedisClient(options.redisUrl, 'background', options.logger, 'job worker');
        workerConnections.push(workerConnection);
        const worker = new Worker(
          job.name,
          async (bullJob) => {
            const data = bullJob.data as { jobId: string; attempt: number };
            await onMessage({ name: job.name, jobId: data.jobId, attempt: data.attempt });
          },
          { connection: workerConnection, prefix, concurrency: job.concurrency },
        );
        worker.on('error', (err) => warn('worker', { err: err.message, job: job.name }, 'worker error'));
        workers.push(worker);
      }
      // (BullMQ's own duplicate of each connection, for blocking reads, reports its errors through
      // the worker's 'error' event above.)
      await Promise.all(workers.map((w) => w.waitUntilReady()));
    },
    async ping() {
      await producer.ping();
    },
    async close() {
      const graceful = (async () => {
        await Promise.all(workers.map((w) => w.close()));
        await Promise.all([...queues.values()].map((q) => q.close()));
      })().catch(() => undefined);
      // With Redis gone, BullMQ would wait for it forever; the rows are safe in Postgres.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([graceful, new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_WITHIN_MS)))]);
      clearTimeout(timer);
      for (const c of [...workerConnections, producer]) c.disconnect();
    },
  };
}
