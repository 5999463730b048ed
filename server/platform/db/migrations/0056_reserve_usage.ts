import { sql, type Kysely } from 'kysely';

/**
 * Reserving a request's holds in one round trip (issue 16: the assistant's overhead before the
 * first token). The rule is the one `usage_balances` was made for (0006): a hold is written to
 * the ledger once per request id, then the period's balance takes it only if used + held +
 * amount stays within the limit. Done for every hold of a request in one statement, so it is
 * all or nothing without a client-side transaction (five round trips for a chat message before).
 * A hold that does not fit raises SQLSTATE MQ001 with the metric as DETAIL; the statement, and
 * with it every hold already written, is rolled back. A request id already holding is skipped.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION reserve_usage(
      p_user uuid, p_period date, p_expires timestamptz, p_now timestamptz,
      p_metrics text[], p_amounts bigint[], p_request_ids text[], p_limits bigint[]
    ) RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
      FOR i IN 1 .. coalesce(array_length(p_metrics, 1), 0) LOOP
        INSERT INTO usage_ledger (user_id, metric, kind, amount, request_id, period_start, expires_at, created_at)
          VALUES (p_user, p_metrics[i], 'hold', p_amounts[i], p_request_ids[i], p_period, p_expires, p_now)
          ON CONFLICT DO NOTHING;
        CONTINUE WHEN NOT FOUND;
        INSERT INTO usage_balances (user_id, metric, period_start, held)
          SELECT p_user, p_metrics[i], p_period, p_amounts[i] WHERE p_amounts[i] <= p_limits[i]
          ON CONFLICT (user_id, metric, period_start) DO UPDATE SET held = usage_balances.held + EXCLUDED.held
            WHERE usage_balances.used + usage_balances.held + EXCLUDED.held <= p_limits[i];
        IF NOT FOUND THEN
          RAISE EXCEPTION 'usage limit reached' USING ERRCODE = 'MQ001', DETAIL = p_metrics[i];
        END IF;
      END LOOP;
    END
    $$`.execute(db);
}
