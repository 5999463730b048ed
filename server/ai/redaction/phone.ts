import { findPhoneNumbersInText } from 'libphonenumber-js';
import { allMatches, toEntity } from './scan.ts';
import type { Entity } from './types.ts';

/*
 * libphonenumber's default "valid" leniency rejects Ofcom's drama ranges (07700 900xxx,
 * 01632 960xxx), which are exactly the numbers people use in examples and synthetic data, so
 * we ask for "possible" numbers (`extended`) and add the precision back ourselves:
 * - UK numbers are written with the trunk 0 or an international prefix; requiring one keeps
 *   NHS numbers ("943 476 5919"), GMC numbers and bare counts out, since libphonenumber
 *   happily reads any ten digits as a GB national number;
 * - a possible-number match can be a date written with dashes or dots ("01-08-2019"), or a
 *   shift ("0800-1700", read as a short 0800 number), so numbers libphonenumber does not
 *   consider valid must at least have the nine or ten national digits of a real UK number.
 * The matcher also reads across commas ("07700 900123, 0161 ..." became one number and left
 * the rest exposed), so each comma/semicolon/line-separated segment is searched on its own.
 */
const WRITTEN_AS_PHONE = /^\(?(?:\+|0)/;
const LOOKS_LIKE_DATE = /^\d{1,4}([-./])\d{1,2}\1\d{1,4}$/;
const SEGMENT = /[^,;\n|]+/g;
const MIN_NATIONAL_DIGITS = 9;

/*
 * libphonenumber is by far the slowest recogniser: it tries to parse every digit run ("Ward 12",
 * "2019", "GCS 15/15") and builds an exception for each failure. Only runs that could pass the
 * rules above are worth its time, and a cheap regex finds them:
 * - a "+" (an international number of any length), or
 * - a "0" followed by seven more digits, each after at most four non-letter characters (the
 *   matcher's own limit on punctuation between digit blocks): a valid GB number has at least
 *   seven national digits after the trunk 0 and "00" international prefixes are longer still,
 *   and an invalid one needs nine.
 * A candidate is then handed to libphonenumber with the text around it, out to the letters on
 * either side and one word beyond them, so the matcher sees the same neighbourhood it would in
 * the whole segment: the character before a number (a letter or currency sign rejects it), an
 * extension after it ("ext 4471", "x12"), and a digit run just before it.
 */
const CANDIDATE = /\+|0(?:[^\p{L}\p{Nd}]{0,4}\p{Nd}){7}/gu;
const LETTER = /\p{L}/u;

/** Whether the UTF-16 unit at `index` is a letter: ASCII answered without a regex (the widening below asks of every character it passes). */
function isLetterAt(segment: string, index: number): boolean {
  const code = segment.charCodeAt(index);
  if (code < 128) return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return LETTER.test(segment.charAt(index));
}

/** Back from `index` over non-letters, then over one word and the non-letters before it. */
function widenStart(segment: string, index: number): number {
  let start = index;
  while (start > 0 && !isLetterAt(segment, start - 1)) start--;
  while (start > 0 && isLetterAt(segment, start - 1)) start--;
  while (start > 0 && !isLetterAt(segment, start - 1)) start--;
  return start;
}

/** On from `index` over non-letters, then over one word and the non-letters after it. */
function widenEnd(segment: string, index: number): number {
  let end = index;
  while (end < segment.length && !isLetterAt(segment, end)) end++;
  while (end < segment.length && isLetterAt(segment, end)) end++;
  while (end < segment.length && !isLetterAt(segment, end)) end++;
  return end;
}

interface Window {
  start: number;
  end: number;
}

/** A phone number's place in a window. */
interface Span {
  startsAt: number;
  endsAt: number;
}

/** The part of `segment` around each candidate that libphonenumber needs to see, merged where they touch. */
function candidateWindows(segment: string): Window[] {
  const windows: Window[] = [];
  for (const candidate of allMatches(CANDIDATE, segment)) {
    const start = widenStart(segment, candidate.index);
    const end = widenEnd(segment, candidate.index + candidate[0].length);
    const last = windows.at(-1);
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else windows.push({ start, end });
  }
  return windows;
}

/*
 * Most numbers people write are in a handful of plain shapes, between ordinary words: a UK
 * mobile, London or geographic number with its trunk 0 or +44, or a +1 North American number.
 * Those have ten national digits, so the rules above accept them whatever libphonenumber says
 * of their validity; the only question is where libphonenumber would put the match, and between
 * plain words (no digits, brackets, signs or extension words nearby) that is the number itself.
 * `plainPhone` answers that question for a window without libphonenumber, or declines; the tests
 * hold it to libphonenumber's own answer on every shape it takes.
 */
const PLAIN_SHAPES = [
  String.raw`(?:\+44 ?|0)7\d{3} ?\d{6}`,
  String.raw`(?:\+44 ?|0)20 ?\d{4} ?\d{4}`,
  String.raw`(?:\+44 ?|0)1\d{3} ?\d{6}`,
  String.raw`(?:\+44 ?|0)1\d{2} ?\d{3} ?\d{4}`,
  String.raw`\(01\d{3}\) ?\d{6}`,
  String.raw`\(01\d{2}\) ?\d{3} ?\d{4}`,
  String.raw`\(020\) ?\d{4} ?\d{4}`,
  String.raw`\+1 ?(?:[2-9]\d{2}|\([2-9]\d{2}\)) ?[2-9]\d{2}[ -]?\d{4}`,
];
/*
 * Before: nothing, or one word (a colon after it allowed) and blanks. After: nothing, or a
 * sentence's end and the next sentence's first word ("... 555 0123. Obs stable"), or blanks and
 * one lower-case word that cannot begin an extension ("ext", "x", "int", "anexo"...: no word
 * starting with a, e, i or x). No digit anywhere else, so no extension and no second number,
 * except after that word, where the number has ended (libphonenumber reads an extension only
 * straight after it, across blanks and commas, never a full stop or another word), so long as
 * nothing there starts a number we would keep (no "0" or "+": "... 555 0123. HbA1c 64").
 */
const PLAIN_WINDOW = new RegExp(String.raw`^([ \t]*(?:\p{L}+:?[ \t]+)?)(${PLAIN_SHAPES.join('|')})(?:[.!?]?[ \t]*|(?:[.!?][ \t]+\p{L}+|[ \t]+[b-df-hj-wyz][a-z]*)[^\p{L}0+]*)$`, 'u');

/** Where libphonenumber would find the number in `window`, when the window is that plain; else undefined. */
export function plainPhone(window: string): Span | undefined {
  const match = PLAIN_WINDOW.exec(window);
  if (!match) return undefined;
  const startsAt = match[1]!.length;
  return { startsAt, endsAt: startsAt + match[2]!.length };
}

/*
 * Most windows around a candidate that are not plain hold no phone number at all: an NHS number
 * ("NHS 402 345 6789") has a "0" and seven digits after it, but inside a digit group. A number
 * the rules above keep is written from a "+" or a trunk "0" (WRITTEN_AS_PHONE), and libphonenumber
 * starts a match where its pattern first matches: at a bracket, a plus sign or the first digit of
 * a run, never inside a run of digits, unless the match before it ended there, which only its
 * limits make it do: 20 digits to a block (21 blocks at most), and 9, 15 or 20 digits to an
 * extension. Inner matches (its retries on part of a failed candidate) start after a separator
 * ("/", "(", a dash, a dot or a space). So a kept number's "0" has no ASCII digit just before it,
 * or at least nine digits, and is a candidate's "0" (seven digits follow it). A window where no
 * "0" is so placed, and with no "+", holds no number we keep: libphonenumber need not read it.
 * phone.test.ts holds this to libphonenumber's own answer.
 */
// The look-behinds come after the "0" (the zero and what is before it: no digit, or nine digits),
// so they are tried only at a zero: before it, they would be tried at every position, six times slower.
const KEPT_NUMBER_START = String.raw`\+|0(?:(?<![0-9]0)|(?<=\p{Nd}{10}))(?:[^\p{L}\p{Nd}]{0,4}\p{Nd}){7}`;
const MAY_HOLD_PHONE = new RegExp(KEPT_NUMBER_START, 'u');

/** Whether libphonenumber could find a number in `window` that the rules above keep. */
export const mayHoldPhone = (window: string) => MAY_HOLD_PHONE.test(window);

/*
 * Without a match of this, findPhones finds nothing: a window is a part of the text, and in the
 * text the character before a window is a letter or a segment's end, never a digit.
 */
export const ANY_CANDIDATE = MAY_HOLD_PHONE;

/** The slow path: libphonenumber's matches in `window` that the rules above keep, as offsets into it. */
export function phonesByLibphonenumber(window: string): Span[] {
  const spans: Span[] = [];
  for (const match of findPhoneNumbersInText(window, { defaultCountry: 'GB', extended: true })) {
    let startsAt = match.startsAt;
    const endsAt = match.endsAt;
    // "(07700 900123)" comes back with the opening bracket only; leave it with its partner.
    if (window[startsAt] === '(' && !window.slice(startsAt, endsAt).includes(')')) startsAt++;
    const written = window.slice(startsAt, endsAt);
    if (!WRITTEN_AS_PHONE.test(written) || LOOKS_LIKE_DATE.test(written)) continue;
    // Length first: isValid() compiles metadata regexes on every call.
    if (match.number.nationalNumber.length < MIN_NATIONAL_DIGITS && !match.number.isValid()) continue;
    spans.push({ startsAt, endsAt });
  }
  return spans;
}

export function findPhones(text: string): Entity[] {
  const found: Entity[] = [];
  // Most text has no candidate at all: then there is nothing to split into segments.
  if (!ANY_CANDIDATE.test(text)) return found;
  for (const segment of allMatches(SEGMENT, text)) {
    for (const window of candidateWindows(segment[0])) {
      const offset = segment.index + window.start;
      const searched = segment[0].slice(window.start, window.end);
      if (!mayHoldPhone(searched)) continue;
      const plain = plainPhone(searched);
      const spans = plain ? [plain] : phonesByLibphonenumber(searched);
      for (const span of spans) found.push(toEntity('PHONE', text, offset + span.startsAt, offset + span.endsAt));
    }
  }
  return found;
}
