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

// ASCII answered without a regex or a string per call; anything else goes to WORD_CHAR.
const isAsciiWordChar = (code: number) => (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);

/** Whether the code point ending just before `index` is a letter or digit: what NOT_AFTER_WORD refuses. */
export function wordCharBefore(text: string, index: number): boolean {
  if (index <= 0) return false;
  const code = text.charCodeAt(index - 1);
  if (code < 128) return isAsciiWordChar(code);
  const pair = index >= 2 && isLowSurrogate(text.charCodeAt(index - 1)) && isHighSurrogate(text.charCodeAt(index - 2));
  return WORD_CHAR.test(String.fromCodePoint(text.codePointAt(pair ? index - 2 : index - 1) ?? 0));
}

/** Whether the code point starting at `index` is a letter or digit: what NOT_BEFORE_WORD refuses. */
export function wordCharAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code < 128) return isAsciiWordChar(code);
  const codePoint = text.codePointAt(index);
  return codePoint !== undefined && WORD_CHAR.test(String.fromCodePoint(codePoint));
}

export function toEntity(type: EntityType, text: string, start: number, end: number): Entity {
  return { type, start, end, text: text.slice(start, end) };
}

/*
 * `text.matchAll(pattern)` copies the pattern on every call (through the RegExp species
 * constructor), and a copy that misses V8's compilation cache runs in the regexp interpreter and
 * is compiled again: for the Unicode patterns here that cost more than the matching. So the
 * recognisers walk their module-level global patterns with exec and lastIndex instead.
 */

/** Where to resume after a match, stepping over an empty one as matchAll does (whole code points under /u). */
export function nextIndex(pattern: RegExp, text: string, match: RegExpExecArray): number {
  const end = match.index + match[0].length;
  if (match[0].length > 0) return end;
  return end + (pattern.unicode && (text.codePointAt(end) ?? 0) > 0xffff ? 2 : 1);
}

/** Every match of a global pattern, in order, as `text.matchAll(pattern)` would give them. */
export function allMatches(pattern: RegExp, text: string): RegExpExecArray[] {
  const found: RegExpExecArray[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    found.push(match);
    pattern.lastIndex = nextIndex(pattern, text, match);
  }
  pattern.lastIndex = 0;
  return found;
}

/** Every match of a global pattern as an entity, kept only if `accept` agrees. */
export function scan(type: EntityType, text: string, pattern: RegExp, accept?: (match: RegExpExecArray) => boolean): Entity[] {
  const found: Entity[] = [];
  for (const match of allMatches(pattern, text)) {
    if (!accept || accept(match)) found.push(toEntity(type, text, match.index, match.index + match[0].length));
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
  for (const match of allMatches(globalOf(words), before)) {
    if (from + match.index + match[0].length >= start - window) return true;
  }
  return false;
}

// The global copy of each context pattern, made once rather than per candidate number.
const globalCopies = new WeakMap<RegExp, RegExp>();

function globalOf(words: RegExp): RegExp {
  let all = globalCopies.get(words);
  if (!all) {
    all = new RegExp(words.source, words.flags.includes('g') ? words.flags : `${words.flags}g`);
    globalCopies.set(words, all);
  }
  return all;
}
