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
 * - a possible-number match can be a date written with dashes or dots ("01-08-2019").
 * The matcher also reads across commas ("07700 900123, 0161 ..." became one number and left
 * the rest exposed), so each comma/semicolon/line-separated segment is searched on its own.
 */
const WRITTEN_AS_PHONE = /^\(?(?:\+|0)/;
const LOOKS_LIKE_DATE = /^\d{1,4}([-./])\d{1,2}\1\d{1,4}$/;
const SEGMENT = /[^,;\n|]+/g;

export function findPhones(text: string): Entity[] {
  const found: Entity[] = [];
  for (const segment of text.matchAll(SEGMENT)) {
    for (const match of findPhoneNumbersInText(segment[0], { defaultCountry: 'GB', extended: true })) {
      const start = segment.index + match.startsAt;
      const end = segment.index + match.endsAt;
      const written = text.slice(start, end);
      if (!WRITTEN_AS_PHONE.test(written) || LOOKS_LIKE_DATE.test(written)) continue;
      found.push(toEntity('PHONE', text, start, end));
    }
  }
  return found;
}
