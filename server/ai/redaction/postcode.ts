import { NOT_AFTER_WORD, NOT_BEFORE_WORD, scan } from './scan.ts';
import type { Entity } from './types.ts';

// Full postcodes only (outward + inward). An outward code alone ("ST4", "M1") is far more
// often a training grade or a road than an address, and is not identifying on its own.
// Letter classes follow Royal Mail's rules: no Q/V/X first, no I/J/Z second, inward letters
// never C I K M O V.
const POSTCODE = new RegExp(`${NOT_AFTER_WORD}([A-PR-UWYZ][A-HK-Y]?\\d[A-Z\\d]?) ?(\\d[ABD-HJLNP-UW-Z]{2})${NOT_BEFORE_WORD}`, 'giu');
const ORDINAL = /^\d(?:st|nd|rd|th)$/;

function plausible(match: RegExpExecArray): boolean {
  const letters = match[0].replace(/[^A-Za-z]/g, '');
  // Mixed case ("ST4 2nd year") is prose; a pasted postcode is upper or lower throughout.
  if (letters !== letters.toUpperCase() && letters !== letters.toLowerCase()) return false;
  // In lower case, "st4 2nd" reads as an ordinal far more often than an inward code.
  return !ORDINAL.test(match[2] ?? '');
}

// The inward code alone, found cheaply (a digit is where to look): text without one cannot hold
// a postcode, and the whole pattern, tried at every letter, need not run.
/** Without a match of this, findPostcodes finds nothing. */
export const INWARD = /\d[ABD-HJLNP-UW-Z]{2}/iu; // the same flags: the same case folding

export function findPostcodes(text: string): Entity[] {
  return INWARD.test(text) ? scan('POSTCODE', text, POSTCODE, plausible) : [];
}
