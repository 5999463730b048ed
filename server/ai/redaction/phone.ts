import { findPhoneNumbersInText } from 'libphonenumber-js';
import { toEntity } from './scan.ts';
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

export function findPhones(text: string): Entity[] {
  const found: Entity[] = [];
  for (const segment of text.matchAll(SEGMENT)) {
    for (const match of findPhoneNumbersInText(segment[0], { defaultCountry: 'GB', extended: true })) {
      let start = segment.index + match.startsAt;
      const end = segment.index + match.endsAt;
      // "(07700 900123)" comes back with the opening bracket only; leave it with its partner.
      if (text[start] === '(' && !text.slice(start, end).includes(')')) start++;
      const written = text.slice(start, end);
      if (!WRITTEN_AS_PHONE.test(written) || LOOKS_LIKE_DATE.test(written)) continue;
      if (!match.number.isValid() && match.number.nationalNumber.length < MIN_NATIONAL_DIGITS) continue;
      found.push(toEntity('PHONE', text, start, end));
    }
  }
  return found;
}
