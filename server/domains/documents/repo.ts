import type { DbOrTx } from '../../platform/db/transaction.ts';
import type { RecordType } from '../../platform/db/types.ts';

export async function insertDocument(
  db: DbOrTx,
  row: {
    id: string;
    user_id: string;
    type: 'certificate' | 'registration' | 'dbs' | 'identity' | 'cv' | 'reference' | 'other';
    filename: string;
    mime_type: 'application/pdf' | 'image/png' | 'image/jpeg';
    size_bytes: number;
    sha256: string;
    storage_key: string;
    wrapped_key: string;
    uploaded_at: Date;
  },
) {
  return db.insertInto('documents').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findDocuments(db: DbOrTx, userId: string) {
  return db.selectFrom('documents').selectAll().where('user_id', '=', userId).orderBy('uploaded_at', 'desc').execute();
}

export async function findDocument(db: DbOrTx, userId: string, id: string) {
  return db.selectFrom('documents').selectAll().where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
}

export async function deleteDocument(db: DbOrTx, userId: string, id: string) {
  return db.deleteFrom('documents').where('user_id', '=', userId).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function findLinks(db: DbOrTx, userId: string, documentIds: string[]) {
  if (!documentIds.length) return [];
  return db.selectFrom('record_documents').selectAll().where('user_id', '=', userId).where('document_id', 'in', documentIds).execute();
}

export async function insertLink(db: DbOrTx, link: { document_id: string; user_id: string; record_type: RecordType; record_id: string }) {
  await db
    .insertInto('record_documents')
    .values(link)
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function deleteLink(db: DbOrTx, userId: string, documentId: string, recordType: RecordType, recordId: string) {
  return db
    .deleteFrom('record_documents')
    .where('user_id', '=', userId)
    .where('document_id', '=', documentId)
    .where('record_type', '=', recordType)
    .where('record_id', '=', recordId)
    .returning('document_id')
    .executeTakeFirst();
}
