import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../server/config/env.ts';
import { createLogger } from '../../server/platform/logger.ts';
import { startServer, type RunningServer } from '../../server/server.ts';
import { startWorker } from '../../server/worker.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';
import { TestClient } from './client.ts';

/** A real server on a random port, on this file's own database. */
export interface TestApp {
  server: RunningServer;
  config: Config;
  database: TestDatabase;
  url(path: string): string;
  client(): TestClient;
  close(): Promise<void>;
}

// A made-up client address per test client; nothing is sent to it, it only keys rate limits.
const randomTestIp = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;

export async function startTestApp(env: Record<string, string> = {}, options: { logLines?: string[]; webDistDir?: string; worker?: boolean } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  // Files (outbox, master key, documents) always go to a private temporary directory.
  const dataDir = database.env.DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'medfolio-data-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATA_DIR: dataDir,
    // Each test app has its own Redis namespace: files run in parallel against one server.
    REDIS_PREFIX: `mft-${Math.random().toString(36).slice(2, 10)}`,
    ...database.env,
    ...env,
  });
  const logger = options.logLines ? createLogger({ level: 'debug', destination: { write: (line: string) => void options.logLines!.push(line) } }) : createLogger({ level: config.logLevel });
  const server = await startServer(config, logger, options.webDistDir ? { webDistDir: options.webDistDir } : {});
  // With Redis the API only enqueues: run a worker beside it, as production does (unless the
  // test runs its own workers).
  const worker = config.redisUrl && options.worker !== false ? await startWorker(config, logger) : undefined;
  return {
    server,
    config,
    database,
    url: (p) => `${server.url}${p}`,
    client: () => new TestClient(server.url, config.appOrigin, config.trustProxy ? randomTestIp() : undefined),
    async close() {
      await worker?.close();
      await server.close();
      await database.cleanup();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
