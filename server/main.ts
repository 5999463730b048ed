import { loadConfigOrExit } from './config/env.ts';
import { createLogger } from './platform/logger.ts';
import { embeddedDatabaseDir, startEmbeddedPostgresEarly } from './platform/db/embedded.ts';
import { WEB_DIST_DIR } from './platform/paths.ts';
import { exitOnSignals } from './platform/shutdown.ts';
import { guardProcess } from './platform/process-guards.ts';

/**
 * Composition root of the API process: `npm start` runs it compiled (dist/server/main.js, under
 * the supervisor), `npm run dev` from the sources. The web app is built beforehand by
 * scripts/build.js (`npm start` and `npm run dev` build it when it is stale).
 */
const config = loadConfigOrExit();
const logger = createLogger({ level: config.logLevel, name: 'api' });
// The embedded database starts in its own thread first (seconds of initdb on a new data folder),
// while this thread loads the rest of the API.
if (!config.database.url) startEmbeddedPostgresEarly(embeddedDatabaseDir(config.dataDir));
try {
  const { startServer } = await import('./server.ts');
  const server = await startServer(config, logger, { webDistDir: WEB_DIST_DIR });
  exitOnSignals(logger, () => server.close());
  guardProcess(logger, () => server.close());
} catch (err) {
  logger.fatal({ err }, 'Medfolio failed to start');
  process.exit(1);
}
