import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLocalFileStorage, storageKey, userPrefixes, type FileStorage } from './storage.ts';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startTestS3, type TestS3 } from '../../test/support/s3.ts';

// One contract, two stores: local disk (the embedded default) and an S3-compatible bucket
// (s3rver, a real S3-protocol server, on a random port over a temporary directory).
let s3: TestS3;
beforeAll(async () => {
  s3 = await startTestS3();
});
afterAll(async () => {
  await s3?.close();
});

const roots: string[] = [];
const closers: Array<() => void> = [];
afterEach(() => {
  for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
  for (const close of closers.splice(0)) close();
});

const newLocal = () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'medfolio-files-'));
  roots.push(root);
  return createLocalFileStorage(root);
};
let prefixCount = 0;
const newS3 = (pageSize?: number) => {
  // Each test gets its own "empty" store: a fresh bucket directory would need a new server, so
  // the keys go under a user id no other test uses (see `user` below).
  const storage = s3.storage(pageSize);
  closers.push(storage.close);
  return storage;
};

describe.each([
  { name: 'local disk', create: (_pageSize?: number) => newLocal() },
  { name: 'S3 (s3rver)', create: (pageSize?: number) => newS3(pageSize) },
])('file storage contract: $name', ({ create }) => {
  // User ids unique per test, so the shared bucket never mixes two tests' files.
  const user = (name: string) => `${name}-${++prefixCount}-${Math.random().toString(36).slice(2, 8)}`;
  const keysOf = async (storage: FileStorage, prefix?: string) => (await storage.list(prefix)).map((f) => f.key).sort();

  it('puts, gets and deletes bytes unchanged', async () => {
    const storage = create();
    const u = user('u');
    const key = storageKey('documents', u, 'a');
    const bytes = Buffer.from([0, 1, 2, 255, 254, 10, 13]);
    await storage.put(key, bytes);
    expect((await storage.get(key)).equals(bytes)).toBe(true);
    // Overwrite replaces.
    await storage.put(key, Buffer.from('second'));
    expect((await storage.get(key)).toString()).toBe('second');
    await storage.delete(key);
    expect(await storage.list(`documents/${u}`)).toEqual([]);
    // Deleting what is not there is not an error.
    await storage.delete(key);
  });

  it('rejects a missing key with code ENOENT, as fs.readFile does', async () => {
    const storage = create();
    await expect(storage.get(storageKey('documents', user('u'), 'nope'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('lists every file, or only those under a prefix (one user’s files for erasure)', async () => {
    const storage = create();
    const [u1, u2] = [user('u1'), user('u2')];
    await storage.put(storageKey('documents', u1, 'a'), Buffer.from('1'));
    await storage.put(storageKey('cvs', u1, 'b'), Buffer.from('2'));
    await storage.put(storageKey('documents', u2, 'c'), Buffer.from('3'));
    // A user id that extends another's is not under the other's prefix.
    await storage.put(storageKey('documents', `${u1}0`, 'd'), Buffer.from('4'));
    const all = await keysOf(storage);
    for (const key of [`cvs/${u1}/b`, `documents/${u1}/a`, `documents/${u2}/c`, `documents/${u1}0/d`]) expect(all).toContain(key);
    const mine = [];
    for (const prefix of userPrefixes(u1)) mine.push(...(await keysOf(storage, prefix)));
    expect(mine.sort()).toEqual([`cvs/${u1}/b`, `documents/${u1}/a`]);
    expect(await storage.list(`exports/${u1}`)).toEqual([]);
    const listed = await storage.list(`documents/${u1}`);
    expect(listed[0]!.modifiedAt).toBeInstanceOf(Date);
    expect(Math.abs(listed[0]!.modifiedAt.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('refuses unsafe keys', async () => {
    const storage = create();
    await expect(storage.list('../etc')).rejects.toThrow(/invalid storage key/);
    await expect(storage.put('documents/../x', Buffer.from('1'))).rejects.toThrow(/invalid storage key/);
    await expect(storage.get('Documents/X')).rejects.toThrow(/invalid storage key/);
    await expect(storage.delete('/abs')).rejects.toThrow(/invalid storage key/);
  });

  it('lists past one page (S3: ListObjectsV2 continuation tokens, 2 keys a page)', async () => {
    const storage = create(2);
    const u = user('many');
    const keys = Array.from({ length: 7 }, (_, i) => storageKey('exports', u, `f${i}`));
    for (const key of keys) await storage.put(key, Buffer.from(key));
    expect(await keysOf(storage, `exports/${u}`)).toEqual(keys.sort());
    expect((await keysOf(storage)).filter((k) => k.startsWith(`exports/${u}/`))).toEqual(keys);
  });
});

describe('S3 file storage', () => {
  it('leaves out of its list any object Medfolio could not have written (the orphan sweep never sees it)', async () => {
    const raw = new S3Client({
      endpoint: s3.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: s3.env.S3_ACCESS_KEY_ID!, secretAccessKey: s3.env.S3_SECRET_ACCESS_KEY! },
      forcePathStyle: true,
    });
    closers.push(() => raw.destroy());
    await raw.send(new PutObjectCommand({ Bucket: s3.bucket, Key: 'Backups/Not Ours.txt', Body: 'x' }));
    const storage = newS3(2);
    expect((await storage.list()).map((f) => f.key)).not.toContain('Backups/Not Ours.txt');
  });
});

describe('local file storage', () => {
  it('removes a user’s directory with their last file, and keeps the area directories', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'medfolio-files-'));
    roots.push(root);
    const storage = createLocalFileStorage(root);
    await storage.put(storageKey('documents', 'u1', 'a'), Buffer.from('1'));
    await storage.put(storageKey('documents', 'u1', 'b'), Buffer.from('2'));
    await storage.put(storageKey('documents', 'u2', 'c'), Buffer.from('3'));
    await storage.delete(storageKey('documents', 'u1', 'a'));
    expect(fs.existsSync(path.join(root, 'documents', 'u1'))).toBe(true);
    await storage.delete(storageKey('documents', 'u1', 'b'));
    expect(fs.readdirSync(path.join(root, 'documents'))).toEqual(['u2']);
    await storage.delete(storageKey('documents', 'u2', 'c'));
    expect(fs.readdirSync(root)).toEqual(['documents']);
    expect(fs.readdirSync(path.join(root, 'documents'))).toEqual([]);
    // Deleting what is not there is not an error, and a new file recreates its directory.
    await storage.delete(storageKey('documents', 'u2', 'c'));
    await storage.put(storageKey('documents', 'u2', 'd'), Buffer.from('4'));
    expect((await storage.get(storageKey('documents', 'u2', 'd'))).toString()).toBe('4');
  });
});
