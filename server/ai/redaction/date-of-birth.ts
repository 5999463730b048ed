import { NOT_AFTER_WORD, NOT_BEFORE_WORD, toEntity } from './scan.ts';
import type { Entity } from './types.ts';

/*
 * A date is only personal data here when it is a birth date. Careers are full of dates that
 * must survive (posts, courses, revalidation), so nothing is redacted without an anchor word
 * shortly before the date.
 */
const ANCHOR = new RegExp(
  `${NOT_AFTER_WORD}(?:d\\.\\s?o\\.\\s?b\\.?|dob|date\\s+of\\s+birth|birth\\s?date|birthday|born(?:\\s+on)?)${NOT_BEFORE_WORD}`,
  'giu',
);

const MONTH = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const DAY = String.raw`\d{1,2}(?:st|nd|rd|th)?`;
const DATE = new RegExp(
  `${NOT_AFTER_WORD}(?:` +
    [
      String.raw`\d{1,2}([/.-])\d{1,2}\1(?:\d{4}|\d{2})`, // 12/03/1985, 12-03-85, 12.03.1985
      String.raw`\d{4}([/-])\d{1,2}\2\d{1,2}`, // 1985-03-12
      `${DAY}(?:\\s+of)?\\s+${MONTH},?\\s+\\d{4}`, // 12 March 1985, 12th of Mar. 1985
      `${MONTH}\\s+${DAY},?\\s+\\d{4}`, // March 12, 1985
    ].join('|') +
    `)${NOT_BEFORE_WORD}`,
  'giu',
);

// "born in Leeds on 12 March 1985" needs some slack; a date further away, or on another line,
// is something else.
const MAX_GAP = 25;

export function findDatesOfBirth(text: string): Entity[] {
  const found: Entity[] = [];
  for (const anchor of text.matchAll(ANCHOR)) {
    const from = anchor.index + anchor[0].length;
    const date = new RegExp(DATE.source, DATE.flags);
    date.lastIndex = from;
    const match = date.exec(text);
    if (!match || match.index - from > MAX_GAP || text.slice(from, match.index).includes('\n')) continue;
    found.push(toEntity('DATE_OF_BIRTH', text, match.index, match.index + match[0].length));
  }
  return found;
}
