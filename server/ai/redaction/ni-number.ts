import { NOT_AFTER_WORD, NOT_BEFORE_WORD, scan } from './scan.ts';
import type { Entity } from './types.ts';

// Spaces are allowed between the letter pair, each digit pair and the suffix
// ("QQ 12 34 56 C" is the layout HMRC prints).
const CANDIDATE = new RegExp(`${NOT_AFTER_WORD}([A-Z]{2}) ?(\\d{2}) ?(\\d{2}) ?(\\d{2}) ?([A-D])${NOT_BEFORE_WORD}`, 'giu');
const NEVER_FIRST = new Set('DFIQUV');
const NEVER_SECOND = new Set('DFIQUVO');
const NEVER_PREFIX = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);

/** HMRC's allocation rules; "QQ123456C", the usual specimen, fails them by design. */
export function isValidNiNumber(value: string): boolean {
  const compact = value.replace(/\s/g, '').toUpperCase();
  const match = /^([A-Z])([A-Z])\d{6}[A-D]$/.exec(compact);
  if (!match) return false;
  const [, first = '', second = ''] = match;
  return !NEVER_FIRST.has(first) && !NEVER_SECOND.has(second) && !NEVER_PREFIX.has(first + second);
}

// The digits and suffix of a candidate, found cheaply (no look-behind at every position, the
// same flags): most text has no three digit pairs in a row and need not be scanned for letters.
/** Without a match of this, findNiNumbers finds nothing. */
export const DIGITS_AND_SUFFIX = /\d\d ?\d\d ?\d\d ?[A-D]/iu;

export function findNiNumbers(text: string): Entity[] {
  if (!DIGITS_AND_SUFFIX.test(text)) return [];
  return scan('NI_NUMBER', text, CANDIDATE, (m) => isValidNiNumber(m[0]));
}
