import { sql, type Kysely } from 'kysely';

/**
 * Import is a claim, never proof (docs/ARCHITECTURE.md, Evidence). Earlier imports stored a
 * file's "approved" (or "rejected", or "submitted") shifts as decided, with no supervisor ever
 * asked. Those shifts go back to open, ready to be submitted through Medfolio's own link; a
 * shift decided through that link (a verification confirmed or disputed it) keeps its decision.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    UPDATE timecards t
    SET status = 'open', decided_by = NULL, decided_at = NULL, rejection_reason = NULL, updated_at = now()
    WHERE t.import_key IS NOT NULL
      AND t.status IN ('approved', 'rejected')
      AND NOT EXISTS (
        SELECT 1 FROM verifications v
        WHERE v.subject_type = 'timecard' AND v.subject_id = t.id AND v.status IN ('confirmed', 'disputed'))`.execute(db);
  // "Submitted" with no request to anyone would wait for ever: open, so it can be submitted.
  await sql`
    UPDATE timecards t
    SET status = 'open', updated_at = now()
    WHERE t.import_key IS NOT NULL
      AND t.status = 'submitted'
      AND NOT EXISTS (
        SELECT 1 FROM verifications v
        WHERE v.subject_type = 'timecard' AND v.subject_id = t.id AND v.status = 'requested')`.execute(db);
}
