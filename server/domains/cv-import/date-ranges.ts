/**
 * Dates as CVs write them, read into JSON Resume's partial dates (YYYY, YYYY-MM, YYYY-MM-DD):
 * "Aug 2019 – Present", "08/2019 - 03/2021", "2019-2021", "September 2019 to date",
 * "01/08/2019 to 31/07/2020" (day first, as in the UK), "2019-08-07 to present".
 */
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAME = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const YEAR = String.raw`(?:19|20)\d{2}`;
const ONE_DATE = [
  String.raw`\d{1,2}(?:st|nd|rd|th)?\s+${MONTH_NAME},?\s+${YEAR}`, // 7 August 2019
  String.raw`${MONTH_NAME}\s*'?${YEAR}`, // Aug 2019, August 2019
  String.raw`${YEAR}-\d{1,2}-\d{1,2}`, // 2019-08-07
  String.raw`${YEAR}[-/.]\d{1,2}`, // 2019-08
  String.raw`\d{1,2}[/.-]\d{1,2}[/.-]${YEAR}`, // 07/08/2019
  String.raw`\d{1,2}[/.]${YEAR}`, // 08/2019
  YEAR,
].join('|');
const OPEN_END = String.raw`present|current|currently|now|to\s+date|date|ongoing|today|continuing`;
const SEPARATOR = String.raw`\s*(?:–|—|‒|-|−|~|→|to|until|till|through)\s*`;

// Dates stand alone: not the digits of a phone or registration number.
// A letter may touch a date where a template right-aligns it against a name ("NorthgateSept 2019").
const ALONE_BEFORE = String.raw`(?<![\d/.-])`;
const ALONE_AFTER = String.raw`(?![\w/])`;
const RANGE = new RegExp(String.raw`(?:from\s+|since\s+)?${ALONE_BEFORE}(${ONE_DATE})${ALONE_AFTER}(?:${SEPARATOR}(${ONE_DATE}|${OPEN_END})${ALONE_AFTER}|\s*(?:–|—|-)\s*$|\s*onwards)?`, 'i');
const SINCE = new RegExp(String.raw`^\s*since\s+(${ONE_DATE})`, 'i');

export interface DateRange {
  start: string;
  /** null: to the present. */
  end: string | null;
  /** The text that held the range, to remove it from the line. */
  matched: string;
  /** A single date (no range): a qualification's or course's date. */
  single: boolean;
}

const pad = (n: number) => String(n).padStart(2, '0');
const validMonth = (m: number) => m >= 1 && m <= 12;

/** One date written any common way, as a JSON Resume partial date. */
export function readDate(text: string): string | null {
  const t = text.trim().toLowerCase().replace(/\.$/, '');
  let m: RegExpMatchArray | null;
  if ((m = t.match(/^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$/))) {
    const month = MONTHS.indexOf(m[2]!.slice(0, 3)) + 1;
    return month ? `${m[3]}-${pad(month)}-${pad(Number(m[1]))}` : null;
  }
  if ((m = t.match(/^([a-z]+)\.?\s*'?(\d{4})$/))) {
    const month = MONTHS.indexOf(m[1]!.slice(0, 3)) + 1;
    return month ? `${m[2]}-${pad(month)}` : null;
  }
  if ((m = t.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/))) return validMonth(Number(m[2])) ? `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}` : null;
  if ((m = t.match(/^(\d{4})[-/.](\d{1,2})$/))) return validMonth(Number(m[2])) ? `${m[1]}-${pad(Number(m[2]))}` : null;
  if ((m = t.match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/))) {
    // Day first (UK); month first only when the first number cannot be a month... and the second can.
    let [day, month] = [Number(m[1]), Number(m[2])];
    if (!validMonth(month) && validMonth(day)) [day, month] = [month, day];
    return validMonth(month) ? `${m[3]}-${pad(month)}-${pad(day)}` : null;
  }
  if ((m = t.match(/^(\d{1,2})[/.](\d{4})$/))) return validMonth(Number(m[1])) ? `${m[2]}-${pad(Number(m[1]))}` : null;
  if ((m = t.match(/^(\d{4})$/))) return m[1]!;
  return null;
}

/** The first date range (or single date) in a line. */
export function findDateRange(line: string): DateRange | null {
  const since = line.match(SINCE);
  if (since) {
    const start = readDate(since[1]!);
    if (start) return { start, end: null, matched: since[0], single: false };
  }
  const m = line.match(RANGE);
  if (!m) return null;
  const start = readDate(m[1]!);
  if (!start) return null;
  const rest = m[0].slice(m[0].toLowerCase().indexOf(m[1]!.toLowerCase()) + m[1]!.length);
  if (m[2]) {
    if (new RegExp(`^(?:${OPEN_END})$`, 'i').test(m[2].trim())) return { start, end: null, matched: m[0], single: false };
    const end = readDate(m[2]);
    return end ? { start, end, matched: m[0], single: false } : null;
  }
  // "Aug 2019 –" or "2019 onwards": open-ended.
  if (/[–—-]\s*$|onwards/i.test(rest)) return { start, end: null, matched: m[0], single: false };
  return { start, end: start, matched: m[0], single: true };
}

/** The line without its date range and the separators left around it. */
export const withoutRange = (line: string, range: DateRange) =>
  line
    .replace(range.matched, '\t')
    .split('\t')
    .map((s) => s.replace(/^[\s,|·•:()–—-]+|[\s,|·•:(–—-]+$/g, '').trim())
    .filter(Boolean);
