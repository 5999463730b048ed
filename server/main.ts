import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfigOrExit } from './config/env.ts';
import { createLogger } from './platform/logger.ts';
import { ensureWebBuild } from './platform/web-build.ts';
import { startServer } from './server.ts';
import { exitOnSignals } from './platform/shutdown.ts';
import { guardProcess } from './platform/process-guards.ts';

/** Composition root of the API process (`npm start`). */
const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const config = loadConfigOrExit();
const logger = createLogger({ level: config.logLevel, name: 'api' });
try {
  const webDistDir = await ensureWebBuild(path.join(rootDir, 'web'), logger);
  const server = await startServer(config, logger, { webDistDir });
  exitOnSignals(logger, () => server.close());
  guardProcess(logger, () => server.close());
} catch (err) {
  logger.fatal({ err }, 'Medfolio failed to start');
  process.exit(1);
}
