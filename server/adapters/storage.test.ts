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
