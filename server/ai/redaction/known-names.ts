import { escapeRegExp, toEntity, wordCharAt, wordCharBefore } from './scan.ts';
import { isTitle } from './titles.ts';
import type { Entity, RecogniserContext } from './types.ts';

/*
 * The names we know are personal data (the clinician's own and those in their record) are
 * matched exactly, with their first name and surname also matched alone, because notes say
 * "Rahman reviewed..." far more often than the full name. Only capitalised occurrences count:
 * a part like "Will", "Hope" or "Bishop" is an ordinary word in lower case.
 * Names merely mentioned earlier (found by the free-text recogniser) are matched in full and by
 * surname only: we know less about them, and first names alone recur in places ("St Mary's").
 */
const MIN_PART_LETTERS = 3;
// Post-nominals ("MRCP", "FRCEM") and punctuation are not part of the name.
const POST_NOMINAL = /^[\p{Lu}\p{N}()&.]{2,}$/u;

function nameWords(fullName: string): string[] {
  const words = fullName.replace(/,/g, ' ').split(/\s+/).filter(Boolean);
  while (words.length > 0 && isTitle(words[0] ?? '')) words.shift();
  while (words.length > 1 && POST_NOMINAL.test(words.at(-1) ?? '')) words.pop();
  return words;
}

// Module-level patterns, not literals in the functions: a literal makes a new RegExp object on
// every call, which costs several times the test on a word.
const NOT_LETTERS = /[^\p{L}]/gu;
const CAPITALISED = /^\p{Lu}/u;
const letterCount = (word: string) => word.replace(NOT_LETTERS, '').length;
const capitalised = (word: string) => CAPITALISED.test(word);

/*
 * Names are searched for case-insensitively (only capitalised matches are kept), but a
 * case-insensitive pattern that also holds the Unicode word-boundary classes of NOT_AFTER_WORD
 * and NOT_BEFORE_WORD is slow to compile (ten times the cost of running it on a message), and a
 * pattern is built for every name: that made name matching a quarter of all redaction time. So
 * the pattern holds only the name, and the boundaries are checked here, restarting one code
 * point on from a match that fails them, exactly as the lookarounds would.
 */
// The same names are searched for in every message of a conversation; compiled patterns are
// kept, up to a bound, rather than rebuilt per message.
const MAX_CACHED_PATTERNS = 1000;
const patterns = new Map<string, RegExp>();

// Keyed by the words joined with a space (they hold no whitespace: nameWords splits on it), so a
// cached pattern costs a join, not an escape per word.
function patternFor(words: readonly string[]): RegExp {
  const key = words.join(' ');
  let pattern = patterns.get(key);
  if (!pattern) {
    if (patterns.size >= MAX_CACHED_PATTERNS) patterns.delete(patterns.keys().next().value ?? '');
    pattern = new RegExp(words.map(escapeRegExp).join('\\s+'), 'giu');
    patterns.set(key, pattern);
  }
  pattern.lastIndex = 0;
  return pattern;
}

function findName(text: string, words: readonly string[]): Entity[] {
  const pattern = patternFor(words);
  const found: Entity[] = [];
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const end = match.index + match[0].length;
    if (wordCharBefore(text, match.index) || wordCharAt(text, end)) {
      pattern.lastIndex = match.index + (isAstral(text, match.index) ? 2 : 1);
      continue;
    }
    if (match[0].split(/\s+/).every(capitalised)) found.push(toEntity('PERSON', text, match.index, end));
  }
  return found;
}

const isAstral = (text: string, index: number) => (text.codePointAt(index) ?? 0) > 0xffff;

function phrasesOf(fullNames: readonly string[], withFirstName: boolean): string[][] {
  const phrases: string[][] = [];
  for (const fullName of fullNames) {
    const words = nameWords(fullName);
    if (words.length === 0) continue;
    phrases.push(words);
    if (words.length === 1) continue;
    const parts = withFirstName ? [words[0] ?? '', words.at(-1) ?? ''] : [words.at(-1) ?? ''];
    for (const part of parts) if (letterCount(part) >= MIN_PART_LETTERS) phrases.push([part]);
  }
  return phrases;
}

export function findKnownNames(text: string, context: RecogniserContext): Entity[] {
  // Most messages are redacted with no names known or mentioned yet.
  if (context.knownNames.length === 0 && (context.mentionedNames ?? []).length === 0) return [];
  const phrases = [...phrasesOf(context.knownNames, true), ...phrasesOf(context.mentionedNames ?? [], false)];
  // The same phrase often arrives from several names (a shared surname); search for it once.
  const unique = new Map<string, string[]>();
  for (const words of phrases) unique.set(words.join(' ').toLowerCase(), words);
  const found: Entity[] = [];
  for (const words of unique.values()) for (const entity of findName(text, words)) found.push(entity);
  return found;
}

/*
 * findEntities searches the text again for every name a title or "patient" introduced, to catch
 * its later mentions, but most names are mentioned once. Every phrase searched for a mentioned
 * name (the name, its surname) ends with the name's last word, so if that word occurs once in the
 * text, every match ends there, inside the name's own occurrence. The check is done on the text
 * in lower case, which keeps every case-insensitive (/iu) match of an ASCII word, unless the text
 * holds the only two other characters that fold to ASCII letters (long s, Kelvin sign): those
 * texts, and words that are not ASCII, are searched in full.
 */
const ASCII = /^\p{ASCII}+$/u;

/** Whether the last word of each name occurs at most once in `text`, whatever its case. */
export function eachNameEndsOnce(text: string, names: readonly string[]): boolean {
  if (text.includes('\u017F') || text.includes('\u212A')) return false;
  const lower = text.toLowerCase();
  for (const name of names) {
    const last = nameWords(name).at(-1);
    if (last === undefined || !ASCII.test(last)) return false;
    const word = last.toLowerCase();
    if (lower.indexOf(word) !== lower.lastIndexOf(word)) return false;
  }
  return true;
}
