import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * The embedded default database: PGlite (PostgreSQL compiled to WebAssembly) with pgvector,
 * served over the Postgres wire protocol on a private Unix socket so the application uses
 * exactly the same `pg` code as in production.
 *
 * PGlite has a single backend: callers must use a pool of one connection, or a query issued
 * while another connection holds a transaction waits forever.
 */
export interface EmbeddedPostgres {
  connectionConfig: { host: string; port: number; user: string; database: string };
  close(): Promise<void>;
}

/** `dataDir` is a directory for a persistent database, or 'memory://' for a throwaway one. */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  if (dataDir !== 'memory://') fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const pglite = await PGlite.create(dataDir === 'memory://' ? undefined : dataDir, { extensions: { vector } });
  // Unix socket paths are limited to ~107 bytes, so the socket lives in a short private temp dir.
  const socketDir = fs.mkdtempSync(path.join(os.tmpdir(), 'medfolio-pg-'));
  const port = 5432;
  const server = new PGLiteSocketServer({ db: pglite, path: path.join(socketDir, `.s.PGSQL.${port}`) });
  await server.start();
  return {
    connectionConfig: { host: socketDir, port, user: 'postgres', database: 'postgres' },
    async close() {
      await server.stop();
      await pglite.close();
      fs.rmSync(socketDir, { recursive: true, force: true });
    },
  };
}
