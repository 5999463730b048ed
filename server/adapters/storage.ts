import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';

/**
 * Where file bytes live. Callers hand over bytes that are already encrypted (documents) or
 * derived (PDFs); the store never sees plaintext. Local disk under DATA_DIR/files by default;
 * an S3-compatible bucket (server/adapters/s3-storage.ts) when S3_BUCKET is set.
 * `get` of a key that is not there rejects with an error whose code is 'ENOENT' in both.
 */
export interface FileStorage {
  /**
   * Stores the bytes under `key`, replacing what was there. A stream is written as it comes
   * (a file of any size in bounded memory); one that fails part-way leaves nothing under the key.
   */
  put(key: string, data: Buffer | Readable): Promise<void>;
  /** The bytes as a stream; a missing key rejects (before any byte) with code 'ENOENT'. */
  get(key: string): Promise<Readable>;
  delete(key: string): Promise<void>;
  /**
   * The files under `prefix` (every file without one), a page at a time, so a sweep over the
   * whole store never holds its whole listing. Deleting files of a page already returned is safe.
   */
  pages(prefix?: string): AsyncIterable<StoredFile[]>;
  /** Every file under `prefix` at once: for one user's files (erasure), never the whole store. */
  list(prefix?: string): Promise<StoredFile[]>;
  /**
   * Removes what writes cut short by a crash left behind (last changed before `before`), which
   * `pages()` never shows; returns how many. Local disk only: an S3 bucket expires unfinished
   * multipart uploads by its lifecycle rule (AbortIncompleteMultipartUpload, see README).
   */
  sweepUnfinishedWrites?(before: Date): Promise<number>;
}

/** Files per page of `pages()` (S3's own maximum for one ListObjectsV2 call). */
export const STORAGE_PAGE_SIZE = 1000;

/** A stored file's bytes held whole, for the small ones (a CV's PDF) that are used whole. */
export async function getBytes(storage: FileStorage, key: string): Promise<Buffer> {
  return buffer(await storage.get(key));
}

/** `list` made from `pages`, the same in every store. */
export async function collectPages(pages: AsyncIterable<StoredFile[]>): Promise<StoredFile[]> {
  const files: StoredFile[] = [];
  for await (const page of pages) files.push(...page);
  return files;
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

const TEMP_SUFFIX_BYTES = 6;
const TEMP_NAME = new RegExp(`\\.tmp-[0-9a-f]{${TEMP_SUFFIX_BYTES * 2}}$`);

export function createLocalFileStorage(root: string, options: { pageSize?: number } = {}): FileStorage {
  const pathOf = (key: string) => path.join(root, checkStorageKey(key));

  /**
   * A directory named by a user's id goes with their last file: an erased account leaves no
   * trace of its id on disk (issue 16). The area directories themselves stay.
   */
  async function removeWithEmptyParents(file: string) {
    await fs.rm(file, { force: true });
    for (let dir = path.dirname(file); path.relative(root, dir).includes(path.sep); dir = path.dirname(dir)) {
      try {
        await fs.rmdir(dir);
      } catch {
        break; // not empty (or already gone): its parents are not empty either
      }
    }
  }
  /**
   * Opens a new file, making its directories. Opened before any byte is read, so a delete of a
   * directory's last file that removes the directory meanwhile is met by making it again, and
   * once the file exists its directory cannot be removed under it.
   */
  async function openCreatingDirectories(file: string) {
    for (let attempt = 1; ; attempt++) {
      await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      try {
        return await fs.open(file, 'wx', 0o600);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= 3) throw err;
      }
    }
  }
  const pageSize = options.pageSize ?? STORAGE_PAGE_SIZE;

  /** Depth first, one directory handle open per level: memory bounded by the depth, not the count. */
  async function* walk(dir: string): AsyncGenerator<string> {
    let handle;
    try {
      handle = await fs.opendir(dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return; // never made, or emptied and removed meanwhile
      throw err;
    }
    for await (const entry of handle) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) yield* walk(full);
      else if (entry.isFile()) yield full;
    }
  }

  const store: FileStorage = {
    async put(key, data) {
      const file = pathOf(key);
      // Write then rename, so a crash or a failed stream never leaves a file under the final
      // name. The temporary name is not a storage key, so listings never show it.
      const tmp = `${file}.tmp-${randomBytes(TEMP_SUFFIX_BYTES).toString('hex')}`;
      const handle = await openCreatingDirectories(tmp);
      try {
        if (Buffer.isBuffer(data)) await handle.writeFile(data).finally(() => handle.close());
        else await pipeline(data, handle.createWriteStream()); // closes the handle, done or failed
        await fs.rename(tmp, file);
      } catch (err) {
        // Nothing of a failed write stays: neither the partial file nor a directory it made.
        await removeWithEmptyParents(tmp);
        throw err;
      }
    },
    async get(key) {
      // Opened first, so a missing file rejects here rather than failing the stream later.
      const handle = await fs.open(pathOf(key), 'r');
      return handle.createReadStream();
    },
    async delete(key) {
      await removeWithEmptyParents(pathOf(key));
    },
    async *pages(prefix) {
      let page: StoredFile[] = [];
      for await (const full of walk(prefix ? pathOf(prefix) : root)) {
        const key = path.relative(root, full);
        if (!isStorageKey(key)) continue; // a write under way (its temporary name), or not ours
        const stat = await fs.stat(full).catch(() => undefined); // deleted meanwhile
        if (!stat) continue;
        page.push({ key, modifiedAt: stat.mtime });
        if (page.length >= pageSize) {
          yield page;
          page = [];
        }
      }
      if (page.length) yield page;
    },
    list: (prefix) => collectPages(store.pages(prefix)),
    async sweepUnfinishedWrites(before) {
      let removed = 0;
      for await (const full of walk(root)) {
        if (!TEMP_NAME.test(full)) continue;
        // A write still under way keeps changing its file: only one idle since `before` is dead.
        const stat = await fs.stat(full).catch(() => undefined);
        if (!stat || stat.mtime > before) continue;
        await removeWithEmptyParents(full);
        removed++;
      }
      return removed;
    },
  };
  return store;
}
