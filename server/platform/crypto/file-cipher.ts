import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import type { FileStorage } from '../../adapters/storage.ts';
import type { SecretBox } from './secret-box.ts';

/**
 * Envelope encryption for stored files: each file has its own random AES-256-GCM data key;
 * the data key is sealed with the master key (bound to the file's id) and kept in the database,
 * the ciphertext in storage.
 *
 * Version 2 (written now) is chunked, so a file of any size is encrypted and decrypted as a
 * stream in bounded memory:
 *
 *   "MFE2" | chunk size (uint32 BE) | nonce prefix (7 random bytes)
 *   then chunks: ciphertext (chunk size bytes; the last one 0..chunk size) | tag (16)
 *
 * Chunk i's nonce is prefix | i (uint32 BE) | final flag (1 byte), and the header is every
 * chunk's additional data. So a chunk moved elsewhere fails its tag (its index is wrong), a file
 * cut at a chunk boundary fails (its new last chunk was not sealed as final), and a header
 * changed fails everywhere. Plaintext leaves a chunk only after that chunk is authenticated.
 *
 * Version 1 ("MFE1" | iv (12) | tag (16) | ciphertext, one GCM message) is still read: files
 * written before version 2 were all small enough to hold whole.
 */
const MAGIC_V1 = Buffer.from('MFE1');
const MAGIC_V2 = Buffer.from('MFE2');
const HEADER_V2 = 4 + 4 + 7;
const TAG = 16;
export const FILE_CHUNK_BYTES = 64 * 1024;
/** A header may not ask the reader to hold more than this per chunk. */
const MAX_CHUNK_BYTES = 16 * 1024 * 1024;

const aad = (fileId: string) => `file:${fileId}`;
type Emit = (part: Buffer) => void;
const damaged = () => new Error('encrypted file is damaged, cut short or reordered');

function chunkNonce(prefix: Buffer, index: number, final: boolean): Buffer {
  const nonce = Buffer.alloc(12);
  prefix.copy(nonce, 0);
  nonce.writeUInt32BE(index, 7);
  nonce[11] = final ? 1 : 0;
  return nonce;
}

function sealChunk(key: Buffer, header: Buffer, prefix: Buffer, index: number, final: boolean, plaintext: Buffer): Buffer[] {
  const cipher = createCipheriv('aes-256-gcm', key, chunkNonce(prefix, index, final));
  cipher.setAAD(header);
  return [cipher.update(plaintext), cipher.final(), cipher.getAuthTag()];
}

function openChunk(key: Buffer, header: Buffer, prefix: Buffer, index: number, final: boolean, sealed: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, chunkNonce(prefix, index, final));
  decipher.setAAD(header);
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG)), decipher.final()]);
  } catch {
    throw damaged();
  }
}

/** Seals plaintext as it comes; its chunk boundaries are its own, so input of any shape gives the same file. */
class Sealer {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private index = 0;
  private readonly header = Buffer.alloc(HEADER_V2);
  private readonly prefix = randomBytes(7);
  private started = false;

  constructor(
    private readonly key: Buffer,
    private readonly chunkBytes: number,
  ) {
    MAGIC_V2.copy(this.header, 0);
    this.header.writeUInt32BE(chunkBytes, 4);
    this.prefix.copy(this.header, 8);
  }

  update(data: Buffer, emit: Emit): void {
    if (!this.started) emit(this.header);
    this.started = true;
    this.pending.push(data);
    this.pendingBytes += data.length;
    // Strictly more than a chunk: the last chunk is sealed as final, so one is always held back.
    if (this.pendingBytes > this.chunkBytes) {
      const all = Buffer.concat(this.pending);
      let at = 0;
      for (; all.length - at > this.chunkBytes; at += this.chunkBytes) {
        for (const part of sealChunk(this.key, this.header, this.prefix, this.index++, false, all.subarray(at, at + this.chunkBytes))) emit(part);
      }
      this.pending = [all.subarray(at)];
      this.pendingBytes = all.length - at;
    }
  }

  final(emit: Emit): void {
    this.update(Buffer.alloc(0), emit);
    for (const part of sealChunk(this.key, this.header, this.prefix, this.index, true, Buffer.concat(this.pending))) emit(part);
    this.pending = [];
  }
}

/** Opens either version as it comes; throws at the first thing that does not authenticate. */
class Opener {
  private buffered: Buffer[] = [];
  private bufferedBytes = 0;
  private version: 1 | 2 | undefined;
  private header: Buffer | undefined;
  private chunkBytes = 0;
  private index = 0;
  private dataKey: Buffer | undefined;

  constructor(private readonly openKey: () => Buffer) {}

  private take(bytes: number): Buffer {
    const all = Buffer.concat(this.buffered);
    this.buffered = [all.subarray(bytes)];
    this.bufferedBytes = all.length - bytes;
    return all.subarray(0, bytes);
  }

  private readHeader(): boolean {
    if (this.bufferedBytes < 4) return false;
    const magic = Buffer.concat(this.buffered).subarray(0, 4);
    if (magic.equals(MAGIC_V1)) this.version = 1;
    else if (magic.equals(MAGIC_V2)) {
      if (this.bufferedBytes < HEADER_V2) return false;
      this.header = Buffer.from(this.take(HEADER_V2));
      this.chunkBytes = this.header.readUInt32BE(4);
      if (this.chunkBytes < 1 || this.chunkBytes > MAX_CHUNK_BYTES) throw new Error('encrypted file has an impossible chunk size');
      this.version = 2;
    } else throw new Error('not an encrypted Medfolio file');
    this.dataKey = this.openKey();
    return true;
  }

  update(data: Buffer, emit: Emit): void {
    this.buffered.push(data);
    this.bufferedBytes += data.length;
    if (this.version === undefined && !this.readHeader()) return;
    // Version 1 is one GCM message: nothing is released before its tag is checked at the end.
    if (this.version !== 2) return;
    const sealed = this.chunkBytes + TAG;
    // Only a chunk followed by more bytes is surely not the last.
    if (this.bufferedBytes > sealed) {
      const all = Buffer.concat(this.buffered);
      let at = 0;
      for (; all.length - at > sealed; at += sealed) {
        emit(openChunk(this.dataKey!, this.header!, this.header!.subarray(8), this.index++, false, all.subarray(at, at + sealed)));
      }
      this.buffered = [all.subarray(at)];
      this.bufferedBytes = all.length - at;
    }
  }

  final(emit: Emit): void {
    const rest = Buffer.concat(this.buffered);
    this.buffered = [];
    if (this.version === undefined) throw new Error('not an encrypted Medfolio file');
    if (this.version === 1) {
      if (rest.length < 32) throw damaged();
      const decipher = createDecipheriv('aes-256-gcm', this.dataKey!, rest.subarray(4, 16));
      decipher.setAuthTag(rest.subarray(16, 32));
      let plaintext: Buffer;
      try {
        plaintext = Buffer.concat([decipher.update(rest.subarray(32)), decipher.final()]);
      } catch {
        throw damaged();
      }
      return emit(plaintext);
    }
    if (rest.length < TAG) throw damaged();
    emit(openChunk(this.dataKey!, this.header!, this.header!.subarray(8), this.index, true, rest));
  }
}

interface Worker {
  update(data: Buffer, emit: Emit): void;
  final(emit: Emit): void;
}

/** A Transform over a Sealer or an Opener: what was released before an error stays released. */
function asTransform(worker: Worker): Transform {
  const run = (step: () => void, done: TransformCallback) => {
    try {
      step();
    } catch (err) {
      return done(err as Error);
    }
    done();
  };
  return new Transform({
    transform(data: Buffer, _enc, done) {
      run(() => worker.update(data, (part) => this.push(part)), done);
    },
    flush(done) {
      run(() => worker.final((part) => this.push(part)), done);
    },
  });
}

function runWhole(worker: Worker, input: Buffer): Buffer {
  const out: Buffer[] = [];
  const emit = (part: Buffer) => out.push(part);
  worker.update(input, emit);
  worker.final(emit);
  return Buffer.concat(out);
}

/** A new file's key, and the stream that encrypts it: pipe the plaintext in, store what comes out. */
export function encryptingStream(box: SecretBox, fileId: string, chunkBytes = FILE_CHUNK_BYTES): { stream: Transform; wrappedKey: string } {
  const dataKey = randomBytes(32);
  return { stream: asTransform(new Sealer(dataKey, chunkBytes)), wrappedKey: box.seal(dataKey, aad(fileId)) };
}

/**
 * Pipe a stored file in, read the plaintext out; it errors (and releases nothing more) at the
 * first chunk that does not authenticate. Reads both versions.
 */
export function decryptingStream(box: SecretBox, fileId: string, wrappedKey: string): Transform {
  return asTransform(new Opener(() => box.open(wrappedKey, aad(fileId))));
}

/** A small file held whole (a PDF just rendered): the same format as the stream writes. */
export function encryptFile(box: SecretBox, fileId: string, plaintext: Buffer, chunkBytes = FILE_CHUNK_BYTES): { ciphertext: Buffer; wrappedKey: string } {
  const dataKey = randomBytes(32);
  return { ciphertext: runWhole(new Sealer(dataKey, chunkBytes), plaintext), wrappedKey: box.seal(dataKey, aad(fileId)) };
}

/** Decrypts and authenticates the whole file before returning any of it. */
export function decryptFile(box: SecretBox, fileId: string, wrappedKey: string, stored: Buffer): Buffer {
  return runWhole(new Opener(() => box.open(wrappedKey, aad(fileId))), stored);
}

/**
 * A stored file's plaintext as a stream, decrypted chunk by chunk as it is read. The store's
 * own failure (a dropped S3 connection) fails it too, so a reader sees one error either way.
 */
export async function openDecrypted(storage: Pick<FileStorage, 'get'>, box: SecretBox, file: { id: string; storageKey: string; wrappedKey: string }): Promise<Readable> {
  const stored = await storage.get(file.storageKey);
  const plaintext = decryptingStream(box, file.id, file.wrappedKey);
  stored.once('error', (err) => plaintext.destroy(err));
  plaintext.once('close', () => stored.destroy()); // a reader that stops early releases the file
  return stored.pipe(plaintext);
}
