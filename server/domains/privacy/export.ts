import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../../platform/db/database.ts';
import type { DbOrTx } from '../../platform/db/transaction.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { AppError } from '../../platform/errors.ts';
import type { JobHandler } from '../../platform/queue/job.ts';
import { PermanentJobError, type JobQueue } from '../../platform/queue/queue.ts';
import type { SecretBox } from '../../platform/crypto/secret-box.ts';
import { encryptingStream, openDecrypted } from '../../platform/crypto/file-cipher.ts';
import { storageKey, type FileStorage } from '../../adapters/storage.ts';
import type { Mailer } from '../../adapters/mailer.ts';
import { exportReadyMessage } from '../../emails/render.ts';
import { recordAudit } from '../audit/service.ts';
import { lockUserRow } from '../accounts/repo.ts';
import { exportJsonResume } from '../resume/export.ts';
import { OMITTED_COLUMNS_NOTE, PERSONAL_TABLES, type PersonalTable } from './data-map.ts';
import type { DataExport } from './schema.ts';
import * as repo from './repo.ts';
import { logRequest } from './requests.ts';
import { buildExportJob } from './jobs.ts';

/** A download stays available this long after it is ready; the retention job then deletes it. */
export const EXPORT_LIFETIME_MS = 24 * 3_600_000;
const DAY_MS = 86_400_000;
export const EXPORTS_PER_DAY = 3;
/** A build still `queued` or `building` after this was lost with its worker: it blocks nothing. */
const STALE_BUILD_MS = 3_600_000;

type ExportRow = NonNullable<Awaited<ReturnType<typeof repo.findExportById>>>;

export function toApi(row: ExportRow, now: Date): DataExport {
  const downloadable = row.status === 'ready' && row.expires_at !== null && row.expires_at > now;
  return {
    id: row.id,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    readyAt: row.ready_at?.toISOString() ?? null,
    expiresAt: row.expires_at?.toISOString() ?? null,
    sizeBytes: row.size_bytes,
    files: row.files,
    downloadUrl: downloadable ? `/api/me/export/${row.id}/download` : null,
  };
}

/** Access and portability: one request, one ZIP built in the background. */
export async function requestExport(deps: { db: Db; queue: Pick<JobQueue, 'enqueue'> }, userId: string, meta: { requestId: string; now: Date }) {
  return inTransaction(deps.db, async (trx) => {
    // Serialise per user, so two clicks cannot start two exports.
    await lockUserRow(trx, userId);
    if (await repo.findExportInProgress(trx, userId, new Date(meta.now.getTime() - STALE_BUILD_MS))) {
      throw new AppError('CONFLICT', 'An export is already being prepared: you will get an email when it is ready');
    }
    // Each export reads and decrypts everything: a few a day answer the right without letting
    // one account keep the workers busy.
    if ((await repo.countExportsSince(trx, userId, new Date(meta.now.getTime() - DAY_MS))) >= EXPORTS_PER_DAY) {
      throw new AppError('RATE_LIMITED', `You can request ${EXPORTS_PER_DAY} exports a day: the latest one is in your privacy centre`, { retryAfterSeconds: 3600 });
    }
    const request = await logRequest(trx, { userId, type: 'access', now: meta.now });
    const row = await repo.insertExport(trx, { user_id: userId, request_id: request.id, created_at: meta.now });
    await recordAudit(trx, { chainId: userId, actor: { type: 'user', id: userId }, action: 'export.requested', subject: { type: 'data_export', id: row.id }, ...meta });
    await deps.queue.enqueue(buildExportJob, { exportId: row.id }, { db: trx });
    return toApi(row, meta.now);
  });
}

export async function getExport(db: DbOrTx, userId: string, id: string, now: Date) {
  const row = await repo.findExport(db, userId, id);
  if (!row) throw new AppError('NOT_FOUND', 'Export not found');
  return toApi(row, now);
}

export async function listExports(db: DbOrTx, userId: string, now: Date) {
  return { exports: (await repo.findExports(db, userId, 50)).map((r) => toApi(r, now)) };
}

/**
 * A ready export, decrypted as it is read (chunk by chunk: a large archive is never held whole).
 * Exports written before the chunked format (version 1) read the same way.
 */
export async function openExport(deps: { db: Db; storage: FileStorage; secretBox: SecretBox }, userId: string, id: string, meta: { requestId: string; now: Date }) {
  const row = await repo.findExport(deps.db, userId, id);
  if (!row) throw new AppError('NOT_FOUND', 'Export not found');
  if (row.status === 'expired' || (row.status === 'ready' && row.expires_at && row.expires_at <= meta.now)) {
    throw new AppError('GONE', 'This export has expired and was deleted: request a new one');
  }
  if (row.status === 'failed') throw new AppError('GONE', 'This export could not be built: request a new one');
  if (row.status !== 'ready' || !row.storage_key || !row.wrapped_key) throw new AppError('CONFLICT', 'This export is not ready yet');
  const stream = await openDecrypted(deps.storage, deps.secretBox, { id: row.id, storageKey: row.storage_key, wrappedKey: row.wrapped_key });
  try {
    await recordAudit(deps.db, { chainId: userId, actor: { type: 'user', id: userId }, action: 'export.downloaded', subject: { type: 'data_export', id: row.id }, ...meta });
  } catch (err) {
    stream.destroy(); // nobody will read it: let its file or connection go now
    throw err;
  }
  return { stream, sizeBytes: row.size_bytes, filename: `medfolio-export-${row.created_at.toISOString().slice(0, 10)}.zip` };
}

// --- building the ZIP

async function tableRows(db: DbOrTx, entry: PersonalTable, userId: string) {
  const result = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(entry.table)} WHERE ${sql.ref(entry.owner)} = ${userId}`.execute(db);
  const omit = new Set(entry.omit ?? []);
  return result.rows.map((row) => Object.fromEntries(Object.entries(row).filter(([column]) => !omit.has(column))));
}

/** Keeps a stored filename readable but safe as a ZIP entry name. */
const safeName = (name: string) =>
  name
    .replace(/[^\p{L}\p{N}._ -]+/gu, '_')
    .replace(/^\.+/, '')
    .slice(0, 120) || 'file';

export interface ExportDeps {
  db: Db;
  storage: FileStorage;
  secretBox: SecretBox;
}

/**
 * Everything Medfolio holds about one user: one JSON file per table of the data map (so the
 * export and the erasure can never disagree about what exists), the JSON Resume, the original
 * documents and the generated PDFs decrypted, and a manifest that says what each file is.
 *
 * The ZIP is made as it is read (yazl): each entry is opened only when the archive reaches it
 * (a table is queried, a document streamed from storage through decryption) and read at the
 * reader's pace, so memory is bounded by a chunk and one table whatever the account's size.
 * ZIP64 records are written where sizes or offsets pass 4 GiB, so an account of any size exports
 * to an archive ordinary tools open. `files` is known once the stream has ended.
 */
export function exportArchiveStream(deps: ExportDeps, userId: string, now: Date): { stream: Readable; summary: { files: number } } {
  const summary = { files: 0 };
  const zip = new yazl.ZipFile();
  const output = zip.outputStream as Readable;
  // The entry being read: destroyed with the archive, so a reader that gives up (or a store that
  // fails) lets the document's file or connection go. yazl pipes it without an error listener.
  let current: Readable | undefined;
  const fail = (err: unknown) => output.destroy(err instanceof Error ? err : new Error(String(err)));
  zip.on('error', fail);
  output.once('close', () => current?.destroy());
  const entry = (path: string, compress: boolean, open: () => Promise<Readable>) =>
    zip.addReadStreamLazy(path, { compress, mtime: now }, (give) => {
      open().then((stream) => {
        // Opened after the reader gave up: nobody will read it.
        if (output.destroyed) return void stream.destroy();
        current = stream.once('error', fail);
        try {
          give(null, stream);
        } catch (err) {
          fail(err);
        }
      }, fail);
    });
  const json = (path: string, value: () => Promise<unknown>) => entry(path, true, async () => Readable.from([Buffer.from(`${JSON.stringify(await value(), null, 2)}\n`)]));
  const decrypted = (path: string, file: { id: string; storage_key: string; wrapped_key: string }) =>
    // Stored, not deflated: PDFs and images are compressed already.
    entry(path, false, () => openDecrypted(deps.storage, deps.secretBox, { id: file.id, storageKey: file.storage_key, wrappedKey: file.wrapped_key }));

  async function addEntries() {
    const manifest: Array<{ path: string; table?: string; rows?: number; description: string }> = [];
    for (const table of PERSONAL_TABLES) {
      const listed: (typeof manifest)[number] = { path: table.file, table: table.table, description: `Rows of ${table.table}` };
      manifest.push(listed);
      json(table.file, async () => {
        const rows = await tableRows(deps.db, table, userId);
        listed.rows = rows.length;
        return rows;
      });
    }
    json('resume.json', () => exportJsonResume(deps.db, userId, now));
    manifest.push({ path: 'resume.json', description: 'Your record as JSON Resume (jsonresume.org), to import elsewhere' });

    const documents = await deps.db.selectFrom('documents').select(['id', 'filename', 'storage_key', 'wrapped_key']).where('user_id', '=', userId).orderBy('uploaded_at').execute();
    for (const doc of documents) {
      const path = `documents/files/${doc.id}-${safeName(doc.filename)}`;
      decrypted(path, doc);
      manifest.push({ path, table: 'documents', description: 'An original document you uploaded' });
    }
    const pdfs = await deps.db.selectFrom('cv_pdfs').select(['id', 'storage_key', 'wrapped_key']).where('user_id', '=', userId).orderBy('created_at').execute();
    for (const pdf of pdfs) {
      const path = `cvs/files/${pdf.id}.pdf`;
      decrypted(path, pdf);
      manifest.push({ path, table: 'cv_pdfs', description: 'A CV PDF generated for you' });
    }
    // Opened last, when every table above has been read and counted.
    json('manifest.json', async () => ({
      generatedAt: now.toISOString(),
      format: 'medfolio-export/1',
      notes: [OMITTED_COLUMNS_NOTE, 'Assistant messages are as stored: names and identifiers were redacted before storage.', 'Dates and times are ISO 8601; times are UTC.'],
      files: manifest,
    }));
    summary.files = manifest.length + 1;
    zip.end();
  }
  addEntries().catch(fail);
  return { stream: output, summary };
}

/** Counts the bytes going through. */
function byteCounter() {
  const counted = { bytes: 0 };
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done) {
      counted.bytes += chunk.length;
      done(null, chunk);
    },
  });
  return { stream, counted };
}

/**
 * An export made by an operator for a clinician (`medfolio export`), e.g. a request that came
 * by post: logged in the request log and the clinician's timeline like one made in the app.
 */
export async function exportForOperator(deps: ExportDeps, userId: string, now: Date) {
  // Logged first, as in the app, so the export lists its own request.
  const request = await inTransaction(deps.db, async (trx) => {
    const request = await logRequest(trx, { userId, type: 'access', source: 'admin', now, details: { via: 'cli' } });
    await recordAudit(trx, { chainId: userId, actor: { type: 'admin', id: null }, action: 'export.requested', subject: { type: 'privacy_request', id: request.id }, details: { via: 'cli' }, now });
    return request;
  });
  return {
    ...exportArchiveStream(deps, userId, now),
    /** Call once the stream has been written out. */
    settle: () => repo.settleRequest(deps.db, request.id, { status: 'completed', completed_at: new Date() }),
  };
}

export function buildExportHandler(deps: ExportDeps & { mailer: Mailer; appOrigin: string; now?: () => Date }): JobHandler<z.infer<typeof buildExportJob.payload>> {
  return async ({ exportId }, ctx) => {
    const now = deps.now?.() ?? new Date();
    const row = await repo.findExportById(deps.db, exportId);
    if (!row) throw new PermanentJobError('export no longer exists');
    if (row.status === 'ready' || row.status === 'expired') return;
    await repo.updateExport(deps.db, row.id, { status: 'building' });
    try {
      // ZIP -> count -> encrypt -> storage, as one stream: the archive is never whole in memory.
      const archive = exportArchiveStream(deps, row.user_id, now);
      const { stream: encrypt, wrappedKey } = encryptingStream(deps.secretBox, row.id);
      const counter = byteCounter();
      const key = storageKey('exports', row.user_id, row.id);
      const piping = pipeline(archive.stream, counter.stream, encrypt);
      piping.catch(() => undefined); // awaited below; a failure also reaches the store through `encrypt`
      try {
        await deps.storage.put(key, encrypt);
        await piping;
      } catch (err) {
        // The store failed (or the archive did): stop reading the documents.
        archive.stream.destroy();
        throw err;
      }
      const files = archive.summary.files;
      const sizeBytes = counter.counted.bytes;
      const expiresAt = new Date(now.getTime() + EXPORT_LIFETIME_MS);
      const kept = await inTransaction(deps.db, async (trx) => {
        // The owner's row, held: an erasure that started meanwhile has removed it, and then
        // nothing may be written for them (not even an audit chain under their id).
        const owner = await sql`SELECT 1 FROM users WHERE id = ${row.user_id} FOR KEY SHARE`.execute(trx);
        if (
          !owner.rows.length ||
          !(await repo.updateExport(trx, row.id, { status: 'ready', storage_key: key, wrapped_key: wrappedKey, size_bytes: sizeBytes, files, ready_at: now, expires_at: expiresAt, error: null }))
        )
          return false;
        if (row.request_id) await repo.settleRequest(trx, row.request_id, { status: 'completed', completed_at: now });
        await recordAudit(trx, { chainId: row.user_id, actor: { type: 'system', id: null }, action: 'export.ready', subject: { type: 'data_export', id: row.id }, details: { files, sizeBytes }, now });
        return true;
      });
      if (!kept) {
        await deps.storage.delete(key);
        return;
      }
      ctx.logger.info({ files, sizeBytes }, 'data export ready');
    } catch (err) {
      const last = ctx.attempt >= buildExportJob.attempts || err instanceof PermanentJobError;
      await repo.updateExport(deps.db, row.id, last ? { status: 'failed', error: 'the export could not be built' } : { status: 'queued' });
      if (last && row.request_id) await repo.settleRequest(deps.db, row.request_id, { status: 'failed', completed_at: now });
      throw err;
    }
    // The export is ready whatever happens to the email: the privacy centre shows it too.
    const user = await deps.db.selectFrom('users').select(['name', 'email']).where('id', '=', row.user_id).executeTakeFirst();
    if (!user) return;
    const expires = `${new Date(now.getTime() + EXPORT_LIFETIME_MS).toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' })} UTC`;
    try {
      await deps.mailer.send({ to: user.email, ...(await exportReadyMessage({ name: user.name, privacyUrl: `${deps.appOrigin}/privacy`, expiresAt: expires })) });
    } catch (err) {
      ctx.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'export-ready email failed');
    }
  };
}
