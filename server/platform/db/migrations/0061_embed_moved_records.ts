import { sql, type Kysely } from 'kysely';

/**
 * Records that never had a vector: those migrations 0046, 0048 and 0058 moved out of profiles
 * into record kinds of their own (awards, languages, clinical skills...) were written by SQL,
 * so no `record.embed` job was queued for them, and retrieval could not find them until they
 * were next edited. This queues that job once for every record of an embedded kind that has no
 * vector (referees are never embedded); the job sweep dispatches queued rows, and the handler
 * skips clinicians who restricted processing. De-duplicated as the app queues it (kind:id).
 */
const EMBEDDED_KINDS: Array<[type: string, table: string]> = [
  ['post', 'posts'],
  ['registration', 'registrations'],
  ['training', 'training'],
  ['dbs', 'dbs_checks'],
  ['education', 'education'],
  ['activity', 'activities'],
  ['publication', 'publications'],
  ['award', 'awards'],
  ['course', 'courses'],
  ['skill', 'clinical_skills'],
  ['language', 'languages'],
  ['membership', 'memberships'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [type, table] of EMBEDDED_KINDS) {
    await sql`
      INSERT INTO jobs (name, payload, dedupe_key, max_attempts)
        SELECT 'record.embed', jsonb_build_object('userId', r.user_id, 'recordType', ${type}::text, 'recordId', r.id), ${type}::text || ':' || r.id, 5
        FROM ${sql.table(table)} r
        WHERE NOT EXISTS (SELECT 1 FROM record_embeddings e WHERE e.record_type = ${type} AND e.record_id = r.id)
      ON CONFLICT (name, dedupe_key) WHERE status = 'queued' AND dedupe_key IS NOT NULL DO NOTHING
    `.execute(db);
  }
}
