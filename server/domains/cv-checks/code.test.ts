import { describe, expect, it } from 'vitest';
import { CODE_BITS, findCheckCode, formatCheckCode, generateCheckCode, hashCheckCode, normaliseCheckCode } from './code.ts';

describe('CV check codes', () => {
  it('carry at least 100 random bits and never repeat in practice', () => {
    expect(CODE_BITS).toBeGreaterThanOrEqual(100);
    const codes = new Set(Array.from({ length: 2000 }, generateCheckCode));
    expect(codes.size).toBe(2000);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{21}$/);
  });

  it('forgive how people type them', () => {
    const code = generateCheckCode();
    expect(normaliseCheckCode(formatCheckCode(code).toLowerCase())).toBe(code);
    expect(normaliseCheckCode('ABCDEFG HJKMNPQ RSTVWXY')).toBe('ABCDEFGHJKMNPQRSTVWXY');
    expect(normaliseCheckCode('abcdefg-hjkmnpq-rstvwxo')).toBe('ABCDEFGHJKMNPQRSTVWX0');
    expect(normaliseCheckCode('ABCDEFG-HJKMNPQ')).toBeUndefined();
    expect(normaliseCheckCode('ABCDEFG-HJKMNPQ-RSTVWXU')).toBeUndefined();
    expect(hashCheckCode(code)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashCheckCode(code)).not.toContain(code.toLowerCase());
  });

  it('are found in a PDF text layer even when a line breaks inside them', () => {
    expect(findCheckCode('...\nCheck this CV at https://m.example/check?code=ABCDEFG-HJKM\nNPQ-RSTVWXY\nCheck code: ABCDEFG-HJKMNPQ-RSTVWXY')).toBe('ABCDEFGHJKMNPQRSTVWXY');
    expect(findCheckCode('Check this CV at http://localhost:3000/check?code=ABCDEFG-HJKMNPQ-RSTVWXY')).toBe('ABCDEFGHJKMNPQRSTVWXY');
    expect(findCheckCode('A CV made in a word processor')).toBeUndefined();
  });
});
