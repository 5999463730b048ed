import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client, type ListObjectsV2CommandOutput } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { Readable } from 'node:stream';
import { checkStorageKey, collectPages, isStorageKey, STORAGE_PAGE_SIZE, type FileStorage, type StoredFile } from './storage.ts';

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
  /** Bytes per part of a streamed upload (S3's minimum, 5 MiB, by default). */
  partSize?: number;
}

/** S3 refuses parts under 5 MiB (except the last). */
const MIN_PART_BYTES = 5 * 1024 * 1024;

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
  const store: FileStorage & { close(): void } = {
    async put(key, data) {
      const Key = checkStorageKey(key);
      if (Buffer.isBuffer(data)) {
        await client.send(new PutObjectCommand({ Bucket, Key, Body: data, ContentLength: data.length }));
        return;
      }
      // A stream of unknown length goes up as a multipart upload, one part in memory at a time
      // (queueSize 1): memory is bounded by the part size whatever the file's. The object
      // appears only when the upload completes; a failed one is aborted, its parts discarded.
      const upload = new Upload({
        client,
        params: { Bucket, Key, Body: data },
        partSize: Math.max(MIN_PART_BYTES, options.partSize ?? MIN_PART_BYTES),
        queueSize: 1,
        leavePartsOnError: false,
      });
      // The source's own error is the one to report, not what aborting the parts answered.
      let sourceError: unknown;
      data.once('error', (err) => (sourceError = err));
      try {
        await upload.done(); // reads the source with for-await, so the source's error fails it
      } catch (err) {
        throw sourceError ?? err;
      }
    },
    async get(key) {
      try {
        const res = await client.send(new GetObjectCommand({ Bucket, Key: checkStorageKey(key) }));
        // In Node the SDK's body is the HTTP response itself: a Readable, read as it arrives.
        if (!(res.Body instanceof Readable)) throw new Error('storage: no readable body');
        return res.Body;
      } catch (err) {
        if (isMissing(err)) throw missingFileError(key);
        throw err;
      }
    },
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: checkStorageKey(key) }));
    },
    async *pages(prefix) {
      // "documents/u1" means the files under that directory, not also "documents/u10/…".
      const Prefix = prefix ? `${checkStorageKey(prefix).replace(/\/+$/, '')}/` : undefined;
      let ContinuationToken: string | undefined;
      do {
        const page: ListObjectsV2CommandOutput = await client.send(new ListObjectsV2Command({ Bucket, Prefix, ContinuationToken, MaxKeys: options.pageSize ?? STORAGE_PAGE_SIZE }));
        const files: StoredFile[] = [];
        for (const object of page.Contents ?? []) {
          // A key Medfolio could not have written is not ours: the orphan sweep must never get it.
          if (object.Key && isStorageKey(object.Key)) files.push({ key: object.Key, modifiedAt: object.LastModified ?? new Date(0) });
        }
        if (files.length) yield files;
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
    },
    list: (prefix) => collectPages(store.pages(prefix)),
    close: () => client.destroy(),
  };
  return store;
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
