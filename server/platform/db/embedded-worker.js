// @ts-check
/**
 * The embedded database's thread (server/platform/db/embedded.ts starts it): PGlite with
 * pgvector, served over the Postgres wire protocol on a Unix socket. Plain JavaScript, so the
 * same file runs under tsx, vitest and the compiled build alike.
 *
 * Messages: posts { ready: true } or { error } once; on 'close', stops serving, closes the
 * database (flushing it to disk) and posts { closed: true }.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);
const { dataDir, socketPath } = /** @type {{ dataDir: string, socketPath: string }} */ (workerData);

try {
  const pglite = await PGlite.create(dataDir === 'memory://' ? undefined : dataDir, { extensions: { vector } });
  const server = new PGLiteSocketServer({ db: pglite, path: socketPath });
  await server.start();
  port.on('message', async (message) => {
    if (message !== 'close') return;
    try {
      await server.stop();
      await pglite.close();
    } finally {
      port.postMessage({ closed: true });
    }
  });
  port.postMessage({ ready: true });
} catch (err) {
  port.postMessage({ error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
}
