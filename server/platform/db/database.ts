import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { Logger } from '../logger.ts';
import type { Database } from './types.ts';
import { startEmbeddedPostgres } from './embedded.ts';

export { embeddedDatabaseDir } from './embedded.ts';

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  pool: pg.Pool;
  mode: 'postgres' | 'embedded';
  /** Cheap liveness probe used by /api/ready. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

// Postgres returns int8 (counts, sums) as strings by default; our counts fit in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
// A DATE is a calendar day: keep 'YYYY-MM-DD' rather than a Date at local midnight, which
// shifts a day in time zones west of UTC.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

function wrap(pool: pg.Pool, mode: DatabaseHandle['mode'], onClose: () => Promise<void>): DatabaseHandle {
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    pool,
    mode,
    async ping() {
      await pool.query('select 1');
    },
    async close() {
      await db.destroy(); // ends the pool
      await onClose();
    },
  };
}

/**
 * A connection that breaks (the server restarts, fails over, or ends it) emits 'error' on its
 * client. The pool listens on idle clients only; one that is checked out (a transaction between
 * two statements) had no listener, and Node ends the process on an 'error' event nobody hears.
 * Every client gets a listener for its whole life: the statement in flight fails on its own,
 * the pool drops the broken client, and the process keeps serving. Logged by code, not message.
 */
function listenForConnectionErrors(pool: pg.Pool, logger: Logger) {
  pool.on('connect', (client) => client.on('error', (err: Error & { code?: string }) => logger.warn({ code: err.code ?? err.name }, 'database connection lost')));
  // The pool passes an idle client's error on: already logged by the client's own listener.
  pool.on('error', () => {});
}

export async function openDatabase(options: { url: string | undefined; poolMax: number; embeddedDir: string }, logger: Logger): Promise<DatabaseHandle> {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolMax });
    listenForConnectionErrors(pool, logger);
    return wrap(pool, 'postgres', async () => {});
  }
  const embedded = await startEmbeddedPostgres(options.embeddedDir);
  // One connection, kept open: PGlite has a single backend session, so a reconnect would find
  // the old connection's named prepared statements (rate limiter's) still there and fail.
  const pool = new pg.Pool({ ...embedded.connectionConfig, max: 1, idleTimeoutMillis: 0 });
  listenForConnectionErrors(pool, logger);
  // If the connection is replaced anyway (after an error), start it without stale statements.
  pool.on('connect', (client) => void client.query('DEALLOCATE ALL').catch(() => {}));
  return wrap(pool, 'embedded', () => embedded.close());
}
