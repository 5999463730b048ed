import { sql, type Kysely } from 'kysely';

/**
 * An erasure claims its request (`in_progress`) before deleting anything, so a cancellation
 * cannot slip in half-way through, and a retry knows the work had started.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE privacy_requests DROP CONSTRAINT privacy_requests_status_check`.execute(db);
  await sql`ALTER TABLE privacy_requests ADD CONSTRAINT privacy_requests_status_check
    CHECK (status IN ('received', 'scheduled', 'in_progress', 'completed', 'cancelled', 'failed'))`.execute(db);
}
