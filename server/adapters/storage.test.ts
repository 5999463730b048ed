import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLocalFileStorage, storageKey, userPrefixes } from './storage.ts';

describe('local file storage', () => {
  const roots: string[] = [];
  afterEach(() => {
    for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
  });

  it('lists every file, or only those under a prefix (one user’s files for erasure)', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'medfolio-files-'));
    roots.push(root);
    const storage = createLocalFileStorage(root);
    await storage.put(storageKey('documents', 'u1', 'a'), Buffer.from('1'));
    await storage.put(storageKey('cvs', 'u1', 'b'), Buffer.from('2'));
    await storage.put(storageKey('documents', 'u2', 'c'), Buffer.from('3'));
    expect((await storage.list()).map((f) => f.key).sort()).toEqual(['cvs/u1/b', 'documents/u1/a', 'documents/u2/c']);
    const mine = [];
    for (const prefix of userPrefixes('u1')) mine.push(...(await storage.list(prefix)).map((f) => f.key));
    expect(mine.sort()).toEqual(['cvs/u1/b', 'documents/u1/a']);
    expect(await storage.list('exports/u1')).toEqual([]);
    expect((await storage.list())[0]!.modifiedAt).toBeInstanceOf(Date);
    await expect(storage.list('../etc')).rejects.toThrow(/invalid storage key/);
  });
});
