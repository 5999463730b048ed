import { sql } from 'kysely';
import pgvector from 'pgvector';
import type { DbOrTx } from '../platform/db/transaction.ts';
import type { Embedder } from '../adapters/embedder.ts';

/**
 * Retrieval: the clinician's records nearest to the job, by cosine distance in pgvector.
 * Always filtered by user first; a user's rows are few, so exact search is correct and fast
 * at any table size (docs/ARCHITECTURE.md, Retrieval). Rows made by another model are not comparable and
 * are skipped (the re-embed sweep brings them up to date).
 */
export async function retrieveRelevant(db: DbOrTx, embedder: Embedder, userId: string, query: string, limit = 30) {
  const [vector] = await embedder.embed([query]);
  const rows = await sql<{ record_type: string; record_id: string; distance: number }>`
    SELECT record_type, record_id, embedding <=> ${pgvector.toSql(vector)}::vector AS distance
    FROM record_embeddings
    WHERE user_id = ${userId} AND model = ${embedder.model} AND vector_dims(embedding) = ${embedder.dimensions}
    ORDER BY distance
    LIMIT ${limit}`.execute(db);
  return rows.rows.map((r) => ({ type: r.record_type, id: r.record_id, similarity: 1 - Number(r.distance) }));
}

/**
 * Records whose vector was made by another model, to re-embed. A record gets its first vector
 * when it is saved (migration 0061 queued those that migrations wrote by SQL).
 */
export async function findStaleEmbeddings(db: DbOrTx, model: string, limit: number) {
  const rows = await sql<{ user_id: string; record_type: string; record_id: string }>`
    SELECT user_id, record_type, record_id FROM record_embeddings WHERE model <> ${model} LIMIT ${limit}`.execute(db);
  return rows.rows;
}
