import type { DbOrTx } from '../../platform/db/transaction.ts';
import type { RecordType } from '../../platform/db/types.ts';
import * as repo from './repo.ts';

export type EvidenceLevel = 'self-declared' | 'document-backed' | 'verifier-confirmed';

export interface Evidence {
  level: EvidenceLevel;
  documentIds: string[];
}

/**
 * The evidence behind each record of one type: a confirmed verification beats a document,
 * which beats the clinician's word. One query per kind, not per record.
 */
export async function findEvidence(db: DbOrTx, userId: string, type: RecordType): Promise<(recordId: string) => Evidence> {
  const [links, confirmed] = await Promise.all([repo.findDocumentLinks(db, userId, type), repo.findConfirmedRecordIds(db, userId, type)]);
  const documents = new Map<string, string[]>();
  for (const link of links) documents.set(link.record_id, [...(documents.get(link.record_id) ?? []), link.document_id]);
  const confirmedIds = new Set(confirmed);
  return (recordId) => {
    const documentIds = documents.get(recordId) ?? [];
    return {
      level: confirmedIds.has(recordId) ? 'verifier-confirmed' : documentIds.length ? 'document-backed' : 'self-declared',
      documentIds,
    };
  };
}
