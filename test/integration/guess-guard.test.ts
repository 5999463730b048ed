import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config/env.ts';
import { createLogger } from '../../server/platform/logger.ts';
import { embeddedDatabaseDir, openDatabase, type DatabaseHandle } from '../../server/platform/db/database.ts';
import { migrateToLatest } from '../../server/platform/db/migrate.ts';
import { createLimiterFactory } from '../../server/platform/rate-limit.ts';
import { createGuessGuard } from '../../server/platform/guess-guard.ts';
import { isAppError } from '../../server/platform/errors.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';

/** The guess guard on the real `rate_limits` table, with timings short enough to watch. */
const logger = createLogger({ level: 'silent' });
let testDb: TestDatabase;
let database: DatabaseHandle;

beforeAll(async () => {
  testDb = await createTestDatabase();
  const config = loadConfig({ ...testDb.env });
  database = await openDatabase({ url: config.database.url, poolMax: 4, embeddedDir: embeddedDatabaseDir(config.dataDir) }, logger);
  await migrateToLatest(database.db, logger);
});
afterAll(async () => {
  await database?.close();
  await testDb?.cleanup();
});

const guard = (name: string) =>
  createGuessGuard(createLimiterFactory({ kind: 'postgres', pool: database.pool }), name, {
    perClient: { points: 3, durationSeconds: 60, blockSeconds: 60, message: 'client' },
    ceiling: { points: 5, durationSeconds: 60, message: 'ceiling' },
    backoff: { baseSeconds: 1, maxSeconds: 4 },
  });
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (err: unknown) => (isAppError(err) ? { message: err.message, retryAfterSeconds: err.details.retryAfterSeconds } : Promise.reject(err)),
  );
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the guess guard', () => {
  it('holds back the client that guessed, not the others', async () => {
    const g = guard(`gg-client-${Date.now()}`);
    for (let i = 0; i < 3; i++) await g.admit({ subject: 'account', client: 'attacker', trusted: false });
    expect(await refusal(g.admit({ subject: 'account', client: 'attacker', trusted: false }))).toMatchObject({ message: 'client' });
    expect(await refusal(g.admit({ subject: 'account', client: 'owner', trusted: false }))).toBeUndefined();
  });

  it('pauses untrusted clients past the ceiling, for a time that doubles with each trip, never holding back a trusted one', async () => {
    const g = guard(`gg-ceiling-${Date.now()}`);
    const trips: number[] = [];
    const trip = async (round: number) => {
      // Five tries are allowed; many clients racing for the sixth: exactly one trips it.
      for (let i = 0; i < 5; i++) await g.admit({ subject: 'link', client: `r${round}-c${i}`, trusted: false });
      const racing = await Promise.all(Array.from({ length: 4 }, (_, i) => refusal(g.admit({ subject: 'link', client: `r${round}-x${i}`, trusted: false }, async (s) => void trips.push(s)))));
      expect(racing.every((r) => r?.message === 'ceiling')).toBe(true);
      return racing;
    };
    await trip(1);
    expect(trips).toEqual([1]);
    expect(await refusal(g.admit({ subject: 'link', client: 'device-1', trusted: true }))).toBeUndefined();
    await sleep(1_100);
    await trip(2);
    expect(trips).toEqual([1, 2]);
    await sleep(2_100);
    await trip(3);
    await sleep(4_100);
    await trip(4);
    expect(trips).toEqual([1, 2, 4, 4]);
    // A new secret (a password reset) forgets the ceiling and the backoff.
    await g.reset('link');
    expect(await refusal(g.admit({ subject: 'link', client: 'after-reset', trusted: false }))).toBeUndefined();
  }, 30_000);
});
