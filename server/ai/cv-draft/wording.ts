import { REGULATORS } from '../../domains/record/regulators.ts';
import type { RegistrationBody } from '../../domains/record/identifiers.ts';

/**
 * How a CV writes the record's facts: the way a person would sign them, never the way the
 * database stores them. Every function here only rearranges facts it is given; the grounding
 * check reads the result (month names and years included) against the cited records.
 */

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const ISO_DATE = /\b((?:19|20)\d{2})(?:-(\d{2}))?(?:-(\d{2}))?\b/;

/** "2021-08-05" -> "Aug 2021"; "2021-08" -> "Aug 2021"; "2021" -> "2021" (a year stays a year). */
export function monthYear(date: string): string {
  const m = ISO_DATE.exec(date);
  if (!m) return date;
  const month = m[2] ? MONTH_NAMES[Number(m[2]) - 1] : undefined;
  return month ? `${month} ${m[1]}` : m[1]!;
}

/** "Aug 2021 – present", "Sep 2015 – Jul 2018", or one date when the span is within a month. */
export function dateSpan(start: string | null, end: string | null): string | null {
  if (!start) return end ? monthYear(end) : null;
  const from = monthYear(start);
  const to = end ? monthYear(end) : 'present';
  return from === to ? from : `${from} – ${to}`;
}

const ISO_SPAN = /\b((?:19|20)\d{2}(?:-\d{2}){0,2})\s+(?:to|-|–)\s+((?:19|20)\d{2}(?:-\d{2}){0,2}|present)\b/g;
const ISO_ANY = /\b(?:19|20)\d{2}-\d{2}(?:-\d{2})?\b/g;

/**
 * ISO dates left in any text (a model's draft keeps the record's dates as they are) written as
 * people write them. Only the form changes: each month and year is the one the text gave.
 */
export const humaniseDates = (text: string): string => text.replace(ISO_SPAN, (_, a: string, b: string) => dateSpan(a, b === 'present' ? null : b)!).replace(ISO_ANY, (d) => monthYear(d));

const wordsOf = (text: string) => text.toLowerCase().match(/[a-z0-9]+/g) ?? [];

/**
 * Joins the parts of a sub-line, leaving out any part whose words were all said already (in the
 * title or an earlier part): "Locum GP, Self-employed, GP, locum" reads "Self-employed".
 */
export function distinctParts(said: string, parts: Array<string | null | undefined>): string {
  const seen = new Set(wordsOf(said));
  const kept: string[] = [];
  for (const part of parts) {
    if (!part?.trim()) continue;
    const words = wordsOf(part);
    if (words.length && words.every((w) => seen.has(w))) continue;
    kept.push(part.trim());
    words.forEach((w) => seen.add(w));
  }
  return kept.join(', ');
}

/** "Registered nurse: adult" -> "registered nurse: adult"; an acronym ("GP Register") keeps its case. */
const lowerFirst = (s: string) => (/^[A-Z][a-z]/.test(s) ? `${s[0]!.toLowerCase()}${s.slice(1)}` : s);

/**
 * The registration as one sentence, from the record's body, number (a placeholder until the
 * renderer fills it), jurisdiction and the clinician's own status wording:
 * "General Medical Council, GMC number 7123456: full registration with a licence to practise."
 * "Wisconsin state license, license number 7351820: active, unrestricted."
 */
export function registrationSentence(r: { body: RegistrationBody; number: string; jurisdiction: string | null; status: string | null }): string {
  const regulator = REGULATORS[r.body];
  const who = r.body === 'US-STATE-BOARD' ? `${r.jurisdiction ? `${r.jurisdiction} ` : ''}${regulator.name}` : regulator.name;
  const named = `${who[0]!.toUpperCase()}${who.slice(1)}, ${regulator.numberLabel} ${r.number}`;
  const status = r.status?.trim().replace(/\.$/, '');
  return status ? `${named}: ${statusWords(status)}.` : `${named}.`;
}

/**
 * The status as a sentence says it. A register's own "Registered: Paramedic" (the HCPC shows a
 * status and a profession) reads "registered as a paramedic", not "registered: Paramedic".
 */
function statusWords(status: string): string {
  const as = /^registered\s*[:–-]\s*(.+)$/i.exec(status);
  if (!as) return lowerFirst(status);
  // Title Case words are the register's display, not names: "Operating Department Practitioner".
  const profession = as[1]!.replace(/\b[A-Z][a-z]+\b/g, (w) => w.toLowerCase());
  return `registered as ${/^[aeiou]/i.test(profession) ? 'an' : 'a'} ${profession}`;
}
