import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretBox } from './secret-box.ts';

/**
 * Envelope encryption for stored files: each file has its own random AES-256-GCM data key;
 * the data key is sealed with the master key (bound to the file's id) and kept in the database,
 * the ciphertext on disk. Layout on disk: "MFE1" | iv (12) | tag (16) | ciphertext.
 */
const MAGIC = Buffer.from('MFE1');

export function encryptFile(box: SecretBox, fileId: string, plaintext: Buffer): { ciphertext: Buffer; wrappedKey: string } {
  const dataKey = randomBytes(32);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', dataKey, iv);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const ciphertext = Buffer.concat([MAGIC, iv, cipher.getAuthTag(), body]);
  return { ciphertext, wrappedKey: box.seal(dataKey, `file:${fileId}`) };
}

/** Decrypts and authenticates the whole file before returning any of it. */
export function decryptFile(box: SecretBox, fileId: string, wrappedKey: string, stored: Buffer): Buffer {
  if (!stored.subarray(0, 4).equals(MAGIC)) throw new Error('not an encrypted Medfolio file');
  const dataKey = box.open(wrappedKey, `file:${fileId}`);
  const decipher = createDecipheriv('aes-256-gcm', dataKey, stored.subarray(4, 16));
  decipher.setAuthTag(stored.subarray(16, 32));
  return Buffer.concat([decipher.update(stored.subarray(32)), decipher.final()]);
}
