import type { Config } from './config/env.ts';
import type { Logger } from './platform/logger.ts';
import { createJobHandlers, openPlatform, schedulePeriodicWork, type Platform } from './composition.ts';

/**
 * A worker: its own platform (pool, queue consumer) running every defined job, and the
 * sweeper that recovers lost work. `workers/main.ts` runs one per process.
 */
export async function startWorker(config: Config, logger: Logger): Promise<Platform> {
  if (!config.redisUrl) throw new Error('REDIS_URL is not set: without Redis, jobs run inside the API process (npm start)');
  const platform = await openPlatform(config, logger);
  try {
    await platform.queue.startWorkers(createJobHandlers(platform));
    await platform.queue.sweep();
    schedulePeriodicWork(platform);
    platform.queue.startSweeper(config.jobs.sweepIntervalMs);
  } catch (err) {
    await platform.close();
    throw err;
  }
  return platform;
}
