import { loadConfig, type Config } from '../../server/config/env.ts';
import { createLogger } from '../../server/platform/logger.ts';
import { startServer, type RunningServer } from '../../server/server.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';

/** A real server on a random port, on this file's own database. */
export interface TestApp {
  server: RunningServer;
  config: Config;
  database: TestDatabase;
  url(path: string): string;
  close(): Promise<void>;
}

export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...database.env,
    ...env,
  });
  const logger = createLogger({ level: config.logLevel });
  const server = await startServer(config, logger);
  return {
    server,
    config,
    database,
    url: (path) => `${server.url}${path}`,
    async close() {
      await server.close();
      await database.cleanup();
    },
  };
}
