/**
 * Job round-trip throughput: N trivial jobs enqueued (row insert + dispatch) and run to `done`,
 * over the in-process transport and, when REDIS_URL is set, BullMQ. Uses DATABASE_URL when set,
 * otherwise the embedded PGlite. Prints one line per transport.
 *   npm run bench:jobs [-- --jobs 500]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createLogger } from '../server/platform/logger.ts';
import { openDatabase } from '../server/platform/db/database.ts';
import { migrateToLatest } from '../server/platform/db/migrate.ts';
import { defineJob } from '../server/platform/queue/job.ts';
import { createJobQueue } from '../server/platform/queue/queue.ts';
import { createInProcessTransport } from '../server/platform/queue/in-process-transport.ts';
import { createBullmqTransport } from '../server/platform/queue/bullmq-transport.ts';
import type { JobTransport } from '../server/platform/queue/transport.ts';

const { values } = parseArgs({ options: { jobs: { type: 'string', default: '500' } } });
const count = Number(values.jobs);
const logger = createLogger({ level: 'silent' });
const embeddedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'medfolio-bench-'));
const database = await openDatabase({ url: process.env.DATABASE_URL, poolMax: 8, embeddedDir }, logger);
await migrateToLatest(database.db, logger);

async function run(label: string, transport: JobTransport) {
  const job = defineJob({
    name: `bench.noop-${Date.now()}`,
    payload: z.object({ i: z.number() }),
    attempts: 1,
    backoff: { type: 'fixed', delayMs: 10 },
    concurrency: 4,
  });
  const queue = createJobQueue({ db: database.db, transport, definitions: [job], logger, stuckAfterMs: 60_000 });
  let done = 0;
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  await queue.startWorkers({ [job.name]: async () => void (++done === count && finish()) });
  const started = performance.now();
  for (let i = 0; i < count; i++) await queue.enqueue(job, { i });
  const enqueuedMs = performance.now() - started;
  await finished;
  const totalMs = performance.now() - started;
  await queue.close();
  console.log(`jobs: ${label} on ${database.mode}: ${count} jobs, enqueue ${(enqueuedMs / count).toFixed(2)} ms/job, ` + `end-to-end ${(count / (totalMs / 1000)).toFixed(0)} jobs/s (concurrency 4)`);
}

await run('in-process', createInProcessTransport());
if (process.env.REDIS_URL) await run('BullMQ', createBullmqTransport({ redisUrl: process.env.REDIS_URL, prefix: 'medfolio-bench', logger }));
await database.close();
fs.rmSync(embeddedDir, { recursive: true, force: true });
