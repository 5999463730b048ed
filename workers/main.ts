import { loadConfigOrExit } from '../server/config/env.ts';
import { createLogger } from '../server/platform/logger.ts';
import { openPlatform } from '../server/platform/runtime.ts';
import { createJobHandlers } from '../server/jobs.ts';
import { exitOnSignals } from '../server/platform/shutdown.ts';

/**
 * The worker process (`npm run worker`): runs every job defined in server/jobs.ts from BullMQ,
 * and sweeps for lost work. Scale out by running more of these.
 */
const config = loadConfigOrExit();
const logger = createLogger({ level: config.logLevel, name: 'worker' });
if (!config.redisUrl) {
  logger.fatal('REDIS_URL is not set: without Redis, jobs run inside the API process (npm start) and no worker is needed');
  process.exit(1);
}
try {
  const platform = await openPlatform(config, logger);
  await platform.queue.startWorkers(createJobHandlers(platform));
  await platform.queue.sweep();
  platform.queue.startSweeper(config.jobs.sweepIntervalMs);
  logger.info('worker started');
  exitOnSignals(logger, () => platform.close());
} catch (err) {
  logger.fatal({ err }, 'worker failed to start');
  process.exit(1);
}
