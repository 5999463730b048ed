import { scan } from './scan.ts';
import type { Entity } from './types.ts';

// Deliberately broader than RFC 5322 in the local part (people paste odd addresses) and
// narrower in the domain (a dotted name ending in a 2+ letter TLD), so "@handle" and
// "user@localhost" are left alone.
const EMAIL = new RegExp(String.raw`(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+\p{L}{2,}(?![\p{L}\p{N}-])`, 'gu');

export function findEmails(text: string): Entity[] {
  // Most text has no "@"; without one the pattern would still try every word as a local part.
  if (!text.includes('@')) return [];
  return scan('EMAIL', text, EMAIL, (m) => !m[0].startsWith('.'));
}
