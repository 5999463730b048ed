import { describe, expect, it } from 'vitest';
import { findNiNumbers, isValidNiNumber } from './ni-number.ts';
import { found, pairs } from './test-helpers.ts';

describe('NI number rules', () => {
  it.each(['AB123456C', 'JG103713A', 'JG 10 37 13 A', 'ZY 99 99 99 D', 'OA123456B', 'ab123456c'])('accepts %s', (ni) => {
    expect(isValidNiNumber(ni)).toBe(true);
  });

  it.each([...'DFIQUV'])('rejects %s as the first letter', (letter) => {
    expect(isValidNiNumber(`${letter}A123456A`)).toBe(false);
  });

  it.each([...'DFIQUVO'])('rejects %s as the second letter', (letter) => {
    expect(isValidNiNumber(`A${letter}123456A`)).toBe(false);
  });

  it.each(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ'])('rejects the prefix %s', (prefix) => {
    expect(isValidNiNumber(`${prefix}123456A`)).toBe(false);
  });

  it('rejects the common specimen QQ123456C, suffixes beyond D and wrong lengths', () => {
    expect(isValidNiNumber('QQ123456C')).toBe(false);
    expect(isValidNiNumber('QQ 12 34 56 C')).toBe(false);
    expect(isValidNiNumber('AB123456E')).toBe(false);
    expect(isValidNiNumber('AB12345C')).toBe(false);
    expect(isValidNiNumber('AB1234567C')).toBe(false);
  });
});

describe('NI number recogniser', () => {
  it('finds valid numbers, compact or spaced as HMRC prints them', () => {
    expect(pairs(findNiNumbers('NI: AB123456C, also JG 10 37 13 A.'))).toEqual([
      ['NI_NUMBER', 'AB123456C'],
      ['NI_NUMBER', 'JG 10 37 13 A'],
    ]);
  });

  it('leaves invalid numbers and lookalikes alone', () => {
    const text = 'QQ 12 34 56 C, DA123456A, AO123456A, GB123456A, AB123456E, XAB123456C, AB123456CD';
    expect(findNiNumbers(text)).toEqual([]);
    expect(found(text)).toEqual([]);
  });
});
