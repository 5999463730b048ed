import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { createLocalFileStorage, getBytes, storageKey, userPrefixes, type FileStorage } from './storage.ts';
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

const newLocal = (pageSize?: number) => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'medfolio-files-'));
  roots.push(root);
  return createLocalFileStorage(root, pageSize ? { pageSize } : {});
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
  { name: 'local disk', create: (pageSize?: number) => newLocal(pageSize) },
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
    expect((await getBytes(storage, key)).equals(bytes)).toBe(true);
    // Overwrite replaces.
    await storage.put(key, Buffer.from('second'));
    expect((await getBytes(storage, key)).toString()).toBe('second');
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
    // Page by page, never more than a page at once; deleting what a page returned is safe.
    const seen: string[] = [];
    for await (const page of storage.pages(`exports/${u}`)) {
      expect(page.length).toBeLessThanOrEqual(2);
      for (const file of page) {
        seen.push(file.key);
        await storage.delete(file.key);
      }
    }
    expect(seen.sort()).toEqual(keys);
    expect(await storage.list(`exports/${u}`)).toEqual([]);
  });

  it('streams a file in and out: more than one S3 part, read back unchanged', async () => {
    const storage = create();
    const key = storageKey('exports', user('big'), 'f');
    // 12 MiB in 64 KiB pieces: three 5 MiB parts for S3, and never held whole by the store.
    const piece = (i: number) => Buffer.alloc(64 * 1024, i % 251);
    const pieces = 12 * 16;
    await storage.put(
      key,
      Readable.from(
        (function* () {
          for (let i = 0; i < pieces; i++) yield piece(i);
        })(),
      ),
    );
    let at = 0;
    let same = true;
    for await (const chunk of await storage.get(key)) {
      const part = chunk as Buffer;
      for (let i = 0; i < part.length; i += 4096) if (part[i] !== Math.floor((at + i) / (64 * 1024)) % 251) same = false;
      at += part.length;
    }
    expect(at).toBe(pieces * 64 * 1024);
    expect(same).toBe(true);
  });

  it('leaves nothing under the key when the stream fails part-way (and keeps what was there)', async () => {
    const storage = create();
    const u = user('fail');
    const failing = () =>
      Readable.from(
        (async function* () {
          yield Buffer.alloc(6 * 1024 * 1024, 1); // past one S3 part
          throw new Error('client went away');
        })(),
      );
    const fresh = storageKey('documents', u, 'new');
    await expect(storage.put(fresh, failing())).rejects.toThrow(/client went away/);
    await expect(storage.get(fresh)).rejects.toMatchObject({ code: 'ENOENT' });
    const kept = storageKey('documents', u, 'kept');
    await storage.put(kept, Buffer.from('before'));
    await expect(storage.put(kept, failing())).rejects.toThrow(/client went away/);
    expect((await getBytes(storage, kept)).toString()).toBe('before');
    expect((await storage.list(`documents/${u}`)).map((f) => f.key)).toEqual([kept]);
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
    expect((await getBytes(storage, storageKey('documents', 'u2', 'd'))).toString()).toBe('4');
  });

  it('leaves no directory behind for a first write that failed (a refused upload keeps no trace of its user)', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'medfolio-files-'));
    roots.push(root);
    const storage = createLocalFileStorage(root);
    const failing = Readable.from(
      (async function* () {
        yield Buffer.from('%PDF-1.4');
        throw new Error('refused');
      })(),
    );
    await expect(storage.put(storageKey('documents', 'u1', 'a'), failing)).rejects.toThrow(/refused/);
    expect(fs.readdirSync(root)).toEqual(['documents']);
    expect(fs.readdirSync(path.join(root, 'documents'))).toEqual([]);
  });

  it('writes while another write of the same user fails and takes their directory with it', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'medfolio-files-'));
    roots.push(root);
    const storage = createLocalFileStorage(root);
    const failing = () =>
      Readable.from(
        (async function* () {
          yield Buffer.from('x');
          throw new Error('refused');
        })(),
      );
    const writes = Array.from({ length: 40 }, (_, i) =>
      i % 2 ? storage.put(storageKey('documents', 'u1', `f${i}`), failing()) : storage.put(storageKey('documents', 'u1', `k${i}`), Readable.from([Buffer.from(`${i}`)])),
    );
    const results = await Promise.allSettled(writes);
    expect(results.filter((r, i) => i % 2 === 0 && r.status === 'rejected')).toEqual([]);
    expect((await storage.list('documents/u1')).map((f) => f.key).sort()).toEqual(Array.from({ length: 20 }, (_, i) => storageKey('documents', 'u1', `k${i * 2}`)).sort());
  });

  it('sweeps what a write cut short by a crash left behind, once it has been idle long enough, and nothing else', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'medfolio-files-'));
    roots.push(root);
    const storage = createLocalFileStorage(root);
    const kept = storageKey('documents', 'u1', 'kept');
    await storage.put(kept, Buffer.from('1'));
    // What a process killed mid-put leaves: the temporary name beside the key, never renamed.
    const dead = path.join(root, 'documents', 'u2', 'gone.tmp-0123456789ab');
    const live = path.join(root, 'documents', 'u1', 'writing.tmp-ba9876543210');
    fs.mkdirSync(path.dirname(dead), { recursive: true });
    fs.writeFileSync(dead, 'half');
    fs.writeFileSync(live, 'half');
    const dayAgo = new Date(Date.now() - 25 * 3_600_000);
    fs.utimesSync(dead, dayAgo, dayAgo);
    expect((await storage.list()).map((f) => f.key)).toEqual([kept]);

    expect(await storage.sweepUnfinishedWrites!(new Date(Date.now() - 24 * 3_600_000))).toBe(1);
    expect(fs.existsSync(dead)).toBe(false);
    expect(fs.existsSync(path.join(root, 'documents', 'u2'))).toBe(false); // nor its user's directory
    expect(fs.existsSync(live)).toBe(true); // a write under way
    expect((await getBytes(storage, kept)).toString()).toBe('1');
  });
});
