import { describe, expect, it } from 'vitest';
import { encodeStatusList, isRevokedIn, STATUS_LIST_SIZE } from './status-list.ts';

describe('bitstring status lists', () => {
  it('sets exactly the revoked bits, most significant bit first', () => {
    const encoded = encodeStatusList(STATUS_LIST_SIZE, [0, 9, 131_071]);
    expect(encoded.startsWith('u')).toBe(true);
    for (const i of [0, 9, 131_071]) expect(isRevokedIn(encoded, i)).toBe(true);
    for (const i of [1, 8, 10, 7, 131_070]) expect(isRevokedIn(encoded, i)).toBe(false);
    const bytes = encodeStatusList(16, [0]);
    expect(isRevokedIn(bytes, 0)).toBe(true);
  });

  it('compresses an empty list of 131,072 entries to a few dozen bytes', () => {
    expect(encodeStatusList(STATUS_LIST_SIZE, []).length).toBeLessThan(200);
  });
});
