import { allMatches, NOT_AFTER_WORD, NOT_BEFORE_WORD, toEntity } from './scan.ts';
import type { Entity } from './types.ts';

/*
 * A date is only personal data here when it is a birth date. Careers are full of dates that
 * must survive (posts, courses, revalidation), so nothing is redacted without an anchor word
 * shortly before the date.
 */
const ANCHOR = new RegExp(`${NOT_AFTER_WORD}(?:d\\.\\s?o\\.\\s?b\\.?|dob|date\\s+of\\s+birth|birth\\s?date|birthday|born(?:\\s+on)?)${NOT_BEFORE_WORD}`, 'giu');

const MONTH = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const DAY = String.raw`\d{1,2}(?:st|nd|rd|th)?`;
const DATE = [
  String.raw`\d{1,2}(?<dmy>[/.-])\d{1,2}\k<dmy>(?:\d{4}|\d{2})`, // 12/03/1985, 12-03-85, 12.03.1985
  String.raw`\d{4}(?<ymd>[/-])\d{1,2}\k<ymd>\d{1,2}`, // 1985-03-12
  `${DAY}(?:\\s+of)?\\s+${MONTH},?\\s+\\d{4}`, // 12 March 1985, 12th of Mar. 1985
  `${MONTH}\\s+${DAY},?\\s+\\d{4}`, // March 12, 1985
].join('|');

// "born in Leeds on 12 March 1985" needs some slack, and "DOB:" is often a label with the date
// on the next line; a date further away is something else.
const MAX_GAP = 25;

// Sticky and bounded, so each anchor costs a few dozen characters of matching, not the rest
// of the text.
const DATE_SOON_AFTER = new RegExp(`[\\s\\S]{0,${MAX_GAP}}?${NOT_AFTER_WORD}(?<date>${DATE})${NOT_BEFORE_WORD}`, 'iuy');

// Every anchor holds "dob", "d.o", "birth" or "born": text without any is skipped cheaply (the
// same flags, so the same case folding; no look-behind to try at every position).
export const MAY_HAVE_ANCHOR = /d(?:ob|\.\s?o)|b(?:irth|orn)/iu;

export function findDatesOfBirth(text: string): Entity[] {
  if (!MAY_HAVE_ANCHOR.test(text)) return [];
  const found: Entity[] = [];
  for (const anchor of allMatches(ANCHOR, text)) {
    DATE_SOON_AFTER.lastIndex = anchor.index + anchor[0].length;
    const match = DATE_SOON_AFTER.exec(text);
    const date = match?.groups?.date;
    if (!match || date === undefined) continue;
    const end = match.index + match[0].length;
    found.push(toEntity('DATE_OF_BIRTH', text, end - date.length, end));
  }
  return found;
}
