import { escapeRegExp, NOT_AFTER_WORD, NOT_BEFORE_WORD, scan } from './scan.ts';
import { isTitle } from './titles.ts';
import type { Entity, RecogniserContext } from './types.ts';

/*
 * The names we know are personal data (the clinician's own and those in their record) are
 * matched exactly, with their first name and surname also matched alone, because notes say
 * "Rahman reviewed..." far more often than the full name. Only capitalised occurrences count:
 * a part like "Will", "Hope" or "Bishop" is an ordinary word in lower case.
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

const letterCount = (word: string) => word.replace(/[^\p{L}]/gu, '').length;
const capitalised = (word: string) => /^\p{Lu}/u.test(word);

function findName(text: string, words: readonly string[]): Entity[] {
  const pattern = new RegExp(`${NOT_AFTER_WORD}${words.map(escapeRegExp).join('\\s+')}${NOT_BEFORE_WORD}`, 'giu');
  return scan('PERSON', text, pattern, (m) => m[0].split(/\s+/).every(capitalised));
}

export function findKnownNames(text: string, context: RecogniserContext): Entity[] {
  const phrases = new Map<string, string[]>();
  for (const fullName of context.knownNames) {
    const words = nameWords(fullName);
    if (words.length === 0) continue;
    const parts = words.length > 1 ? [words[0] ?? '', words.at(-1) ?? ''] : [];
    for (const phrase of [words, ...parts.filter((p) => letterCount(p) >= MIN_PART_LETTERS).map((p) => [p])]) {
      phrases.set(phrase.join(' ').toLowerCase(), phrase);
    }
  }
  return [...phrases.values()].flatMap((words) => findName(text, words));
}
