import { gunzipSync, gzipSync } from 'node:zlib';

/**
 * Bitstring Status Lists: one bit per credential (1 = revoked), the first index in the left-most
 * (most significant) bit of the first byte, GZIP-compressed and written as multibase base64url
 * (the "u" prefix, no padding). A list holds 131,072 entries, so any one holder's credentials are
 * lost among many, and indexes are given out at random.
 */
export const STATUS_LIST_SIZE = 131_072;

export function encodeStatusList(size: number, revoked: Iterable<number>): string {
  const bytes = Buffer.alloc(size / 8);
  for (const index of revoked) bytes[index >> 3]! |= 0x80 >> (index & 7);
  return `u${gzipSync(bytes).toString('base64url')}`;
}

/** Whether the bit at `index` is set in an encoded list (what a verifier does). */
export function isRevokedIn(encodedList: string, index: number): boolean {
  if (!encodedList.startsWith('u')) throw new Error('not a multibase base64url value');
  const bytes = gunzipSync(Buffer.from(encodedList.slice(1), 'base64url'));
  return ((bytes[index >> 3] ?? 0) & (0x80 >> (index & 7))) !== 0;
}
