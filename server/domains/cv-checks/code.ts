import { createHash, randomBytes } from 'node:crypto';

/**
 * A CV's check code: 21 characters of Crockford base32 (105 random bits), printed on the PDF in
 * three groups of seven. Only its SHA-256 is stored. The alphabet leaves out I, L, O and U, and
 * typing them is forgiven (I and L read as 1, O as 0), as are case, spaces and dashes.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 21;
export const CODE_BITS = CODE_LENGTH * 5;

export function generateCheckCode(): string {
  // 32 divides 256, so the low five bits of a random byte are uniform.
  return [...randomBytes(CODE_LENGTH)].map((b) => ALPHABET[b & 31]).join('');
}

/** The code as printed: "ABCDEFG-HJKMNPQ-RSTVWXY". */
export const formatCheckCode = (code: string) => code.match(/.{1,7}/g)!.join('-');

/** The canonical code from what someone typed or scanned, or undefined when it cannot be one. */
export function normaliseCheckCode(input: string): string | undefined {
  const code = input.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  return code.length === CODE_LENGTH && [...code].every((c) => ALPHABET.includes(c)) ? code : undefined;
}

export const hashCheckCode = (code: string) => createHash('sha256').update(`cv-check:${code}`).digest('hex');

/**
 * The code printed on a CV, from the PDF's text layer. Whitespace is ignored, because a PDF's
 * text may break a line anywhere; the labelled "Check code:" line is read first, the link second.
 */
export function findCheckCode(text: string): string | undefined {
  const flat = text.replace(/\s+/g, '');
  const group = `[${ALPHABET}]{7}`;
  const match = flat.match(new RegExp(`Checkcode:(${group}-${group}-${group})`, 'i')) ?? flat.match(new RegExp(`/check\\?code=(${group}-?${group}-?${group})`, 'i'));
  return match ? normaliseCheckCode(match[1]!) : undefined;
}
