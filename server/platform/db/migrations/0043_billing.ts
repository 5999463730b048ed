import { sql, type Kysely } from 'kysely';

/**
 * Self-service subscriptions through Stripe (issue 17). A subscription bought through Stripe
 * carries its Stripe id, the seats it pays for (team plans) and the time and id of the last
 * webhook event applied to it: an event older than that changes nothing, so replayed and
 * out-of-order deliveries cannot undo a newer state. Every event id handled is kept once.
 * `suspended`: not in force (unpaid, paused) but may become active again, unlike `cancelled`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE subscriptions
      ADD COLUMN stripe_subscription_id text UNIQUE,
      ADD COLUMN stripe_status text,
      ADD COLUMN seats integer CHECK (seats IS NULL OR seats >= 1),
      ADD COLUMN last_event_at timestamptz,
      ADD COLUMN last_event_id text`.execute(db);
  await sql`ALTER TABLE subscriptions DROP CONSTRAINT subscriptions_status_check`.execute(db);
  await sql`ALTER TABLE subscriptions ADD CONSTRAINT subscriptions_status_check CHECK (status IN ('active', 'cancelled', 'suspended'))`.execute(db);

  await sql`
    CREATE TABLE billing_customers (
      stripe_customer_id text PRIMARY KEY,
      user_id            uuid UNIQUE REFERENCES users (id) ON DELETE CASCADE,
      organisation_id    uuid UNIQUE REFERENCES organisations (id) ON DELETE CASCADE,
      created_at         timestamptz NOT NULL DEFAULT now(),
      CHECK ((user_id IS NULL) <> (organisation_id IS NULL))
    )`.execute(db);

  await sql`
    CREATE TABLE stripe_events (
      id          text PRIMARY KEY,
      type        text NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
}
