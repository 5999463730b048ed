import { sql, type Kysely } from 'kysely';

/**
 * The audit log: append-only and chained per timeline (a user's). A trigger refuses UPDATE,
 * DELETE and TRUNCATE so no code path edits history by accident; the erasure job (privacy)
 * alone deletes a chain, after setting `medfolio.audit_erasure` for its transaction. The
 * trigger is no defence against someone with SQL access: that is the job of the chain's
 * HMAC (keyed from the master key, which the database does not hold), see domains/audit.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE audit_events (
      id           bigserial PRIMARY KEY,
      chain_id     uuid NOT NULL,
      seq          integer NOT NULL,
      actor_type   text NOT NULL CHECK (actor_type IN ('user', 'system', 'verifier', 'recruiter', 'admin')),
      actor_id     text,
      action       text NOT NULL,
      subject_type text NOT NULL,
      subject_id   text,
      details      jsonb NOT NULL DEFAULT '{}',
      request_id   text,
      created_at   timestamptz NOT NULL,
      prev_hash    text NOT NULL,
      hash         text NOT NULL,
      UNIQUE (chain_id, seq)
    )`.execute(db);
  // The head of each chain: deleting the newest rows leaves the head pointing past the end.
  await sql`
    CREATE TABLE audit_chain_heads (
      chain_id  uuid PRIMARY KEY,
      last_seq  integer NOT NULL,
      last_hash text NOT NULL,
      head_mac  text NOT NULL
    )`.execute(db);
  await sql`
    CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' AND current_setting('medfolio.audit_erasure', true) = 'on' THEN
        RETURN OLD;
      END IF;
      RAISE EXCEPTION 'audit_events is append-only';
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`.execute(db);
  await sql`CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`.execute(db);
}
