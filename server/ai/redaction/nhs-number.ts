import { allMatches, NUMBER_END, NUMBER_START, toEntity } from './scan.ts';
import type { Entity } from './types.ts';

/*
 * People write the ten digits however they read them out: 3-3-4 as issued, but also 4-3-3,
 * 2-4-4 or 5-5, with spaces, dashes or dots, or straight. So we take each run of digit groups
 * joined by one consistent separator, and look inside it for consecutive groups that hold
 * exactly ten digits ("Bed 4 943 476 5919" still yields the number). Groups of one digit, or of
 * more than five, are not how anyone reads a number aloud, and a ten-digit group is only taken
 * when it is the whole run, so "1.9434765919" and "9434765919.5" stay decimals.
 */
const RUN = new RegExp(`${NUMBER_START}\\d+(?:([ .-])\\d+(?:\\1\\d+)*)?${NUMBER_END}`, 'g');
const DIGITS = 10;
const MIN_GROUP = 2;
const MAX_GROUP = 5;
const MAX_GROUPS = 4;

/** The NHS mod-11 check: weights 10..2 on the first nine digits; 11 means 0, 10 is never issued. */
export function isValidNhsNumber(value: string): boolean {
  const digits = value.replace(/[\s.-]/g, '');
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

interface Group {
  start: number;
  end: number;
}

const GROUP = /\d+/g;

function groupsOf(run: string, offset: number): Group[] {
  return allMatches(GROUP, run).map((g) => ({ start: offset + g.index, end: offset + g.index + g[0].length }));
}

/** Spans of consecutive groups that together hold ten digits in a plausible grouping. */
function tenDigitSpans(groups: readonly Group[]): Group[] {
  if (groups.length === 1) return groups[0] && groups[0].end - groups[0].start === DIGITS ? [groups[0]] : [];
  const spans: Group[] = [];
  for (let first = 0; first < groups.length; first++) {
    let digits = 0;
    for (let last = first; last < groups.length && last - first < MAX_GROUPS; last++) {
      const group = groups[last] as Group;
      const size = group.end - group.start;
      if (size < MIN_GROUP || size > MAX_GROUP) break;
      digits += size;
      if (digits >= DIGITS) {
        if (digits === DIGITS && last > first) spans.push({ start: (groups[first] as Group).start, end: group.end });
        break;
      }
    }
  }
  return spans;
}

/*
 * Ten digits, each but the first after at most one space, dot or dash: every run RUN takes is
 * digit groups joined by single separators, and a run yields a number only if it holds ten
 * digits. Text without such a stretch holds no number.
 */
/** Without a match of this, findNhsNumbers finds nothing. */
export const LONG_FIGURE = /\d(?:[ .-]?\d){9}/;

export function findNhsNumbers(text: string): Entity[] {
  // Most text has a few figures at most: the run pattern, tried at every position, need not run.
  if (!LONG_FIGURE.test(text)) return [];
  // Without the checksum every ten-digit figure would be redacted; with it, roughly one in
  // eleven random ten-digit numbers still passes, which is an acceptable cost.
  const found: Entity[] = [];
  for (const run of allMatches(RUN, text)) {
    // Most runs are short figures ("14", "2019", "08.00"); ten digits need ten characters.
    if (run[0].length < DIGITS) continue;
    for (const span of tenDigitSpans(groupsOf(run[0], run.index))) {
      if (isValidNhsNumber(text.slice(span.start, span.end))) found.push(toEntity('NHS_NUMBER', text, span.start, span.end));
    }
  }
  return found;
}
