import { sql, type Kysely } from 'kysely';

/** CV requests: the row is the truth about a generation in progress (docs/ARCHITECTURE.md, Picture). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE cv_requests (
      id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      job_description text NOT NULL,
      template        text NOT NULL DEFAULT 'full' CHECK (template IN ('full', 'locum')),
      as_of           date NOT NULL,
      status          text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
      stage           text NOT NULL DEFAULT 'queued',
      composer        text,
      analysis        jsonb,
      assessment      jsonb,
      draft           jsonb,
      removed         jsonb,
      warnings        jsonb,
      error           text,
      created_at      timestamptz NOT NULL DEFAULT now(),
      updated_at      timestamptz NOT NULL DEFAULT now(),
      completed_at    timestamptz
    )`.execute(db);
  await sql`CREATE INDEX cv_requests_user ON cv_requests (user_id, created_at DESC)`.execute(db);
}
