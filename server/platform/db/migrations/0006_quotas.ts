import { sql, type Kysely } from 'kysely';

/**
 * One balance row per user, metric and billing period. Reserving is a single conditional
 * UPDATE on it (used + held + amount <= limit), so concurrent requests serialise on the row and
 * can never overspend; `usage_ledger` keeps each hold and charge for settlement and history.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE usage_balances (
      user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      metric       text NOT NULL CHECK (metric IN ('assistant_messages', 'cv_generations', 'llm_tokens')),
      period_start date NOT NULL,
      used         bigint NOT NULL DEFAULT 0 CHECK (used >= 0),
      held         bigint NOT NULL DEFAULT 0 CHECK (held >= 0),
      PRIMARY KEY (user_id, metric, period_start)
    )`.execute(db);
  await sql`ALTER TABLE usage_ledger ADD COLUMN period_start date`.execute(db);
  await sql`UPDATE usage_ledger SET period_start = date_trunc('month', created_at)::date`.execute(db);
  await sql`ALTER TABLE usage_ledger ALTER COLUMN period_start SET NOT NULL`.execute(db);
  await sql`CREATE INDEX usage_ledger_open_holds ON usage_ledger (expires_at) WHERE kind = 'hold' AND released_at IS NULL`.execute(db);
}
