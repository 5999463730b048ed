/**
 * Which real services the tests may use. CI sets DATABASE_URL and REDIS_URL; without them the
 * tests use the embedded defaults (PGlite, in-process jobs) and skip what needs Redis.
 */
export const serviceEnv = {
  /** REQUIRE_SERVICES=1 (CI): a test that would skip for want of a service fails instead. */
  required: process.env.REQUIRE_SERVICES === '1',
  databaseUrl: process.env.DATABASE_URL || undefined,
  redisUrl: process.env.REDIS_URL || undefined,
};

/**
 * Every database a run creates is named after the run, so two runs on one server (a developer's
 * and CI's) never drop each other's databases. The global setup runs in the parent process
 * and sets the id before the test forks start, so they inherit it.
 */
const RUN_ID = (process.env.MEDFOLIO_TEST_RUN ??= `${Math.floor(Date.now() / 1000).toString(36)}_${Math.random().toString(36).slice(2, 8)}`);
export const TEST_DATABASE_FAMILY = 'medfolio_t_';
export const TEST_DATABASE_PREFIX = `${TEST_DATABASE_FAMILY}${RUN_ID}_`;
export const TEMPLATE_DATABASE = `${TEST_DATABASE_PREFIX}template`;

/** When the run that made a test database started (from its name), to drop leftovers of crashed runs. */
export function runStartedAt(database: string): number | undefined {
  const m = new RegExp(`^${TEST_DATABASE_FAMILY}([0-9a-z]+)_`).exec(database);
  return m ? parseInt(m[1]!, 36) * 1000 : undefined;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * Whether a service a test needs is here. Without it the test is skipped, except under
 * REQUIRE_SERVICES=1, where a missing service fails the file instead of hiding as a skip.
 */
export function hasService(available: boolean, what: string): boolean {
  if (!available && serviceEnv.required) throw new Error(`${what} is required by this test (REQUIRE_SERVICES=1) but is not available`);
  return available;
}
