import { loadConfigOrExit } from '../server/config/env.ts';
import { createLogger } from '../server/platform/logger.ts';
import { exitOnSignals } from '../server/platform/shutdown.ts';
import { startWorker } from '../server/worker.ts';
import { guardProcess } from '../server/platform/process-guards.ts';

/** The worker process (`npm run worker`); scale out by running more of these. */
const config = loadConfigOrExit();
const logger = createLogger({ level: config.logLevel, name: 'worker' });
try {
  const platform = await startWorker(config, logger);
  logger.info('worker started');
  exitOnSignals(logger, () => platform.close());
  guardProcess(logger, () => platform.close());
} catch (err) {
  logger.fatal({ err }, 'worker failed to start');
  process.exit(1);
}
