import { createCipheriv, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { createSecretBox } from './secret-box.ts';
import { decryptFile, decryptingStream, encryptFile, encryptingStream } from './file-cipher.ts';

const box = createSecretBox(randomBytes(32));
const CHUNK = 1024; // small chunks, so a few KB make many of them

/** Feeds `data` in pieces of random sizes, as a network would. */
function raggedStream(data: Buffer): Readable {
  const parts: Buffer[] = [];
  for (let at = 0; at < data.length;) {
    const size = 1 + Math.floor(Math.random() * 3000);
    parts.push(data.subarray(at, at + size));
    at += size;
  }
  return Readable.from(parts);
}

async function encryptStreamed(fileId: string, plaintext: Buffer) {
  const { stream, wrappedKey } = encryptingStream(box, fileId, CHUNK);
  const [ciphertext] = await Promise.all([buffer(stream), pipeline(raggedStream(plaintext), stream)]);
  return { ciphertext, wrappedKey };
}

const decryptStreamed = async (fileId: string, wrappedKey: string, stored: Buffer) => {
  const stream = decryptingStream(box, fileId, wrappedKey);
  const [plaintext] = await Promise.all([buffer(stream), pipeline(raggedStream(stored), stream)]);
  return plaintext;
};

/** The header is 15 bytes; then each chunk is CHUNK bytes of ciphertext and a 16-byte tag. */
const HEADER = 15;
const SEALED = CHUNK + 16;

describe('file cipher, version 2 (chunked)', () => {
  it.each([0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 10_000])('round-trips %i bytes, streamed or whole', async (size) => {
    const plaintext = randomBytes(size);
    const streamed = await encryptStreamed('f1', plaintext);
    expect(streamed.ciphertext.subarray(0, 4).toString()).toBe('MFE2');
    // One final chunk always, sealed even when empty.
    expect(streamed.ciphertext.length).toBe(HEADER + size + 16 * Math.max(1, Math.ceil(size / CHUNK)));
    expect((await decryptStreamed('f1', streamed.wrappedKey, streamed.ciphertext)).equals(plaintext)).toBe(true);
    expect(decryptFile(box, 'f1', streamed.wrappedKey, streamed.ciphertext).equals(plaintext)).toBe(true);
    const whole = encryptFile(box, 'f1', plaintext, CHUNK);
    expect(whole.ciphertext.length).toBe(streamed.ciphertext.length);
    expect((await decryptStreamed('f1', whole.wrappedKey, whole.ciphertext)).equals(plaintext)).toBe(true);
  });

  it('refuses a file cut at a chunk boundary (its new last chunk was not sealed as final)', async () => {
    const { ciphertext, wrappedKey } = await encryptStreamed('f1', randomBytes(3 * CHUNK + 10));
    const cut = ciphertext.subarray(0, HEADER + 2 * SEALED);
    await expect(decryptStreamed('f1', wrappedKey, cut)).rejects.toThrow(/damaged, cut short or reordered/);
    expect(() => decryptFile(box, 'f1', wrappedKey, cut)).toThrow(/damaged/);
    // Cut inside a chunk, or down to the header alone.
    await expect(decryptStreamed('f1', wrappedKey, ciphertext.subarray(0, ciphertext.length - 5))).rejects.toThrow(/damaged/);
    await expect(decryptStreamed('f1', wrappedKey, ciphertext.subarray(0, HEADER))).rejects.toThrow(/damaged/);
  });

  it('refuses chunks swapped, a flipped bit, a changed header, another file’s key', async () => {
    const plaintext = randomBytes(3 * CHUNK + 10);
    const { ciphertext, wrappedKey } = await encryptStreamed('f1', plaintext);
    const chunk = (i: number) => ciphertext.subarray(HEADER + i * SEALED, HEADER + (i + 1) * SEALED);
    const swapped = Buffer.concat([ciphertext.subarray(0, HEADER), chunk(1), chunk(0), ciphertext.subarray(HEADER + 2 * SEALED)]);
    await expect(decryptStreamed('f1', wrappedKey, swapped)).rejects.toThrow(/damaged/);
    const flipped = Buffer.from(ciphertext);
    flipped[HEADER + SEALED + 7]! ^= 1;
    await expect(decryptStreamed('f1', wrappedKey, flipped)).rejects.toThrow(/damaged/);
    // The chunk size is part of every chunk's additional data.
    const header = Buffer.from(ciphertext);
    header.writeUInt32BE(CHUNK * 2, 4);
    await expect(decryptStreamed('f1', wrappedKey, header)).rejects.toThrow(/damaged/);
    // The key is sealed to its file's id.
    await expect(decryptStreamed('f2', wrappedKey, ciphertext)).rejects.toThrow();
  });

  it('releases the chunks before a damaged one, and nothing after it', async () => {
    const plaintext = randomBytes(4 * CHUNK);
    const { ciphertext, wrappedKey } = await encryptStreamed('f1', plaintext);
    const damaged = Buffer.from(ciphertext);
    damaged[HEADER + 2 * SEALED + 3]! ^= 1;
    const stream = decryptingStream(box, 'f1', wrappedKey);
    const seen: Buffer[] = [];
    stream.on('data', (part: Buffer) => seen.push(part));
    await expect(pipeline(Readable.from([damaged]), stream)).rejects.toThrow(/damaged/);
    expect(Buffer.concat(seen).equals(plaintext.subarray(0, 2 * CHUNK))).toBe(true);
  });

  it('refuses what is not a Medfolio file', async () => {
    await expect(decryptStreamed('f1', encryptFile(box, 'f1', Buffer.from('x')).wrappedKey, Buffer.from('PK\u0003\u0004 a zip'))).rejects.toThrow(/not an encrypted Medfolio file/);
  });
});

describe('file cipher, version 1 (single-shot, written before version 2)', () => {
  // Written here as version 1 wrote it: "MFE1" | iv | tag | ciphertext, the key sealed alike.
  const encryptV1 = (fileId: string, plaintext: Buffer) => {
    const dataKey = randomBytes(32);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', dataKey, iv);
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return { ciphertext: Buffer.concat([Buffer.from('MFE1'), iv, cipher.getAuthTag(), body]), wrappedKey: box.seal(dataKey, `file:${fileId}`) };
  };

  it('still decrypts, streamed or whole, and still refuses a damaged one', async () => {
    const plaintext = randomBytes(5000);
    const { ciphertext, wrappedKey } = encryptV1('old', plaintext);
    expect(decryptFile(box, 'old', wrappedKey, ciphertext).equals(plaintext)).toBe(true);
    expect((await decryptStreamed('old', wrappedKey, ciphertext)).equals(plaintext)).toBe(true);
    await expect(decryptStreamed('old', wrappedKey, ciphertext.subarray(0, ciphertext.length - 1))).rejects.toThrow(/damaged/);
  });
});
