import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ROOT_DIR } from '../paths.ts';

/**
 * The embedded default database: PGlite (PostgreSQL compiled to WebAssembly) with pgvector,
 * served over the Postgres wire protocol on a private Unix socket so the application uses
 * exactly the same `pg` code as in production.
 *
 * PGlite runs in its own thread (embedded-worker.js): its start-up (initdb on a new data
 * directory, seconds of WebAssembly) overlaps with the API loading its modules
 * (startEmbeddedPostgresEarly), and its queries never block the API's event loop.
 *
 * PGlite has a single backend: callers must use a pool of one connection, or a query issued
 * while another connection holds a transaction waits forever.
 */
export interface EmbeddedPostgres {
  connectionConfig: { host: string; port: number; user: string; database: string };
  close(): Promise<void>;
}

/** Where a data folder keeps its embedded database. */
export const embeddedDatabaseDir = (dataDir: string) => path.join(dataDir, 'pg');

const WORKER_FILE = path.join(ROOT_DIR, 'server/platform/db/embedded-worker.js');
const PORT = 5432;

type WorkerMessage = { ready: true } | { error: string } | { closed: true };

async function launch(dataDir: string): Promise<EmbeddedPostgres> {
  if (dataDir !== 'memory://') fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // Unix socket paths are limited to ~107 bytes, so the socket lives in a short private temp dir.
  const socketDir = fs.mkdtempSync(path.join(os.tmpdir(), 'medfolio-pg-'));
  const worker = new Worker(WORKER_FILE, { workerData: { dataDir, socketPath: path.join(socketDir, `.s.PGSQL.${PORT}`) } });
  let closing: Promise<void> | undefined;
  return new Promise<EmbeddedPostgres>((resolve, reject) => {
    const failed = (err: Error) => {
      fs.rmSync(socketDir, { recursive: true, force: true });
      reject(err);
    };
    worker.once('error', failed);
    worker.once('exit', (code) => failed(new Error(`the embedded database thread exited (code ${code}) before it was ready`)));
    worker.once('message', (message: WorkerMessage) => {
      worker.removeAllListeners('error').removeAllListeners('exit');
      if (!('ready' in message)) {
        void worker.terminate();
        return failed(new Error(`the embedded database did not start: ${'error' in message ? message.error : 'unexpected message'}`));
      }
      // Without its database the process cannot serve: an uncaught error stops it, and the
      // supervisor starts a clean one (docs/ARCHITECTURE.md, Failure policy).
      worker.on('error', (err) => {
        throw err;
      });
      worker.on('exit', (code) => {
        if (!closing) throw new Error(`the embedded database thread stopped unexpectedly (code ${code})`);
      });
      resolve({
        connectionConfig: { host: socketDir, port: PORT, user: 'postgres', database: 'postgres' },
        close() {
          closing ??= (async () => {
            await new Promise<void>((done) => {
              worker.once('message', () => done());
              worker.once('exit', () => done());
              worker.postMessage('close');
            });
            await worker.terminate();
            fs.rmSync(socketDir, { recursive: true, force: true });
          })();
          return closing;
        },
      });
    });
  });
}

const early = new Map<string, Promise<EmbeddedPostgres>>();

/**
 * Starts the embedded database for `dataDir` now; the next startEmbeddedPostgres(dataDir)
 * takes it over. The API's entry point calls this before it loads the rest of the application.
 */
export function startEmbeddedPostgresEarly(dataDir: string): void {
  const starting = launch(dataDir);
  starting.catch(() => {}); // reported to whoever takes it over
  early.set(dataDir, starting);
}

/** `dataDir` is a directory for a persistent database, or 'memory://' for a throwaway one. */
export function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  const started = early.get(dataDir);
  early.delete(dataDir);
  return started ?? launch(dataDir);
}
