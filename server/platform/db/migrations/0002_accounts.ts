import { sql, type Kysely } from 'kysely';

/** Users, sessions, email tokens, two-factor, organisations, plans and the usage ledger. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE organisations (
      id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name       text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
      kind       text NOT NULL CHECK (kind IN ('trust', 'practice', 'agency', 'other')),
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  await sql`
    CREATE TABLE users (
      id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email             text NOT NULL,
      name              text NOT NULL,
      password_hash     text NOT NULL,
      role              text NOT NULL DEFAULT 'clinician' CHECK (role IN ('clinician', 'platform_admin')),
      profession        text CHECK (profession IN ('doctor', 'nurse', 'midwife', 'ahp', 'other')),
      home_nation       text CHECK (home_nation IN ('england', 'scotland', 'wales', 'northern-ireland', 'other')),
      time_zone         text NOT NULL DEFAULT 'Europe/London',
      email_verified_at timestamptz,
      totp_secret       text,
      totp_enabled_at   timestamptz,
      totp_last_step    bigint,
      locked_at         timestamptz,
      created_at        timestamptz NOT NULL DEFAULT now(),
      updated_at        timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  // Emails are stored lower-cased; one account per address.
  await sql`CREATE UNIQUE INDEX users_email ON users (email)`.execute(db);

  await sql`
    CREATE TABLE sessions (
      id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      token_hash   text NOT NULL UNIQUE,
      user_agent   text,
      ip_prefix    text,
      created_at   timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at   timestamptz NOT NULL,
      revoked_at   timestamptz
    )`.execute(db);
  await sql`CREATE INDEX sessions_user ON sessions (user_id)`.execute(db);

  await sql`
    CREATE TABLE email_tokens (
      id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      purpose    text NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
      token_hash text NOT NULL UNIQUE,
      expires_at timestamptz NOT NULL,
      used_at    timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX email_tokens_user ON email_tokens (user_id, purpose)`.execute(db);

  await sql`
    CREATE TABLE recovery_codes (
      id        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id   uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      code_hash text NOT NULL,
      used_at   timestamptz
    )`.execute(db);
  await sql`CREATE INDEX recovery_codes_user ON recovery_codes (user_id)`.execute(db);

  await sql`
    CREATE TABLE organisation_members (
      organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
      user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      role            text NOT NULL CHECK (role IN ('member', 'admin')),
      joined_at       timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (organisation_id, user_id)
    )`.execute(db);
  await sql`CREATE INDEX organisation_members_user ON organisation_members (user_id)`.execute(db);

  await sql`
    CREATE TABLE plans (
      id                          text PRIMARY KEY,
      name                        text NOT NULL,
      monthly_assistant_messages  integer NOT NULL CHECK (monthly_assistant_messages >= 0),
      monthly_cv_generations      integer NOT NULL CHECK (monthly_cv_generations >= 0),
      monthly_llm_tokens          integer NOT NULL CHECK (monthly_llm_tokens >= 0),
      active_share_links          integer NOT NULL CHECK (active_share_links >= 0),
      conversation_retention_days integer NOT NULL CHECK (conversation_retention_days >= 1),
      updated_at                  timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`
    INSERT INTO plans (id, name, monthly_assistant_messages, monthly_cv_generations, monthly_llm_tokens, active_share_links, conversation_retention_days) VALUES
      ('free', 'Free', 50, 3, 100000, 3, 30),
      ('pro', 'Pro', 1000, 50, 2000000, 50, 365),
      ('team', 'Team', 2000, 100, 4000000, 100, 365)`.execute(db);

  await sql`
    CREATE TABLE subscriptions (
      id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      plan_id         text NOT NULL REFERENCES plans (id),
      user_id         uuid REFERENCES users (id) ON DELETE CASCADE,
      organisation_id uuid REFERENCES organisations (id) ON DELETE CASCADE,
      status          text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'cancelled')),
      started_at      timestamptz NOT NULL DEFAULT now(),
      cancelled_at    timestamptz,
      CHECK ((user_id IS NULL) <> (organisation_id IS NULL))
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX subscriptions_active_user ON subscriptions (user_id) WHERE status = 'active' AND user_id IS NOT NULL`.execute(db);
  await sql`CREATE UNIQUE INDEX subscriptions_active_org ON subscriptions (organisation_id) WHERE status = 'active' AND organisation_id IS NOT NULL`.execute(db);

  // Reserve -> settle ledger for AI quotas (docs/ARCHITECTURE.md, Quotas). A hold is a reservation that
  // is either settled into a charge (exactly once, keyed by request id) or released when stale.
  await sql`
    CREATE TABLE usage_ledger (
      id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      metric      text NOT NULL CHECK (metric IN ('assistant_messages', 'cv_generations', 'llm_tokens')),
      kind        text NOT NULL CHECK (kind IN ('hold', 'charge')),
      amount      integer NOT NULL CHECK (amount >= 0),
      request_id  text NOT NULL,
      created_at  timestamptz NOT NULL DEFAULT now(),
      expires_at  timestamptz,
      released_at timestamptz
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX usage_ledger_request ON usage_ledger (user_id, metric, kind, request_id)`.execute(db);
  await sql`CREATE INDEX usage_ledger_period ON usage_ledger (user_id, metric, created_at)`.execute(db);

  await createRateLimitTable(db);
}

/** Counters of rate-limiter-flexible (RateLimiterPostgres) when Redis is not configured. */
export async function createRateLimitTable(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE rate_limits (key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)`.execute(db);
}
