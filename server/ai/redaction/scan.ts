import type { Entity, EntityType } from './types.ts';

/*
 * Boundaries shared by the recognisers. `\b` is ASCII-only and treats "." and "," as breaks,
 * so "1.5.4" or "85,000" would expose digit runs to the numeric recognisers; these lookarounds
 * keep a candidate from starting or ending inside a longer word or number.
 */
export const NOT_AFTER_WORD = String.raw`(?<![\p{L}\p{N}])`;
export const NOT_BEFORE_WORD = String.raw`(?![\p{L}\p{N}])`;
export const NUMBER_START = String.raw`(?<![\p{L}\p{N}])(?<!\d[.,])`;
export const NUMBER_END = String.raw`(?![\p{L}\p{N}])(?![.,]\d)`;

const WORD_CHAR = /^[\p{L}\p{N}]$/u;
const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** Whether the code point ending just before `index` is a letter or digit: what NOT_AFTER_WORD refuses. */
export function wordCharBefore(text: string, index: number): boolean {
  if (index <= 0) return false;
  const pair = index >= 2 && isLowSurrogate(text.charCodeAt(index - 1)) && isHighSurrogate(text.charCodeAt(index - 2));
  return WORD_CHAR.test(String.fromCodePoint(text.codePointAt(pair ? index - 2 : index - 1) ?? 0));
}

/** Whether the code point starting at `index` is a letter or digit: what NOT_BEFORE_WORD refuses. */
export function wordCharAt(text: string, index: number): boolean {
  const codePoint = text.codePointAt(index);
  return codePoint !== undefined && WORD_CHAR.test(String.fromCodePoint(codePoint));
}

export function toEntity(type: EntityType, text: string, start: number, end: number): Entity {
  return { type, start, end, text: text.slice(start, end) };
}

/** Every match of a global pattern as an entity, kept only if `accept` agrees. */
export function scan(type: EntityType, text: string, pattern: RegExp, accept: (match: RegExpExecArray) => boolean = () => true): Entity[] {
  const found: Entity[] = [];
  for (const match of text.matchAll(pattern)) {
    if (accept(match)) found.push(toEntity(type, text, match.index, match.index + match[0].length));
  }
  return found;
}

export const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whether a context word ends within `window` characters before `start` (its own length does
 * not count, so "General Medical Council" is as near as "GMC"). Line breaks do not reset it:
 * forms are often pasted as a label on one line and its value on the next.
 */
export function hasContextBefore(text: string, start: number, words: RegExp, window = 40): boolean {
  const from = Math.max(0, start - 2 * window);
  const before = text.slice(from, start);
  const all = new RegExp(words.source, words.flags.includes('g') ? words.flags : `${words.flags}g`);
  for (const match of before.matchAll(all)) {
    if (from + match.index + match[0].length >= start - window) return true;
  }
  return false;
}
