import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { startTestS3, type TestS3 } from '../support/s3.ts';
import { signUp } from '../support/accounts.ts';
import { pdfWith, uploadDocument } from '../support/files.ts';
import { getBytes, storageKey } from '../../server/adapters/storage.ts';

// The app with S3_* set keeps its files in the bucket (here s3rver, a real S3-protocol server).
let s3: TestS3;
let app: TestApp;
const closers: Array<() => void> = [];
beforeAll(async () => {
  s3 = await startTestS3();
  app = await startTestApp({ TRUST_PROXY: 'true', ...s3.env });
});
afterAll(async () => {
  for (const close of closers) close();
  await app?.close();
  await s3?.close();
});

describe('documents in an S3 bucket', () => {
  it('stores the upload encrypted in the bucket, not on local disk, and downloads it decrypted', async () => {
    expect(app.config.s3).toMatchObject({ endpoint: s3.endpoint, bucket: s3.bucket, forcePathStyle: true });
    const { client, userId } = await signUp(app);
    const original = pdfWith('GMC certificate for Dr Canary Plaintext 7654321');
    const res = await uploadDocument(app, client, original, 'gmc-certificate.pdf', { type: 'registration' });
    expect(res.status).toBe(201);

    const bucket = s3.storage();
    closers.push(bucket.close);
    const key = storageKey('documents', userId, res.body.id);
    expect((await bucket.list(`documents/${userId}`)).map((f) => f.key)).toEqual([key]);
    const stored = await getBytes(bucket, key);
    expect(stored.includes(Buffer.from('Canary Plaintext'))).toBe(false);
    expect(stored.includes(Buffer.from('%PDF'))).toBe(false);
    // Chunked format: a 15-byte header and a 16-byte tag per 64 KiB chunk (one, here).
    expect(stored.subarray(0, 4).toString()).toBe('MFE2');
    expect(stored.length).toBe(original.length + 15 + 16);
    expect(fs.existsSync(path.join(app.config.dataDir, 'files', 'documents', userId))).toBe(false);

    const download = await fetch(app.url(`/api/documents/${res.body.id}/content`), { headers: { cookie: client.cookieHeader() } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await download.arrayBuffer()).equals(original)).toBe(true);

    // Deleting the document deletes the object.
    expect((await client.delete(`/api/documents/${res.body.id}`)).status).toBe(204);
    expect(await bucket.list(`documents/${userId}`)).toEqual([]);
    await expect(bucket.get(key)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
