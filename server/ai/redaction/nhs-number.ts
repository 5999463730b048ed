import { NUMBER_END, NUMBER_START, scan } from './scan.ts';
import type { Entity } from './types.ts';

// Ten digits, contiguous or grouped 3-3-4 with one consistent separator.
const CANDIDATE = new RegExp(`${NUMBER_START}\\d{3}([ -]?)\\d{3}\\1\\d{4}${NUMBER_END}`, 'gu');

/** The NHS mod-11 check: weights 10..2 on the first nine digits; 11 means 0, 10 is never issued. */
export function isValidNhsNumber(value: string): boolean {
  const digits = value.replace(/[\s-]/g, '');
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

export function findNhsNumbers(text: string): Entity[] {
  // Without the checksum every ten-digit figure would be redacted; with it, roughly one in
  // eleven random ten-digit numbers still passes, which is an acceptable cost.
  return scan('NHS_NUMBER', text, CANDIDATE, (m) => isValidNhsNumber(m[0]));
}
