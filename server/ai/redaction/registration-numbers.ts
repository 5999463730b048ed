import { dbsCertificateProblem, HCPC_PREFIXES, normaliseRegistrationNumber, registrationNumberProblem } from '../../domains/record/identifiers.ts';
import { hasContextBefore, NOT_AFTER_WORD, NOT_BEFORE_WORD, NUMBER_END, NUMBER_START, scan } from './scan.ts';
import type { Entity } from './types.ts';

/*
 * GMC numbers (7 digits) and DBS certificate numbers (12 digits) have no check digit, so on
 * their own they are indistinguishable from counts, IDs and phone fragments ("seen 1250000
 * times"). They are redacted only when a context word shortly precedes them. NMC PINs have a
 * distinctive shape but are held to the same rule so the three behave alike. Formats come from
 * the record's identifier rules so the API and the redactor never disagree about a number.
 * ("registration number" also labels GPhC numbers, which share the 7-digit shape; those are
 * reported as GMC_NUMBER, which still removes them.)
 */
const GMC_CANDIDATE = new RegExp(`${NUMBER_START}\\d{7}${NUMBER_END}`, 'gu');
const NMC_CANDIDATE = new RegExp(`${NOT_AFTER_WORD}\\d{2}[A-Z]\\d{4}[A-Z]${NOT_BEFORE_WORD}`, 'giu');
const DBS_CANDIDATE = new RegExp(`${NUMBER_START}(?:\\d{12}|\\d{4}([ -])\\d{4}\\1\\d{4})${NUMBER_END}`, 'gu');

// HCPC numbers are a profession prefix and up to six digits ("PA12345", "OT61234"); the prefix
// must be in capitals, or "as 2" and "or 3" in any sentence near "registration" would match.
const HCPC_CANDIDATE = new RegExp(`${NOT_AFTER_WORD}(?:${[...HCPC_PREFIXES].sort((a, b) => b.length - a.length).join('|')}) ?\\d{1,6}${NOT_BEFORE_WORD}`, 'gu');
const HCPC_CONTEXT = /\b(?:HCPC|Health\s+and\s+Care\s+Professions\s+Council|registration)/i;
const GPHC_CONTEXT = /\b(?:GPhC|General\s+Pharmaceutical\s+Council)/i;
const GMC_CONTEXT = /\b(?:GMC|General\s+Medical\s+Council|registration\s+(?:number|no\b)|reg\.?\s*(?:no\b|number))/i;
const NMC_CONTEXT = /\b(?:NMC|PIN|Nursing\s+and\s+Midwifery\s+Council)\b/i;
const DBS_CONTEXT = /\b(?:DBS|certificate|disclosure)/i;

export function findGmcNumbers(text: string): Entity[] {
  return scan('GMC_NUMBER', text, GMC_CANDIDATE, (m) => registrationNumberProblem('GMC', m[0]) === undefined && hasContextBefore(text, m.index, GMC_CONTEXT));
}

export function findNmcPins(text: string): Entity[] {
  return scan('NMC_PIN', text, NMC_CANDIDATE, (m) => registrationNumberProblem('NMC', normaliseRegistrationNumber(m[0])) === undefined && hasContextBefore(text, m.index, NMC_CONTEXT));
}

export function findDbsNumbers(text: string): Entity[] {
  return scan('DBS_NUMBER', text, DBS_CANDIDATE, (m) => dbsCertificateProblem(normaliseRegistrationNumber(m[0])) === undefined && hasContextBefore(text, m.index, DBS_CONTEXT));
}

/** The family as one recogniser, as the pipeline runs it. */
export function findHcpcNumbers(text: string): Entity[] {
  return scan('HCPC_NUMBER', text, HCPC_CANDIDATE, (m) => registrationNumberProblem('HCPC', normaliseRegistrationNumber(m[0])) === undefined && hasContextBefore(text, m.index, HCPC_CONTEXT));
}

/** GPhC numbers have the GMC's shape (seven digits); only the context word tells them apart. */
export function findGphcNumbers(text: string): Entity[] {
  return scan('GPHC_NUMBER', text, GMC_CANDIDATE, (m) => registrationNumberProblem('GPhC', m[0]) === undefined && hasContextBefore(text, m.index, GPHC_CONTEXT));
}

/*
 * Every family needs its context word before the number, so text without the word anywhere
 * cannot hold one, and the number patterns (costly to try at every position) need not run.
 * The check is the context pattern without its leading \b: hasContextBefore looks at a slice
 * of the text, where a word cut at the slice's start still matches, so the check must be at
 * least as loose as that.
 */
const anywhere = (context: RegExp) => new RegExp(context.source.replace(/^\\b/, ''), context.flags);
const MAY_HAVE = {
  gmc: anywhere(GMC_CONTEXT),
  nmc: anywhere(NMC_CONTEXT),
  dbs: anywhere(DBS_CONTEXT),
  hcpc: anywhere(HCPC_CONTEXT),
  gphc: anywhere(GPHC_CONTEXT),
};
// All five checks as one (same flags), so text with no context word at all, which is most text,
// is read once rather than five times.
export const MAY_HAVE_ANY = new RegExp(
  Object.values(MAY_HAVE)
    .map((check) => `(?:${check.source})`)
    .join('|'),
  'i',
);

/*
 * And every number needs its own shape: seven digits in a row (GMC, GPhC, DBS), three groups of
 * four digits split by spaces or dashes (DBS), two digits, a letter and four digits (NMC: the
 * letter in either case, or the two letters that fold into A-Z under /iu, long s and the Kelvin
 * sign), or a capitalised HCPC prefix and a digit. The context words are the cheaper check and
 * the rarer, so they go first.
 */
const MAY_HAVE_NUMBER = new RegExp(String.raw`\d{7}|\d{4}[ -]\d{4}[ -]\d{4}|\d\d[A-Za-z\u017F\u212A]\d{4}|(?:${HCPC_PREFIXES.join('|')}) ?\d`);

type Family = keyof typeof MAY_HAVE;

/*
 * Which families' context words occur, in one reading rather than five: every place where one
 * family's check matches is a place where their union matches, so the union is walked over every
 * place it matches (on one character after each, as two families' words can start at the same
 * place or overlap: "registration number" is GMC's and HCPC's), and each family's own check is
 * tried there alone (sticky). registration-numbers.test.ts holds this to the five checks.
 */
const EVERY_CONTEXT = new RegExp(MAY_HAVE_ANY.source, 'gi');
const FAMILIES = Object.keys(MAY_HAVE) as Family[];
const CONTEXT_HERE = Object.fromEntries(FAMILIES.map((family) => [family, new RegExp(MAY_HAVE[family].source, 'iy')])) as Record<Family, RegExp>;

/** The families whose context check matches somewhere in `text`, as `MAY_HAVE[family].test(text)` says. */
export function contextFamilies(text: string): Set<Family> {
  const found = new Set<Family>();
  EVERY_CONTEXT.lastIndex = 0;
  for (let match = EVERY_CONTEXT.exec(text); match && found.size < FAMILIES.length; match = EVERY_CONTEXT.exec(text)) {
    for (const family of FAMILIES) {
      if (found.has(family)) continue;
      CONTEXT_HERE[family].lastIndex = match.index;
      if (CONTEXT_HERE[family].test(text)) found.add(family);
    }
    EVERY_CONTEXT.lastIndex = match.index + 1;
  }
  EVERY_CONTEXT.lastIndex = 0;
  return found;
}

/** What findRegistrationNumbers is held to: each family's own check on the whole text. */
export const contextFamiliesOneByOne = (text: string) => new Set(FAMILIES.filter((family) => MAY_HAVE[family].test(text)));

export function findRegistrationNumbers(text: string): Entity[] {
  const families = contextFamilies(text);
  if (families.size === 0 || !MAY_HAVE_NUMBER.test(text)) return [];
  return [
    ...(families.has('gmc') ? findGmcNumbers(text) : []),
    ...(families.has('nmc') ? findNmcPins(text) : []),
    ...(families.has('dbs') ? findDbsNumbers(text) : []),
    ...(families.has('hcpc') ? findHcpcNumbers(text) : []),
    ...(families.has('gphc') ? findGphcNumbers(text) : []),
  ];
}
