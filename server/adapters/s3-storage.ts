import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type ListObjectsV2CommandOutput,
} from '@aws-sdk/client-s3';
import { checkStorageKey, isStorageKey, type FileStorage, type StoredFile } from './storage.ts';

export interface S3StorageOptions {
  /** Unset: AWS itself. Set for MinIO and other S3-compatible stores. */
  endpoint: string | undefined;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `http://host/bucket/key` rather than `http://bucket.host/key` (MinIO and most self-hosted stores). */
  forcePathStyle: boolean;
  /** Keys per ListObjectsV2 page (S3's maximum, 1000, by default); tests make it small to prove paging. */
  pageSize?: number;
}

/**
 * File storage in an S3-compatible bucket, so API and workers on several machines see the same
 * files. Same keys (checkStorageKey) and same behaviour as the local store: `get` of a missing
 * key rejects with code 'ENOENT', deleting a missing key is not an error, and `list(prefix)`
 * returns the files under the directory-like prefix, every page of them.
 *
 * The bucket must be Medfolio's alone: the orphan sweep deletes any file in it that no record
 * points to (keys Medfolio could not have written are left out of `list`, so never touched).
 */
export function createS3FileStorage(options: S3StorageOptions): FileStorage & { close(): void } {
  const client = new S3Client({
    endpoint: options.endpoint,
    region: options.region,
    credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
    forcePathStyle: options.forcePathStyle,
    // Checksums only where S3 requires them: many S3-compatible stores reject the newer
    // default (CRC32 on every request).
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const Bucket = options.bucket;
  return {
    async put(key, data) {
      await client.send(new PutObjectCommand({ Bucket, Key: checkStorageKey(key), Body: data, ContentLength: data.length }));
    },
    async get(key) {
      try {
        const res = await client.send(new GetObjectCommand({ Bucket, Key: checkStorageKey(key) }));
        if (!res.Body) throw new Error(`storage: no body for ${key}`);
        const bytes = await res.Body.transformToByteArray();
        return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      } catch (err) {
        if (isMissing(err)) throw missingFileError(key);
        throw err;
      }
    },
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: checkStorageKey(key) }));
    },
    async list(prefix) {
      // "documents/u1" means the files under that directory, not also "documents/u10/…".
      const Prefix = prefix ? `${checkStorageKey(prefix).replace(/\/+$/, '')}/` : undefined;
      const files: StoredFile[] = [];
      let ContinuationToken: string | undefined;
      do {
        const page: ListObjectsV2CommandOutput = await client.send(
          new ListObjectsV2Command({ Bucket, Prefix, ContinuationToken, MaxKeys: options.pageSize }),
        );
        for (const object of page.Contents ?? []) {
          // A key Medfolio could not have written is not ours: the orphan sweep must never get it.
          if (object.Key && isStorageKey(object.Key)) files.push({ key: object.Key, modifiedAt: object.LastModified ?? new Date(0) });
        }
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
      return files;
    },
    close: () => client.destroy(),
  };
}

const isMissing = (err: unknown) => {
  const e = err as { name?: string; Code?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NoSuchKey' || e.Code === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404;
};

/** The error the local store's fs.readFile gives for a missing file. */
function missingFileError(key: string): NodeJS.ErrnoException {
  const err: NodeJS.ErrnoException = new Error(`ENOENT: no such file in storage, '${key}'`);
  err.code = 'ENOENT';
  err.errno = -2;
  err.syscall = 'open';
  return err;
}
