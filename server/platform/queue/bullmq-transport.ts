import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';
import type { JobMessage, JobTransport } from './transport.ts';

/**
 * Production transport: one BullMQ queue per job name on Redis, consumed by `workers/main.ts`.
 * BullMQ's own retries are off (one try per message): the executor applies the job's retry
 * policy and dispatches the next try, so both transports retry identically.
 */
export function createBullmqTransport(options: { redisUrl: string; prefix?: string; logger: Logger }): JobTransport {
  const prefix = options.prefix ?? 'medfolio';
  const connection = new Redis(options.redisUrl, { maxRetriesPerRequest: null, lazyConnect: false });
  connection.on('error', (err) => options.logger.warn({ err: err.message }, 'redis connection error'));
  const queues = new Map<string, Queue>();
  const workers: Worker[] = [];
  const workerConnections: Redis[] = [];

  const queueFor = (name: string) => {
    let queue = queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection, prefix });
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
        const workerConnection = connection.duplicate();
        workerConnections.push(workerConnection);
        const worker = new Worker(
          job.name,
          async (bullJob) => {
            const data = bullJob.data as { jobId: string; attempt: number };
            await onMessage({ name: job.name, jobId: data.jobId, attempt: data.attempt });
          },
          { connection: workerConnection, prefix, concurrency: job.concurrency },
        );
        worker.on('error', (err) => options.logger.warn({ err: err.message, job: job.name }, 'worker error'));
        workers.push(worker);
      }
      await Promise.all(workers.map((w) => w.waitUntilReady()));
    },
    async ping() {
      await connection.ping();
    },
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all([...queues.values()].map((q) => q.close()));
      for (const c of [...workerConnections, connection]) c.disconnect();
    },
  };
}
