import { createCipheriv, createHash, randomBytes, randomUUID } from 'node:crypto';
import { type Readable, Transform } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { unzipSync } from 'fflate';
import { startTestApp, type TestApp } from '../support/app.ts';
import { signUp } from '../support/accounts.ts';
import { uploadDocument } from '../support/files.ts';
import { waitFor } from '../support/wait.ts';
import { getBytes, type FileStorage } from '../../server/adapters/storage.ts';
import { decryptFile } from '../../server/platform/crypto/file-cipher.ts';
import { buildExportHandler, exportArchiveStream } from '../../server/domains/privacy/export.ts';

// The account export is streamed (issue 16): documents go from storage through decryption into
// the ZIP, and the ZIP through encryption back into storage, a chunk at a time; the download
// decrypts as it sends. Three documents of almost 10 MB (the upload limit) make 30 MB.
let app: TestApp;
const db = () => app.server.platform.database.db;

beforeAll(async () => {
  app = await startTestApp({ TRUST_PROXY: 'true' });
});
afterAll(async () => {
  await app?.close();
});

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
/** Random bytes behind a PDF header: uploads are sniffed, and nothing here compresses. */
const randomPdf = (bytes: number) => Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(bytes - 9)]);

async function download(client: { cookieHeader(): string }, url: string) {
  const res = await fetch(app.url(url), { headers: { cookie: client.cookieHeader() } });
  return { status: res.status, length: res.headers.get('content-length'), data: new Uint8Array(await res.arrayBuffer()) };
}

describe('account export as a stream', () => {
  it('exports 30 MB of documents chunk by chunk, and the download unzips to the same bytes', { timeout: 120_000 }, async () => {
    const { client } = await signUp(app);
    const originals = new Map<string, string>();
    for (let i = 0; i < 3; i++) {
      const data = randomPdf(10 * 1024 * 1024 - 4096);
      const res = await uploadDocument(app, client, data, `scan-${i}.pdf`, { type: 'certificate' });
      expect(res.status).toBe(201);
      originals.set(res.body.id, sha256(data));
    }

    // The handler over a store that watches the traffic: with the archive built in memory, every
    // document would be read before the first byte of the export is written, and written whole.
    const { storage, secretBox, mailer, logger } = app.server.platform;
    const events: string[] = [];
    let largestWrite = 0;
    const watching: FileStorage = {
      ...storage,
      async get(key) {
        if (key.startsWith('documents/')) events.push('document opened');
        return storage.get(key);
      },
      async put(key, data) {
        if (Buffer.isBuffer(data)) return storage.put(key, data);
        // A tap between the two, so every chunk still reaches the store (at the store's pace).
        const tap = new Transform({
          transform(chunk: Buffer, _enc, done) {
            if (!largestWrite) events.push('export bytes written');
            largestWrite = Math.max(largestWrite, chunk.length);
            done(null, chunk);
          },
        });
        data.once('error', (err) => tap.destroy(err));
        return storage.put(key, data.pipe(tap));
      },
    };
    const started = await client.post('/api/me/export');
    expect(started.status).toBe(202);
    const exportId = started.body.id as string;
    // The app's own worker may take the job first: wait for it, then build it again here.
    await waitFor('export settled', async () => ['ready', 'failed'].includes((await client.get(`/api/me/export/${exportId}`)).body.status), 60_000);
    await sql`UPDATE data_exports SET status = 'queued' WHERE id = ${exportId}`.execute(db());
    await buildExportHandler({ db: db(), storage: watching, secretBox, mailer, appOrigin: app.config.appOrigin })({ exportId }, { jobId: randomUUID(), attempt: 1, logger });

    expect(events.filter((e) => e === 'document opened')).toHaveLength(3);
    expect(events.indexOf('export bytes written')).toBeGreaterThan(-1);
    expect(events.indexOf('export bytes written')).toBeLessThan(events.lastIndexOf('document opened'));
    // Cipher chunks (64 KiB and a tag), never the archive whole.
    expect(largestWrite).toBeGreaterThan(0);
    expect(largestWrite).toBeLessThanOrEqual(1024 * 1024);

    const row = await db().selectFrom('data_exports').selectAll().where('id', '=', exportId).executeTakeFirstOrThrow();
    expect(row.status).toBe('ready');
    const stored = await getBytes(storage, row.storage_key!);
    expect(stored.subarray(0, 4).toString()).toBe('MFE2');

    const zip = await download(client, `/api/me/export/${exportId}/download`);
    expect(zip.status).toBe(200);
    expect(zip.length).toBe(String(row.size_bytes));
    expect(zip.data.length).toBe(row.size_bytes);
    expect(zip.data.length).toBeGreaterThan(30 * 1024 * 1024 - 3 * 4096);
    const files = unzipSync(zip.data);
    const documents = Object.entries(files).filter(([name]) => name.startsWith('documents/files/'));
    expect(documents).toHaveLength(3);
    for (const [name, data] of documents) expect(sha256(data)).toBe(originals.get(name.slice('documents/files/'.length, 'documents/files/'.length + 36)));
    const manifest = JSON.parse(Buffer.from(files['manifest.json']!).toString());
    expect(manifest.files.filter((f: { path: string }) => f.path.startsWith('documents/files/'))).toHaveLength(3);

    // An export written before the chunked format (version 1: one GCM message) still downloads.
    const plaintext = decryptFile(secretBox, row.id, row.wrapped_key!, stored);
    const dataKey = randomBytes(32);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', dataKey, iv);
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    await storage.put(row.storage_key!, Buffer.concat([Buffer.from('MFE1'), iv, cipher.getAuthTag(), body]));
    await db()
      .updateTable('data_exports')
      .set({ wrapped_key: secretBox.seal(dataKey, `file:${row.id}`) })
      .where('id', '=', row.id)
      .execute();
    const old = await download(client, `/api/me/export/${exportId}/download`);
    expect(old.status).toBe(200);
    expect(sha256(old.data)).toBe(sha256(zip.data));
  });

  it('fails the build, not the process, when a document cannot be decrypted mid-archive; the next attempt is clean', { timeout: 60_000 }, async () => {
    const { client } = await signUp(app);
    const pdf = randomPdf(512 * 1024);
    const uploaded = await uploadDocument(app, client, pdf, 'scan.pdf', { type: 'certificate' });
    expect(uploaded.status).toBe(201);
    const started = await client.post('/api/me/export');
    const exportId = started.body.id as string;
    await waitFor('export settled', async () => ['ready', 'failed'].includes((await client.get(`/api/me/export/${exportId}`)).body.status), 60_000);
    const doc = await db().selectFrom('documents').selectAll().where('id', '=', uploaded.body.id).executeTakeFirstOrThrow();
    const { storage, secretBox, mailer, logger } = app.server.platform;
    const original = Buffer.from(await getBytes(storage, doc.storage_key));
    const damaged = Buffer.from(original);
    damaged[15 + 3 * (64 * 1024 + 16) + 10]! ^= 1; // inside the fourth chunk: the archive has begun
    await storage.put(doc.storage_key, damaged);
    await sql`UPDATE data_exports SET status = 'queued' WHERE id = ${exportId}`.execute(db());
    const build = buildExportHandler({ db: db(), storage, secretBox, mailer, appOrigin: app.config.appOrigin });
    await expect(build({ exportId }, { jobId: randomUUID(), attempt: 1, logger })).rejects.toThrow();
    expect((await client.get(`/api/me/export/${exportId}`)).body.status).toBe('queued'); // retried later

    await storage.put(doc.storage_key, original);
    await build({ exportId }, { jobId: randomUUID(), attempt: 2, logger });
    const zip = await download(client, `/api/me/export/${exportId}/download`);
    const [, data] = Object.entries(unzipSync(zip.data)).find(([name]) => name.startsWith('documents/files/'))!;
    expect(sha256(data)).toBe(sha256(pdf));
  });

  it('closes a document opened after the reader gave up (a failed store leaks no file or connection)', async () => {
    const { client, userId } = await signUp(app);
    expect((await uploadDocument(app, client, randomPdf(64 * 1024), 'scan.pdf', { type: 'certificate' })).status).toBe(201);
    const { storage, secretBox } = app.server.platform;
    let release!: () => void;
    let asked!: () => void;
    const opening = new Promise<void>((resolve) => (release = resolve));
    const reached = new Promise<void>((resolve) => (asked = resolve));
    const opened: Readable[] = [];
    const slow: FileStorage = {
      ...storage,
      async get(key) {
        if (!key.startsWith('documents/')) return storage.get(key);
        asked();
        await opening; // the store is slow to answer while the reader gives up
        const stream = await storage.get(key);
        opened.push(stream);
        return stream;
      },
    };
    const archive = exportArchiveStream({ db: db(), storage: slow, secretBox }, userId, new Date());
    archive.stream.on('error', () => undefined);
    archive.stream.resume();
    await reached; // the tables are zipped; the document is being opened
    archive.stream.destroy();
    release();
    await waitFor('the late document closed', async () => (opened.length && opened.every((s) => s.destroyed) ? true : undefined), 10_000);
  });

  it('records the size of an export past 2 GiB (a 64-bit column; the archive writes ZIP64 where needed)', async () => {
    const { client } = await signUp(app);
    const started = await client.post('/api/me/export');
    const exportId = started.body.id as string;
    await waitFor('export settled', async () => (await client.get(`/api/me/export/${exportId}`)).body.status === 'ready', 60_000);
    const large = 5 * 1024 ** 3;
    await db().updateTable('data_exports').set({ size_bytes: large }).where('id', '=', exportId).execute();
    expect((await client.get(`/api/me/export/${exportId}`)).body.sizeBytes).toBe(large);
  });

  it('cuts a download short rather than send bytes after a damaged chunk', { timeout: 60_000 }, async () => {
    const { client } = await signUp(app);
    const data = randomPdf(512 * 1024);
    const res = await uploadDocument(app, client, data, 'scan.pdf', { type: 'certificate' });
    expect(res.status).toBe(201);
    const row = await db().selectFrom('documents').selectAll().where('id', '=', res.body.id).executeTakeFirstOrThrow();
    const { storage } = app.server.platform;
    const stored = Buffer.from(await getBytes(storage, row.storage_key));
    stored[15 + 3 * (64 * 1024 + 16) + 10]! ^= 1; // inside the fourth chunk
    await storage.put(row.storage_key, stored);
    const download = await fetch(app.url(`/api/documents/${row.id}/content`), { headers: { cookie: client.cookieHeader() } });
    expect(download.status).toBe(200); // the first chunks were good and went out
    await expect(download.arrayBuffer()).rejects.toThrow();
  });
});
