import { createHash, randomUUID } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../../platform/errors.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction, type DbOrTx } from '../../platform/db/transaction.ts';
import type { RecordType } from '../../platform/db/types.ts';
import type { SecretBox } from '../../platform/crypto/secret-box.ts';
import { decryptFile, encryptFile, openDecrypted } from '../../platform/crypto/file-cipher.ts';
import { getBytes, storageKey, type FileStorage } from '../../adapters/storage.ts';
import type { Upload } from '../../platform/http/multipart.ts';
import { recordAudit } from '../audit/service.ts';
import { kindOfType } from '../record/kinds.ts';
import { findRecord } from '../record/repo.ts';
import { findTimecard } from '../timecards/repo.ts';
import * as repo from './repo.ts';
import { revokeCredentialsFor } from '../credentials/service.ts';
import type { Document } from './schema.ts';

export interface DocumentDeps {
  db: Db;
  storage: FileStorage;
  secretBox: SecretBox;
}

interface Meta {
  requestId: string | null;
  now: Date;
}

const ALLOWED = new Set(['application/pdf', 'image/png', 'image/jpeg'] as const);
type AllowedMime = 'application/pdf' | 'image/png' | 'image/jpeg';

/** A name safe to show and to send back in Content-Disposition. */
/**
 * Control characters go, and so do bidirectional overrides and isolates: "invoice\u202Efdp.exe"
 * would otherwise display as "invoiceexe.pdf" in a list or a download dialog.
 */
export function cleanFilename(name: string): string {
  const base = name
    .split(/[\\/]/)
    .pop()!
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f"\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .trim();
  return (base || 'document').slice(0, 200);
}

/** Another user's record, or one that does not exist, is a 404 (never a hint that it exists). */
export async function assertRecordOwned(db: DbOrTx, userId: string, recordType: RecordType, recordId: string) {
  const found = recordType === 'timecard' ? await findTimecard(db, userId, recordId) : await findRecord(db, kindOfType(recordType)!.table, userId, recordId);
  if (!found) throw new AppError('NOT_FOUND', 'Record not found');
}

async function toApi(db: DbOrTx, userId: string, rows: Awaited<ReturnType<typeof repo.findDocuments>>): Promise<Document[]> {
  const links = await repo.findLinks(
    db,
    userId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    type: r.type,
    filename: r.filename,
    mimeType: r.mime_type,
    sizeBytes: r.size_bytes,
    sha256: r.sha256,
    uploadedAt: r.uploaded_at.toISOString(),
    links: links.filter((l) => l.document_id === r.id).map((l) => ({ recordType: l.record_type, recordId: l.record_id })),
  }));
}

export async function listDocuments(db: DbOrTx, userId: string) {
  return toApi(db, userId, await repo.findDocuments(db, userId));
}

export async function getDocument(db: DbOrTx, userId: string, id: string) {
  const row = await repo.findDocument(db, userId, id);
  if (!row) throw new AppError('NOT_FOUND', 'Document not found');
  return (await toApi(db, userId, [row]))[0]!;
}

export async function uploadDocument(
  deps: DocumentDeps,
  userId: string,
  upload: Upload,
  fields: { type: Document['type']; recordType?: RecordType | undefined; recordId?: string | undefined },
  meta: Meta,
) {
  // Trust the bytes, not the name or the declared type.
  const sniffed = await fileTypeFromBuffer(upload.data);
  if (!sniffed || !ALLOWED.has(sniffed.mime as AllowedMime)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `Only PDF, PNG and JPEG files are accepted${sniffed ? ` (this file is ${sniffed.ext.toUpperCase()})` : ''}`);
  }
  if ((fields.recordType === undefined) !== (fields.recordId === undefined)) {
    throw new AppError('VALIDATION', 'Give both recordType and recordId to link the document to a record', { issues: [{ path: 'body.recordId', message: 'needs recordType with it' }] });
  }
  const id = randomUUID();
  const key = storageKey('documents', userId, id);
  const { ciphertext, wrappedKey } = encryptFile(deps.secretBox, id, upload.data);
  await deps.storage.put(key, ciphertext);
  try {
    await inTransaction(deps.db, async (trx) => {
      if (fields.recordType && fields.recordId) await assertRecordOwned(trx, userId, fields.recordType, fields.recordId);
      await repo.insertDocument(trx, {
        id,
        user_id: userId,
        type: fields.type,
        filename: cleanFilename(upload.filename),
        mime_type: sniffed.mime as AllowedMime,
        size_bytes: upload.data.length,
        sha256: createHash('sha256').update(upload.data).digest('hex'),
        storage_key: key,
        wrapped_key: wrappedKey,
        uploaded_at: meta.now,
      });
      if (fields.recordType && fields.recordId) await repo.insertLink(trx, { document_id: id, user_id: userId, record_type: fields.recordType, record_id: fields.recordId });
      await recordAudit(trx, {
        chainId: userId,
        actor: { type: 'user', id: userId },
        action: 'document.uploaded',
        subject: { type: 'document', id },
        details: { type: fields.type, mimeType: sniffed.mime, sizeBytes: upload.data.length, ...(fields.recordType ? { linkedTo: { type: fields.recordType, id: fields.recordId } } : {}) },
        ...meta,
      });
    });
  } catch (err) {
    await deps.storage.delete(key); // nothing kept for a refused upload
    throw err;
  }
  return getDocument(deps.db, userId, id);
}

/** The document held whole (a recruiter's pack stamps its PDF pages). */
export async function readDocument(deps: DocumentDeps, userId: string, id: string) {
  const row = await repo.findDocument(deps.db, userId, id);
  if (!row) throw new AppError('NOT_FOUND', 'Document not found');
  const data = decryptFile(deps.secretBox, row.id, row.wrapped_key, await getBytes(deps.storage, row.storage_key));
  return { data, filename: row.filename, mimeType: row.mime_type };
}

/**
 * The document as a stream, decrypted chunk by chunk as it is read: a download holds one chunk
 * at a time, whatever the file's size. The stream errors at the first chunk that does not
 * authenticate, so nothing after a damaged chunk is ever sent.
 */
export async function openDocument(deps: DocumentDeps, userId: string, id: string) {
  const row = await repo.findDocument(deps.db, userId, id);
  if (!row) throw new AppError('NOT_FOUND', 'Document not found');
  const stream = await openDecrypted(deps.storage, deps.secretBox, { id: row.id, storageKey: row.storage_key, wrappedKey: row.wrapped_key });
  return { stream, filename: row.filename, mimeType: row.mime_type, sizeBytes: row.size_bytes };
}

export async function deleteDocument(deps: DocumentDeps, userId: string, id: string, meta: Meta) {
  const row = await inTransaction(deps.db, async (trx) => {
    // A registration or DBS credential resting on this document no longer has it.
    for (const link of await repo.findLinks(trx, userId, [id])) await revokeCredentialsFor(trx, userId, { type: link.record_type, id: link.record_id }, 'no-longer-supported', meta.now);
    const deleted = await repo.deleteDocument(trx, userId, id);
    if (!deleted) throw new AppError('NOT_FOUND', 'Document not found');
    await recordAudit(trx, { chainId: userId, actor: { type: 'user', id: userId }, action: 'document.deleted', subject: { type: 'document', id }, details: { filename: deleted.filename }, ...meta });
    return deleted;
  });
  await deps.storage.delete(row.storage_key);
}

export async function linkDocument(deps: DocumentDeps, userId: string, id: string, link: { recordType: RecordType; recordId: string }, meta: Meta) {
  await inTransaction(deps.db, async (trx) => {
    if (!(await repo.findDocument(trx, userId, id))) throw new AppError('NOT_FOUND', 'Document not found');
    await assertRecordOwned(trx, userId, link.recordType, link.recordId);
    await repo.insertLink(trx, { document_id: id, user_id: userId, record_type: link.recordType, record_id: link.recordId });
    await recordAudit(trx, {
      chainId: userId,
      actor: { type: 'user', id: userId },
      action: 'document.linked',
      subject: { type: link.recordType, id: link.recordId },
      details: { documentId: id },
      ...meta,
    });
  });
  return getDocument(deps.db, userId, id);
}

export async function unlinkDocument(deps: DocumentDeps, userId: string, id: string, link: { recordType: RecordType; recordId: string }, meta: Meta) {
  await inTransaction(deps.db, async (trx) => {
    if (!(await repo.deleteLink(trx, userId, id, link.recordType, link.recordId))) throw new AppError('NOT_FOUND', 'Link not found');
    await revokeCredentialsFor(trx, userId, { type: link.recordType, id: link.recordId }, 'no-longer-supported', meta.now);
    await recordAudit(trx, {
      chainId: userId,
      actor: { type: 'user', id: userId },
      action: 'document.unlinked',
      subject: { type: link.recordType, id: link.recordId },
      details: { documentId: id },
      ...meta,
    });
  });
}
