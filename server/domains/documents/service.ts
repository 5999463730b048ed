import { createHash, randomUUID } from 'node:crypto';
import { Readable, pipeline } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../../platform/errors.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction, type DbOrTx } from '../../platform/db/transaction.ts';
import type { RecordType } from '../../platform/db/types.ts';
import type { SecretBox } from '../../platform/crypto/secret-box.ts';
import { decryptFile, encryptingStream, openDecrypted } from '../../platform/crypto/file-cipher.ts';
import { getBytes, storageKey, type FileStorage } from '../../adapters/storage.ts';
import type { IncomingFile } from '../../platform/http/multipart.ts';
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

/** How many bytes file-type reads to tell a PDF, PNG or JPEG (its own sample size). */
const SNIFF_BYTES = 4100;

/** An uploaded file, encrypted in storage, not yet a document (see `saveUpload`). */
export interface StoredUpload {
  id: string;
  key: string;
  filename: string;
  /** Null for an empty file, which the upload refuses (422) and discards. */
  mimeType: AllowedMime | null;
  sizeBytes: number;
  sha256: string;
  wrappedKey: string;
}

/**
 * Encrypts an arriving file into storage as it comes, a chunk at a time in memory whatever its
 * size. The bytes decide the type, not the name or the declared type: anything but a PDF, PNG
 * or JPEG is refused (415) on its first bytes, before more is read, and nothing is kept.
 */
export async function storeUpload(deps: DocumentDeps, userId: string, file: IncomingFile): Promise<StoredUpload> {
  const id = randomUUID();
  const key = storageKey('documents', userId, id);
  const hash = createHash('sha256');
  let sizeBytes = 0;
  let mimeType: AllowedMime | undefined;
  let refusal: AppError | undefined;
  const sniff = async (head: Buffer) => {
    const sniffed = await fileTypeFromBuffer(head);
    if (sniffed && ALLOWED.has(sniffed.mime as AllowedMime)) return sniffed.mime as AllowedMime;
    throw (refusal = new AppError('UNSUPPORTED_MEDIA_TYPE', `Only PDF, PNG and JPEG files are accepted${sniffed ? ` (this file is ${sniffed.ext.toUpperCase()})` : ''}`));
  };
  const counted = (chunk: Buffer) => {
    hash.update(chunk);
    sizeBytes += chunk.length;
    return chunk;
  };
  async function* checked() {
    let head = Buffer.alloc(0);
    for await (const chunk of file.stream as AsyncIterable<Buffer>) {
      if (mimeType) yield counted(chunk);
      else if ((head = Buffer.concat([head, chunk])).length >= SNIFF_BYTES) {
        mimeType = await sniff(head);
        yield counted(head);
      }
    }
    // A file shorter than the sample (an empty one is refused by the upload itself).
    if (!mimeType && head.length) {
      mimeType = await sniff(head);
      yield counted(head);
    }
  }
  const { stream: encrypting, wrappedKey } = encryptingStream(deps.secretBox, id);
  // pipeline, not pipe: a refusal or a cut-short upload must fail the write, not just stop it.
  pipeline(Readable.from(checked()), encrypting, () => undefined);
  try {
    await deps.storage.put(key, encrypting);
  } catch (err) {
    throw refusal ?? err;
  }
  return { id, key, filename: cleanFilename(file.filename), mimeType: mimeType ?? null, sizeBytes, sha256: hash.digest('hex'), wrappedKey };
}

/** Deletes an upload that will not become a document. */
export async function discardUpload(deps: DocumentDeps, upload: StoredUpload) {
  await deps.storage.delete(upload.key);
}

/**
 * Makes a stored upload a document, linked to a record when one is given; returns its id. When
 * this throws, nothing was saved and the caller discards the upload (the route does).
 */
export async function saveUpload(
  deps: DocumentDeps,
  userId: string,
  upload: StoredUpload,
  fields: { type: Document['type']; recordType?: RecordType | undefined; recordId?: string | undefined },
  meta: Meta,
) {
  if ((fields.recordType === undefined) !== (fields.recordId === undefined)) {
    throw new AppError('VALIDATION', 'Give both recordType and recordId to link the document to a record', { issues: [{ path: 'body.recordId', message: 'needs recordType with it' }] });
  }
  const { id, mimeType } = upload;
  if (!mimeType) throw new Error('an empty upload cannot be a document');
  await inTransaction(deps.db, async (trx) => {
    if (fields.recordType && fields.recordId) await assertRecordOwned(trx, userId, fields.recordType, fields.recordId);
    await repo.insertDocument(trx, {
      id,
      user_id: userId,
      type: fields.type,
      filename: upload.filename,
      mime_type: mimeType,
      size_bytes: upload.sizeBytes,
      sha256: upload.sha256,
      storage_key: upload.key,
      wrapped_key: upload.wrappedKey,
      uploaded_at: meta.now,
    });
    if (fields.recordType && fields.recordId) await repo.insertLink(trx, { document_id: id, user_id: userId, record_type: fields.recordType, record_id: fields.recordId });
    await recordAudit(trx, {
      chainId: userId,
      actor: { type: 'user', id: userId },
      action: 'document.uploaded',
      subject: { type: 'document', id },
      details: { type: fields.type, mimeType, sizeBytes: upload.sizeBytes, ...(fields.recordType ? { linkedTo: { type: fields.recordType, id: fields.recordId } } : {}) },
      ...meta,
    });
  });
  return id;
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
