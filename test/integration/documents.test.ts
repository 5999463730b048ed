import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { signUp } from '../support/accounts.ts';
import { pdfWith, tinyPng, uploadDocument } from '../support/files.ts';
import { serviceEnv } from '../support/env.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ TRUST_PROXY: 'true' });
});
afterAll(async () => {
  await app?.close();
});

describe('documents', () => {
  it('encrypts uploads at rest and decrypts them on download', async () => {
    const { client, userId } = await signUp(app);
    const secret = 'GMC certificate for Dr Canary Plaintext 7654321';
    const original = pdfWith(secret);
    const res = await uploadDocument(app, client, original, 'gmc-certificate.pdf', { type: 'registration' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ type: 'registration', mimeType: 'application/pdf', filename: 'gmc-certificate.pdf', sizeBytes: original.length });

    const stored = fs.readFileSync(path.join(app.config.dataDir, 'files', 'documents', userId, res.body.id));
    expect(stored.includes(Buffer.from('Canary Plaintext'))).toBe(false);
    expect(stored.includes(Buffer.from('%PDF'))).toBe(false);
    expect(stored.length).toBe(original.length + 15 + 16); // MFE2: header, one chunk's tag

    const download = await fetch(app.url(`/api/documents/${res.body.id}/content`), { headers: { cookie: client.cookieHeader() } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toContain('gmc-certificate.pdf');
    expect(Buffer.from(await download.arrayBuffer()).equals(original)).toBe(true);
  });

  it('refuses files over 10 MB (413) and anything but PDF, PNG or JPEG (415), keeping nothing', async () => {
    const { client, userId } = await signUp(app);
    const big = Buffer.concat([pdfWith('big'), Buffer.alloc(10 * 1024 * 1024 + 1)]);
    expect((await uploadDocument(app, client, big, 'big.pdf')).status).toBe(413);
    const text = await uploadDocument(app, client, Buffer.from('just some text pretending to be a PDF'), 'fake.pdf');
    expect(text.status).toBe(415);
    expect(text.body.error.message).toContain('Only PDF, PNG and JPEG');
    const gif = await uploadDocument(
      app,
      client,
      Buffer.from('GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;', 'latin1'),
      'photo.png',
    );
    expect(gif.status).toBe(415);
    expect(gif.body.error.message).toContain('GIF');
    const json = await client.post('/api/documents', { file: 'x' });
    expect(json.status).toBe(415);
    expect((await client.get('/api/documents')).body.documents).toEqual([]);
    expect(fs.existsSync(path.join(app.config.dataDir, 'files', 'documents', userId))).toBe(false);
  });

  it.skipIf(!serviceEnv.databaseUrl)('keeps the file of a saved document when reading it back fails', async () => {
    const { client } = await signUp(app);
    const original = pdfWith('saved, then the read-back failed');
    // The read-back is the one query of the upload that reads record_documents: hold that table
    // and cancel whatever waits on it.
    const locker = new pg.Client({ connectionString: app.config.database.url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE record_documents IN ACCESS EXCLUSIVE MODE');
      const uploading = uploadDocument(app, client, original, 'cert.pdf', { type: 'registration' });
      let cancelled = 0;
      for (let i = 0; i < 400 && !cancelled; i++) {
        await new Promise((r) => setTimeout(r, 25));
        const waiting = await locker.query(`SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid()`);
        for (const row of waiting.rows) cancelled += (await locker.query('SELECT pg_cancel_backend($1)', [row.pid])).rowCount ?? 0;
      }
      await locker.query('ROLLBACK');
      expect(cancelled).toBeGreaterThan(0);
      expect((await uploading).status).not.toBe(201);
    } finally {
      await locker.end();
    }
    const [document] = (await client.get('/api/documents')).body.documents;
    const download = await fetch(app.url(`/api/documents/${document.id}/content`), { headers: { cookie: client.cookieHeader() } });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(original)).toBe(true);
  });

  it('backs a record: the record becomes document-backed', async () => {
    const { client } = await signUp(app);
    const training = await client.post('/api/training', { name: 'Advanced Life Support (ALS)', completedOn: '2024-02-14' });
    const res = await uploadDocument(app, client, tinyPng(), 'als.png', { type: 'certificate', recordType: 'training', recordId: training.body.id });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ mimeType: 'image/png', links: [{ recordType: 'training', recordId: training.body.id }] });
    const backed = await client.get(`/api/training/${training.body.id}`);
    expect(backed.body).toMatchObject({ evidence: 'document-backed', documentIds: [res.body.id] });

    const other = await signUp(app);
    const foreignPost = await other.client.post('/api/posts', { employer: 'X', title: 'Y', contract: 'bank', startDate: '2024-01-01' });
    expect((await client.post(`/api/documents/${res.body.id}/links`, { recordType: 'post', recordId: foreignPost.body.id })).status).toBe(404);
    expect((await uploadDocument(app, client, tinyPng(), 'x.png', { recordType: 'post', recordId: foreignPost.body.id })).status).toBe(404);

    expect((await client.delete(`/api/documents/${res.body.id}/links/training/${training.body.id}`)).status).toBe(204);
    expect((await client.get(`/api/training/${training.body.id}`)).body.evidence).toBe('self-declared');
    expect((await client.delete(`/api/documents/${res.body.id}`)).status).toBe(204);
    expect((await client.get(`/api/documents/${res.body.id}`)).status).toBe(404);
  });
});

describe('hostile uploads', () => {
  it('keeps UTF-8 file names intact and strips bidirectional overrides from them', async () => {
    const { client } = await signUp(app);
    const res = await uploadDocument(app, client, pdfWith('x'), 'invoice\u202Efdp.exe\u2066.pdf');
    expect(res.status).toBe(201);
    expect(res.body.filename).toBe('invoicefdp.exe.pdf');
    expect((await uploadDocument(app, client, pdfWith('x'), 'Zoë Ó Briain – BLS.pdf')).body.filename).toBe('Zoë Ó Briain – BLS.pdf');
  });

  /**
   * A multipart upload written by hand, so a test can send what a browser never would: a body
   * cut short, a client that vanishes, an endless file. Settles when the request is over (the
   * answer read, or the connection closed by either side).
   */
  const rawUpload = async (client: Awaited<ReturnType<typeof signUp>>['client'], send: (req: http.ClientRequest, head: string) => void, filePrefix = `%PDF-1.4\n${'A'.repeat(64 * 1024)}`) => {
    const csrf = (await client.get('/api/auth/csrf')).body.csrfToken as string;
    const url = new URL(app.url('/api/documents'));
    const boundary = 'medfolio-test-boundary';
    const head = `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="upload.pdf"\r\ncontent-type: application/pdf\r\n\r\n${filePrefix}`;
    return new Promise<{ status: number; body: string }>((resolve) => {
      const req = http.request({
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: {
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'transfer-encoding': 'chunked',
          cookie: client.cookieHeader(),
          origin: client.origin,
          'x-csrf-token': csrf,
          'x-forwarded-for': client.ip ?? '',
        },
      });
      let status = 0;
      let body = '';
      req.on('response', (res) => {
        status = res.statusCode ?? 0;
        res.on('data', (c: Buffer) => (body += c.toString()));
      });
      req.on('error', () => undefined); // the server hung up: expected after a refusal
      req.on('close', () => resolve({ status, body }));
      send(req, head);
    });
  };

  /** Sends the head, then up to 200 MB of file unless the server stops reading first, counting what was sent. */
  const sendEndlessFile = (req: http.ClientRequest, head: string, sent: { bytes: number }) => {
    req.write(head);
    const chunk = Buffer.alloc(256 * 1024, 0x41);
    const pump = () => {
      while (sent.bytes < 200 * 1024 * 1024 && !req.destroyed) {
        sent.bytes += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end('\r\n--medfolio-test-boundary--\r\n');
    };
    pump();
  };

  it('answers 413 to an endless chunked upload and stops reading it', async () => {
    const { client } = await signUp(app);
    const timeout = setTimeout(() => {
      throw new Error('the upload was read to the end');
    }, 60_000).unref();
    const sent = { bytes: 0 };
    const result = await rawUpload(client, (req, head) => sendEndlessFile(req, head, sent), '%PDF-1.4\n');
    clearTimeout(timeout);
    expect(result.status).toBe(413);
    expect(sent.bytes).toBeLessThan(100 * 1024 * 1024);
  });

  it('refuses a file of another type on its first bytes, without reading the rest', async () => {
    const { client, userId } = await signUp(app);
    // Read on, it would meet the size limit (413) before its end.
    const sent = { bytes: 0 };
    const result = await rawUpload(client, (req, head) => sendEndlessFile(req, head, sent), 'GIF89a\x01\x00\x01\x00');
    expect(result.status).toBe(415);
    expect(JSON.parse(result.body).error.message).toContain('GIF');
    expect(sent.bytes).toBeLessThan(100 * 1024 * 1024);
    expect(fs.existsSync(path.join(app.config.dataDir, 'files', 'documents', userId))).toBe(false);
  });

  it('stores an upload as it arrives, not once it has all arrived', async () => {
    const { client, userId } = await signUp(app);
    const dir = path.join(app.config.dataDir, 'files', 'documents', userId);
    const body = Buffer.concat([pdfWith('streamed'), Buffer.alloc(3 * 1024 * 1024, 0x20)]);
    let seenWhileOpen = 0;
    const result = await rawUpload(
      client,
      (req, head) => {
        void (async () => {
          req.write(head);
          req.write(body.subarray(0, 2 * 1024 * 1024));
          // The first part is encrypted into storage while the rest has not been sent.
          for (let i = 0; i < 200 && !seenWhileOpen; i++) {
            await new Promise((r) => setTimeout(r, 25));
            const partial = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.includes('.tmp-')) : [];
            seenWhileOpen = partial.reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
          }
          req.end(Buffer.concat([body.subarray(2 * 1024 * 1024), Buffer.from('\r\n--medfolio-test-boundary--\r\n')]));
        })();
      },
      '',
    );
    expect(result.status).toBe(201);
    expect(seenWhileOpen).toBeGreaterThan(0);
    const id = JSON.parse(result.body).id as string;
    const download = await fetch(app.url(`/api/documents/${id}/content`), { headers: { cookie: client.cookieHeader() } });
    expect(Buffer.from(await download.arrayBuffer()).equals(body)).toBe(true);
  });

  it('answers 422 to a body that ends mid-file, keeps nothing, and keeps serving', async () => {
    const { client, userId } = await signUp(app);
    const res = await rawUpload(client, (req, head) => req.end(head)); // no closing boundary
    expect(res.status).toBe(422);
    expect(JSON.parse(res.body).error.details.issues[0]).toMatchObject({ path: 'body' });
    expect((await fetch(app.url('/api/health'))).status).toBe(200);
    expect((await client.get('/api/documents')).body.documents).toEqual([]);
    expect(fs.existsSync(path.join(app.config.dataDir, 'files', 'documents', userId))).toBe(false);
  });

  it('survives a client that disconnects mid-upload', async () => {
    const { client } = await signUp(app);
    for (let i = 0; i < 3; i++) {
      await rawUpload(client, (req, head) => {
        req.write(head);
        setTimeout(() => req.destroy(), 50);
      });
    }
    await new Promise((r) => setTimeout(r, 200));
    expect((await fetch(app.url('/api/health'))).status).toBe(200);
    expect((await uploadDocument(app, client, pdfWith('after the cut'), 'ok.pdf')).status).toBe(201);
  });
});
