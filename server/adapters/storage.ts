import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Where file bytes live. Callers hand over bytes that are already encrypted (documents) or
 * derived (PDFs); the store never sees plaintext. Local disk under DATA_DIR/files by default;
 * an S3-compatible bucket (server/adapters/s3-storage.ts) when S3_BUCKET is set.
 * `get` of a key that is not there rejects with an error whose code is 'ENOENT' in both.
 */
export interface FileStorage {
  put(key: string, data: Buffer): Promise<void>;
  get(key: string): Promise<Buffer>;
  delete(key: string): Promise<void>;
  /**
   * The files under `prefix` (every file without one), for erasure and orphan sweeps (which
   * leave files younger than an upload alone).
   */
  list(prefix?: string): Promise<StoredFile[]>;
}

/** The kinds of stored file. Each lives under its owner, `<area>/<userId>/<fileId>`: erasure relies on it. */
export const STORAGE_AREAS = ['documents', 'cvs', 'exports'] as const;
export type StorageArea = (typeof STORAGE_AREAS)[number];
export const storageKey = (area: StorageArea, userId: string, fileId: string) => `${area}/${userId}/${fileId}`;
/** Where all of one user's files are. */
export const userPrefixes = (userId: string) => STORAGE_AREAS.map((area) => `${area}/${userId}`);

export interface StoredFile {
  key: string;
  modifiedAt: Date;
}

const SAFE_KEY = /^[a-z0-9][a-z0-9/_-]{0,200}$/;

export const isStorageKey = (key: string) => SAFE_KEY.test(key) && !key.includes('..');

/** Every store accepts only these keys: lower-case letters, digits, `/`, `_` and `-`, no `..`. */
export function checkStorageKey(key: string): string {
  if (!isStorageKey(key)) throw new Error('invalid storage key');
  return key;
}

export function createLocalFileStorage(root: string): FileStorage {
  const pathOf = (key: string) => path.join(root, checkStorageKey(key));
  return {
    async put(key, data) {
      const file = pathOf(key);
      // Write then rename, so a crash never leaves half a file under the final name.
      const tmp = `${file}.tmp-${process.pid}`;
      for (let attempt = 1; ; attempt++) {
        await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
        try {
          await fs.writeFile(tmp, data, { mode: 0o600 });
          await fs.rename(tmp, file);
          return;
        } catch (err) {
          // A delete of the directory's last file removed the directory meanwhile: make it again.
          if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= 3) throw err;
        }
      }
    },
    get: async (key) => fs.readFile(pathOf(key)),
    async delete(key) {
      const file = pathOf(key);
      await fs.rm(file, { force: true });
      // A directory named by a user's id goes with their last file: an erased account leaves no
      // trace of its id on disk (issue 16). The area directories themselves stay.
      for (let dir = path.dirname(file); path.relative(root, dir).includes(path.sep); dir = path.dirname(dir)) {
        try {
          await fs.rmdir(dir);
        } catch {
          break; // not empty (or already gone): its parents are not empty either
        }
      }
    },
    async list(prefix) {
      try {
        const entries = await fs.readdir(prefix ? pathOf(prefix) : root, { recursive: true, withFileTypes: true });
        const files: StoredFile[] = [];
        for (const entry of entries) {
          if (!entry.isFile()) continue;
          const full = path.join(entry.parentPath, entry.name);
          const stat = await fs.stat(full).catch(() => undefined); // deleted meanwhile
          if (stat) files.push({ key: path.relative(root, full), modifiedAt: stat.mtime });
        }
        return files;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw err;
      }
    },
  };
}
