/**
 * Which real services the tests may use. CI sets DATABASE_URL and REDIS_URL; without them the
 * tests use the embedded defaults (PGlite, in-process jobs) and skip what needs Redis.
 */
export const serviceEnv = {
  databaseUrl: process.env.DATABASE_URL || undefined,
  redisUrl: process.env.REDIS_URL || undefined,
};

export const TEMPLATE_DATABASE = 'medfolio_test_template';
export const TEST_DATABASE_PREFIX = 'medfolio_test_';

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
