/**
 * The account export at scale (issue 16): an account with 500 MB of documents (50 PDFs of
 * 10 MB, the upload limit, stored encrypted with a row each, as uploads are) is exported by the real job handler:
 * the ZIP is streamed from storage through decryption, zipping and encryption back into storage.
 * Then the export is read back the way a download reads it (decrypted as a stream) and checked.
 * Uses DATABASE_URL when set, otherwise the embedded PGlite; files on local disk under a
 * temporary directory (S3 streams the same way: see server/adapters/s3-storage.ts).
 *
 * The ZIP read back is checked by Python's zipfile (every entry's CRC); `--mb 4500` makes an
 * archive past 4 GiB, which needs ZIP64 records.
 *
 * Peak RSS is the process's resident memory sampled every 20 ms while the export runs (what the
 * account's build left behind included): goal well under the data size, < 250 MB. The embedded
 * PGlite runs inside this process and holds a few hundred MB of its own, so the figure that
 * measures the export is the one with DATABASE_URL set.
 *   DATABASE_URL=postgres://... npm run bench:export [-- --mb 500]
 */
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { createLocalFileStorage, storageKey } from '../server/adapters/storage.ts';
import { encryptingStream } from '../server/platform/crypto/file-cipher.ts';
import { createMailer } from '../server/adapters/mailer.ts';
import { createSecretBox } from '../server/platform/crypto/secret-box.ts';
import { createLogger } from '../server/platform/logger.ts';
import { openDatabase } from '../server/platform/db/database.ts';
import { migrateToLatest } from '../server/platform/db/migrate.ts';
import { configureAuditKey } from '../server/domains/audit/chain.ts';
import { createVerifiedUser } from '../server/domains/accounts/service.ts';
import { insertDocument } from '../server/domains/documents/repo.ts';
import { buildExportHandler, openExport, requestExport } from '../server/domains/privacy/export.ts';

const { values } = parseArgs({ options: { mb: { type: 'string', default: '500' } } });
const DOCUMENT_MB = 10;
const documents = Math.max(1, Math.round(Number(values.mb) / DOCUMENT_MB));
const logger = createLogger({ level: 'silent' });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medfolio-bench-export-'));
const database = await openDatabase({ url: process.env.DATABASE_URL, poolMax: 4, embeddedDir: path.join(dir, 'db') }, logger);

try {
  await migrateToLatest(database.db, logger);
  const db = database.db;
  const storage = createLocalFileStorage(path.join(dir, 'files'));
  const masterKey = randomBytes(32);
  configureAuditKey(masterKey);
  const secretBox = createSecretBox(masterKey);
  const mailer = createMailer({ smtpUrl: undefined, from: 'Medfolio <no-reply@example.test>', outboxDir: path.join(dir, 'outbox'), logger });
  const now = new Date();
  const userId = (await createVerifiedUser(db, { email: `bench-export-${Date.now()}@example.test`, name: 'Alex Example', password: 'a long bench password 42' }, now))!;

  // The account: documents of random bytes behind a PDF header (random, so nothing compresses),
  // stored as an upload stores them (encrypted, a row each), but written as streams so that
  // building the account does not itself fill the process's memory before the export runs.
  for (let i = 0; i < documents; i++) {
    const id = randomUUID();
    const key = storageKey('documents', userId, id);
    const { stream: encrypt, wrappedKey } = encryptingStream(secretBox, id);
    const hash = createHash('sha256');
    const size = DOCUMENT_MB * 1024 * 1024;
    const source = Readable.from(
      (function* () {
        for (let at = 0; at < size; at += 64 * 1024) {
          const chunk = at === 0 ? Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(64 * 1024 - 9)]) : randomBytes(Math.min(64 * 1024, size - at));
          hash.update(chunk);
          yield chunk;
        }
      })(),
    );
    await Promise.all([pipeline(source, encrypt), storage.put(key, encrypt)]);
    await insertDocument(db, {
      id,
      user_id: userId,
      type: 'other',
      filename: `certificate-${i}.pdf`,
      mime_type: 'application/pdf',
      size_bytes: size,
      sha256: hash.digest('hex'),
      storage_key: key,
      wrapped_key: wrappedKey,
      uploaded_at: now,
    });
  }
  const totalMb = documents * DOCUMENT_MB;

  // The export, by the job's own handler; the queue is not needed to run it once.
  const row = await requestExport({ db, queue: { enqueue: async () => undefined } as never }, userId, { requestId: 'bench', now });
  globalThis.gc?.();
  const before = process.memoryUsage.rss();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  const started = performance.now();
  await buildExportHandler({ db, storage, secretBox, mailer, appOrigin: 'http://localhost' })({ exportId: row.id }, { jobId: 'bench', attempt: 1, logger });
  const seconds = (performance.now() - started) / 1000;

  // Read back as a download would: decrypted as a stream, every chunk authenticated.
  const opened = await openExport({ db, storage, secretBox }, userId, row.id, { requestId: 'bench', now: new Date() });
  let read = 0;
  const zipPath = path.join(dir, 'export.zip');
  const copy = fs.createWriteStream(zipPath);
  await pipeline(opened.stream, new Writable({ write: (chunk: Buffer, _enc, done) => ((read += chunk.length), copy.write(chunk) ? done() : copy.once('drain', () => done())) }));
  await new Promise((resolve) => copy.end(resolve));
  clearInterval(sampler);
  if (read !== opened.sizeBytes) throw new Error(`export read back as ${read} bytes, stored as ${opened.sizeBytes}`);
  if (read < totalMb * 1024 * 1024) throw new Error('the export is smaller than its documents');

  // An independent reader (Python's zipfile, ZIP64-aware) lists the archive and checks every CRC.
  const checked = spawnSync('python3', ['-c', 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); bad = z.testzip(); print(len(z.namelist()), bad or "ok")', zipPath], { encoding: 'utf8' });
  const zipCheck = checked.error ? 'not checked (no python3)' : checked.status === 0 ? `zipfile lists ${checked.stdout.trim()}` : `zipfile FAILED: ${checked.stderr.trim().split('\n').pop()}`;
  if (checked.status !== 0 && !checked.error) throw new Error(zipCheck);
  console.log(`export: ZIP ${(read / 1024 / 1024).toFixed(0)} MB (${documents} documents), read back and authenticated, ${zipCheck}; RSS ${Math.round(before / 1024 / 1024)} MB before the export`);
  if (database.mode !== 'postgres') console.log('export: on the embedded database, whose own memory is in this process: set DATABASE_URL to measure the export alone');
  console.log(`export: ${totalMb} MB in ${seconds.toFixed(1)} s, peak RSS ${Math.round(peak / 1024 / 1024)} MB`);
} finally {
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
