import { sql, type Kysely } from 'kysely';

/** pgvector and the durable job table every later domain dispatches work through. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS vector`.execute(db);

  await sql`
    CREATE TABLE jobs (
      id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name         text NOT NULL,
      payload      jsonb NOT NULL,
      dedupe_key   text,
      status       text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
      attempts     integer NOT NULL DEFAULT 0,
      max_attempts integer NOT NULL CHECK (max_attempts >= 1),
      run_after    timestamptz NOT NULL DEFAULT now(),
      heartbeat_at timestamptz,
      last_error   text,
      created_at   timestamptz NOT NULL DEFAULT now(),
      updated_at   timestamptz NOT NULL DEFAULT now(),
      finished_at  timestamptz
    )`.execute(db);
  // At most one waiting row per de-duplication key; a running one may coexist with a new one.
  await sql`CREATE UNIQUE INDEX jobs_dedupe_queued ON jobs (name, dedupe_key) WHERE status = 'queued' AND dedupe_key IS NOT NULL`.execute(db);
  await sql`CREATE INDEX jobs_sweep ON jobs (status, run_after) WHERE status IN ('queued', 'running')`.execute(db);
}
