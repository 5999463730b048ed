import pg from 'pg';

/**
 * A database of the bench's own on the PostgreSQL of DATABASE_URL (the test helpers would
 * otherwise clone the test suite's template), or the embedded default without it. Call it before
 * importing test/support: it takes DATABASE_URL out of the environment they read at import.
 * `env` goes to startTestApp; `drop()` removes the database, even one a crash left in use.
 */
export async function openBenchDatabase(bench: string): Promise<{ label: string; env: Record<string, string>; drop(): Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL;
  delete process.env.DATABASE_URL;
  if (!serverUrl) return { label: 'the embedded database', env: {}, drop: async () => undefined };
  const name = `medfolio_bench_${bench}_${process.pid}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  const { withDatabase } = await import('../test/support/env.ts');
  return { label: 'PostgreSQL', env: { DATABASE_URL: withDatabase(serverUrl, name) }, drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}
