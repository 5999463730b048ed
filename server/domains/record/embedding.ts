import { createHash } from 'node:crypto';
import { z } from 'zod';
import pgvector from 'pgvector';
import type { JobHandler } from '../../platform/queue/job.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Embedder } from '../../adapters/embedder.ts';
import { kindOfType } from './kinds.ts';
import * as repo from './repo.ts';
import { isProcessingRestricted } from '../accounts/restriction.ts';
import { embedRecordJob } from './jobs.ts';

export function embedRecordHandler(deps: { db: Db; embedder: Embedder }): JobHandler<z.infer<typeof embedRecordJob.payload>> {
  return async ({ userId, recordType, recordId }) => {
    // Restricted processing: no vector is made (and none is kept) until the restriction is lifted.
    if (await isProcessingRestricted(deps.db, userId)) {
      await repo.deleteRecordLinks(deps.db, recordType, recordId, { embeddingsOnly: true });
      return;
    }
    const kind = kindOfType(recordType)!;
    const row = await repo.findRecord(deps.db, kind.table, userId, recordId);
    if (!row) {
      await repo.deleteRecordLinks(deps.db, kind.type, recordId);
      return;
    }
    const text = kind.embedText(kind.fromRow(row));
    if (text === null) {
      await repo.deleteRecordLinks(deps.db, kind.type, recordId, { embeddingsOnly: true });
      return;
    }
    const contentHash = createHash('sha256').update(`${deps.embedder.model}\n${text}`).digest('hex');
    const existing = await repo.findEmbedding(deps.db, kind.type, recordId);
    if (existing?.content_hash === contentHash) return;
    const [vector] = await deps.embedder.embed([text]);
    await repo.upsertEmbedding(deps.db, {
      user_id: userId,
      record_type: kind.type,
      record_id: recordId,
      model: deps.embedder.model,
      content_hash: contentHash,
      embedding: pgvector.toSql(vector) as string,
    });
  };
}
