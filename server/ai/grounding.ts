import { PROFILE_REF, shiftsRef, type AiRecord } from './record-view.ts';
import { REGISTRATION_NUMBER_PLACEHOLDER } from './cv-draft/placeholders.ts';
import type { EvidenceRef } from './jd-analysis/schema.ts';
import { findCertifications, GRADE_PATTERNS } from './jd-analysis/vocabulary.ts';
import { RECORD_MADE_SECTIONS, type Draft, type DraftItem, type RemovedItem } from './cv-draft/schema.ts';
import { RECORD_KINDS } from '../domains/record/kinds.ts';

/**
 * The grounding contract (docs/ARCHITECTURE.md, Grounding), checked after drafting and before rendering:
 * every item cites records that exist and belong to the clinician, and every employer, title,
 * grade, date, number and certification in its text appears in the records it cites.
 * Unsupported bullets are removed; an item whose heading is unsupported is removed whole.
 */

interface Facts {
  text: string;
  dates: Set<string>;
  numbers: Set<string>;
  certifications: Set<string>;
}

const lower = (s: string) => s.toLowerCase();
const DATE = /\b\d{4}-\d{2}-\d{2}\b|\b\d{4}-\d{2}\b/g;
const YEAR = /\b(?:19|20)\d{2}\b/g;
const NUMBER = /\d[\d,]*(?:\.\d+)?/g;
/** Names that look like an employer: "... NHS Trust", "... Health Board", "... Hospital". */
const ORGANISATION = /(?:[A-Z][\w'&-]*\s+){1,8}(?:NHS Foundation Trust|NHS Trust|Health Board|Hospitals?|Medical Practice|Health Centre|Surgery|Agency|Ambulance Service)\b/g;

/** Words a heading may add around the record's own title (e.g. "GMC registration"). */
const TITLE_FILLER = new Set(['registration', 'profile', 'with', 'from', 'and']);

const numbersIn = (text: string) => new Set((text.replace(DATE, ' ').match(NUMBER) ?? []).map((n) => n.replace(/,/g, '')));

/** Dates written in free text, as the keys the date checks look up: "2024-01-05", "2024-01", "2024". */
function datesStatedIn(text: string): string[] {
  const monthYears = [...text.matchAll(MONTH_YEAR)].map((m) => `${m[2]}-${String(MONTHS.indexOf(lower(m[1]!).slice(0, 3)) + 1).padStart(2, '0')}`);
  return [...(text.match(DATE) ?? []), ...(text.match(YEAR) ?? []), ...monthYears];
}

/** The facts of every citable record, keyed "type:id". */
function factsIndex(record: AiRecord): Map<string, Facts> {
  const index = new Map<string, Facts>();
  const put = (ref: EvidenceRef, parts: Array<string | null | undefined>, dates: Array<string | null | undefined>) => {
    const text = parts.filter(Boolean).join(' \n ');
    // A date the record's own words state ("since 2008", "registered January 2024") is as much
    // its fact as a date field: quoting the record never fails its own check.
    const allDates = [...dates.filter((d): d is string => Boolean(d)), ...datesStatedIn(text)];
    index.set(`${ref.type}:${ref.id}`, {
      text,
      dates: new Set(allDates.flatMap((d) => [d, d.slice(0, 7), d.slice(0, 4)])),
      numbers: numbersIn(text),
      certifications: new Set(findCertifications(text)),
    });
  };
  put(PROFILE_REF, [record.profile.label, record.profile.summary], []);
  for (const kind of RECORD_KINDS) {
    for (const item of record.items[kind.type]) {
      const facts = kind.facts(item);
      put({ type: kind.type, id: item.id }, facts.text, facts.dates);
    }
  }
  for (const x of record.extras) put({ type: 'extra', id: x.id }, [x.text], [...(x.text.match(DATE) ?? [])]);
  for (const s of record.shifts.rows) {
    put(
      { type: 'shifts', id: shiftsRef(s.employer, s.role) },
      [s.role, s.employer, `${s.shifts} approved shifts, ${s.hours} hours, confirmed by shift supervisors`],
      [s.firstShift.slice(0, 10), s.lastShift.slice(0, 10)],
    );
  }
  return index;
}

export const SECTION_TITLES: Record<Draft['sections'][number]['kind'], string> = {
  profile: 'Profile',
  registration: 'Professional registration and DBS',
  experience: 'Experience',
  shifts: 'Verified shifts',
  training: 'Training and certification',
  education: 'Education and qualifications',
  audit: 'Audit and quality improvement',
  publications: 'Research and publications',
  presentations: 'Presentations and posters',
  teaching: 'Teaching',
  leadership: 'Leadership and management',
  achievements: 'Prizes and awards',
  courses: 'Courses and conferences',
  memberships: 'Professional memberships',
  procedures: 'Clinical skills and procedures',
  skills: 'Skills and languages',
  referees: 'Referees',
  availability: 'Specialties and availability',
};

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_YEAR = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+((?:19|20)\d{2})\b/gi;
const UNITS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const SCALES: Record<string, number> = { hundred: 100, hundreds: 100, thousand: 1000, thousands: 1000, million: 1_000_000, dozen: 12, dozens: 12 };
const NUMBER_WORD = `(?:${[...UNITS.slice(1), ...TENS.filter(Boolean), ...Object.keys(SCALES)].join('|')})`;
/** A number written in words, as one phrase: "two hundred and fifty", "twenty-four", "dozens". */
const NUMBER_PHRASE = new RegExp(`\\b${NUMBER_WORD}(?:(?:[\\s-]+|\\s+and\\s+)${NUMBER_WORD})*\\b`, 'gi');

/** The value of a number phrase ("two hundred and fifty" -> 250), for comparing with digits. */
function numberPhraseValue(phrase: string): number {
  let total = 0;
  let current = 0;
  for (const word of lower(phrase)
    .split(/[\s-]+/)
    .filter((w) => w !== 'and')) {
    const unit = UNITS.indexOf(word);
    const tens = TENS.indexOf(word);
    if (unit > 0) current += unit;
    else if (tens > 1) current += tens * 10;
    else if (SCALES[word] !== undefined) {
      current = (current || 1) * SCALES[word]!;
      if (SCALES[word]! >= 1000) {
        total += current;
        current = 0;
      }
    }
  }
  return total + current;
}
/** Two or more capitalised words in a row: a name of a place, an organisation or a person. */
const PROPER_NAME = /\b[A-Z][\w'&-]+(?:\s+(?:of|and|for|the|&)\s+|\s+)[A-Z][\w'&-]+(?:\s+(?:(?:of|and|for|the|&)\s+)?[A-Z][\w'&-]+)*/g;

/** Why `text` is not supported by `facts`, or undefined when every fact in it is. */
function unsupported(text: string, facts: Facts, knownEmployers: string[], citedRegistrations: Set<string>): string | undefined {
  for (const m of text.matchAll(REGISTRATION_NUMBER_PLACEHOLDER)) {
    if (!citedRegistrations.has(m[1]!)) return 'a registration number placeholder for a registration it does not cite';
  }
  const plain = text.replace(REGISTRATION_NUMBER_PLACEHOLDER, '');
  for (const date of plain.match(DATE) ?? []) if (!facts.dates.has(date)) return `the date ${date} is not in the cited records`;
  for (const year of plain.replace(DATE, ' ').match(YEAR) ?? []) if (![...facts.dates].some((d) => d.startsWith(year))) return `the year ${year} is not in the cited records`;
  const numbers = numbersIn(plain.replace(DATE, ' ').replace(YEAR, ' '));
  for (const n of numbers) if (!facts.numbers.has(n)) return `the number ${n} is not in the cited records`;
  for (const id of findCertifications(plain)) if (!facts.certifications.has(id)) return `${id.toUpperCase()} is not a certification in the cited records`;
  for (const { pattern } of GRADE_PATTERNS) {
    const grade = plain.match(pattern)?.[0];
    if (grade && !lower(facts.text).includes(lower(grade.replace(/\+$/, '')))) return `the grade "${grade}" is not in the cited records`;
  }
  const employers = new Set([...knownEmployers.filter((e) => lower(plain).includes(lower(e))), ...(plain.match(ORGANISATION) ?? []).map((o) => o.trim())]);
  for (const employer of employers) if (!lower(facts.text).includes(lower(employer))) return `the employer "${employer}" is not in the cited records`;
  // Then what the checks above cannot name: months, numbers in words, other proper names.
  const factsLower = lower(facts.text);
  for (const m of text.matchAll(MONTH_YEAR)) {
    const month = String(MONTHS.indexOf(lower(m[1]!).slice(0, 3)) + 1).padStart(2, '0');
    if (!facts.dates.has(`${m[2]}-${month}`)) return `the date ${m[0]} is not in the cited records`;
  }
  // A number in words is supported by the same words in the record or by the same value in digits.
  for (const m of text.matchAll(NUMBER_PHRASE)) {
    const inWords = new RegExp(`\\b${lower(m[0]).replace(/[\s-]+/g, '[\\s-]+')}\\b`).test(factsLower);
    if (!inWords && !facts.numbers.has(String(numberPhraseValue(m[0])))) return `the number "${m[0]}" is not in the cited records`;
  }
  // A month and year ("Issued May 2023") was checked as a date above, so it is not read as a name.
  for (const m of text.replace(REGISTRATION_NUMBER_PLACEHOLDER, '').replace(MONTH_YEAR, ' ').matchAll(PROPER_NAME)) {
    if (!factsLower.includes(lower(m[0]))) return `"${m[0]}" is not in the cited records`;
  }
  return undefined;
}

export function checkGrounding(draft: Draft, record: AiRecord): { draft: Draft; removed: RemovedItem[] } {
  const index = factsIndex(record);
  const knownEmployers = [...new Set(record.posts.map((p) => p.employer))];
  const removed: RemovedItem[] = [];
  const sections = draft.sections
    .filter((section) => {
      // The referees and availability sections are the product's, made from the record after this check; a draft's are not used.
      if (!RECORD_MADE_SECTIONS.includes(section.kind)) return true;
      for (const item of section.items)
        removed.push({ section: SECTION_TITLES[section.kind], text: item.title, reason: `${SECTION_TITLES[section.kind].toLowerCase()} are added from your record, never written by the model` });
      return false;
    })
    .map((section) => {
      const items: DraftItem[] = [];
      for (const item of section.items) {
        const heading = [item.title, item.subtitle, item.dates].filter(Boolean).join(' | ');
        const cited = item.cites.map((c) => index.get(`${c.type}:${c.id}`));
        if (!item.cites.length || cited.some((f) => !f)) {
          removed.push({ section: section.title, text: heading, reason: 'it cites a record that does not exist in your record' });
          continue;
        }
        const citedRegistrations = new Set(item.cites.filter((c) => c.type === 'registration').map((c) => c.id));
        // Each statement must rest on one cited record on its own: facts from different
        // records are never combined into a claim neither makes.
        const supportedBySome = (text: string, withTitle: boolean) => {
          let first: string | undefined;
          for (const facts of cited) {
            // A number placeholder is not words of the title (its id's hex could read as one).
            const titleWords = withTitle ? (lower(item.title.replace(REGISTRATION_NUMBER_PLACEHOLDER, '')).match(/[a-z]{4,}/g) ?? []).filter((w) => !TITLE_FILLER.has(w)) : [];
            const missingWord = titleWords.find((w) => !new RegExp(`\\b${w}\\b`).test(lower(facts!.text)));
            const problem = missingWord ? `the title word "${missingWord}" is not in the cited records` : unsupported(text, facts!, knownEmployers, citedRegistrations);
            if (!problem) return undefined;
            first ??= problem;
          }
          return first;
        };
        const headingProblem = supportedBySome(heading, true);
        if (headingProblem) {
          removed.push({ section: section.title, text: heading, reason: headingProblem });
          continue;
        }
        const bullets = item.bullets.filter((bullet) => {
          const problem = supportedBySome(bullet, false);
          if (problem) removed.push({ section: section.title, text: bullet, reason: problem });
          return !problem;
        });
        items.push({ ...item, bullets });
      }
      // Headings are the product's, never the model's: a heading cannot carry a claim.
      return { ...section, title: SECTION_TITLES[section.kind], items };
    })
    .filter((s) => s.items.length);
  return { draft: { sections }, removed };
}
