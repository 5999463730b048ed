import { sql, type Kysely } from 'kysely';

/**
 * What each plan costs, as the landing page and the plan page state it (issue 18: a visitor
 * sees the price before signing up). The amount charged is Stripe's price (STRIPE_PRICE_*);
 * this is the list price people read, kept beside the limits it buys. NULL: not for sale.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE plans
    ADD COLUMN monthly_price_pence integer CHECK (monthly_price_pence >= 0),
    ADD COLUMN priced_per_seat boolean NOT NULL DEFAULT false`.execute(db);
  await sql`UPDATE plans SET monthly_price_pence = 0 WHERE id = 'free'`.execute(db);
  await sql`UPDATE plans SET monthly_price_pence = 900 WHERE id = 'pro'`.execute(db);
  await sql`UPDATE plans SET monthly_price_pence = 700, priced_per_seat = true WHERE id = 'team'`.execute(db);
}
