/*
 * How notes name the people around a patient: relatives, carers and next of kin ("her daughter
 * Sarah", "patient's husband, Mr Tom Hale", "next of kin: Priya Shah", "Ellen, her daughter",
 * "Hamid (brother)"). A relation word alone is weak evidence ("our partner Leeds Teaching
 * Hospitals"), so it must follow a possessive or an opening bracket, or be a family word starting
 * a sentence ("Wife (Marion) present"); the labels below are strong enough on their own.
 */
const FAMILY = [
  'daughter',
  'son',
  'husband',
  'wife',
  'spouse',
  'fiancée?',
  'girlfriend',
  'boyfriend',
  'mother',
  'father',
  'mum',
  'mom',
  'dad',
  'parent',
  'brother',
  'sister',
  'sibling',
  'twin',
  'grandson',
  'granddaughter',
  'grandchild',
  'grandmother',
  'grandfather',
  'grandma',
  'grandpa',
  'gran',
  'nan',
  'niece',
  'nephew',
  'aunt',
  'auntie',
  'uncle',
  'cousin',
  'stepson',
  'stepdaughter',
  'stepmother',
  'stepfather',
  'son-in-law',
  'daughter-in-law',
  'mother-in-law',
  'father-in-law',
  'brother-in-law',
  'sister-in-law',
];
// Also people around a patient, but words that start job titles and service names too
// ("Carer Support Worker", "Partner organisations"), so never trusted at a sentence start.
const OTHERS = ['partner', 'friend', 'neighbour', 'neighbor', 'carer', 'caregiver', 'guardian', 'relative', 'next of kin', 'NOK'];

const POSSESSIVES = ['her', 'his', 'their', 'my', 'your', "patient['’]s", "pt['’]s"];

// "eldest daughter", "main carer", "late husband": a word between possessive and relation.
const QUALIFIERS = ['eldest', 'youngest', 'older', 'younger', 'elder', 'late', 'ex', 'main', 'usual', 'paid', 'only', 'other'];

// Labels that introduce a person without a possessive, as forms and handovers write them; only
// as labels, with a colon, a dash or "is" after them ("Carer Support Worker" is a job).
const LABELS = ['next of kin', 'NOK', 'carer', 'main carer', 'emergency contact', 'lasting power of attorney', 'LPA'];

/** Alternation of phrases, each starting in either case ("her" and "Her"), with flexible spacing. */
const anyCase = (words: readonly string[]) => words.map((w) => w.replace(/ /g, String.raw`\s+`).replace(/^(\p{L})/u, (c) => `[${c.toLowerCase()}${c.toUpperCase()}]`)).join('|');
/** The same, capitalised only: a sentence-initial word. */
const capitalised = (words: readonly string[]) => words.map((w) => w.replace(/ /g, String.raw`\s+`).replace(/^(\p{L})/u, (c) => c.toUpperCase())).join('|');

const RELATION = `(?:${anyCase(FAMILY)}|${anyCase(OTHERS)})`;
// Someone's family member by name ("Rose Kavanagh's granddaughter Chloe"); family words only,
// as "the Trust's partner" or "St Mary's friends" are not people.
const NAMED_POSSESSIVE = String.raw`\p{Lu}\p{Ll}+['’]s\s+`;
const POSSESSED = `(?:(?:(?:${anyCase(POSSESSIVES)})\\s+|\\(\\s*)(?:(?:${anyCase(QUALIFIERS)})[ \\t-]+)?${RELATION}|${NAMED_POSSESSIVE}(?:${anyCase(FAMILY)}))`;
const SENTENCE_START = String.raw`(?<=^|[.!?;]\s+|\n)`;

/** A regex fragment for what introduces a relative before their name. */
export const RELATION_BEFORE_NAME = `(?:${POSSESSED}|${SENTENCE_START}(?:${capitalised(FAMILY)})|(?:${anyCase(LABELS)})(?:[ \\t]*[:\\-–]|[ \\t]+is))`;

/**
 * A regex fragment for what says, after a name, that it is a relative or has one: ", her
 * daughter", " (brother)", "'s granddaughter".
 */
export const RELATION_AFTER_NAME = `(?:[ \\t]*,[ \\t]*(?:the[ \\t]+)?${POSSESSED}|[ \\t]*\\([ \\t]*${RELATION}[ \\t]*[),]|['’]s[ \\t]+(?:${anyCase(FAMILY)}))`;

/*
 * The relation patterns are slow to run (lookbehinds and long alternations tried at every
 * position), and most text names no relative: every match holds one of these words, so text
 * without any of them is skipped. The gate must be looser than the patterns, never tighter:
 * - in every pattern a relation word follows a space, a bracket, a dash, the start of the text
 *   or (a label) a character that is neither letter nor digit, never a letter or digit, so the
 *   gate wants a word start: "son" in "reason", "nan" in "finance" or "mum" in "minimum" no
 *   longer send the text through the costly patterns;
 * - a relation word is written as listed, with its first letter in either case (anyCase and
 *   capitalised above), so the gate takes the same spellings and no others ("SON" never matched);
 * - its end is left open ("her sonJames" matches RELATIVE, so "son" need not end a word).
 * The words are grouped by first letter, which V8 matches faster than one long alternation.
 */
const byFirstLetter = new Map<string, string[]>();
for (const word of new Set([...FAMILY, ...OTHERS, ...LABELS])) {
  const first = word.charAt(0).toLowerCase();
  byFirstLetter.set(first, [...(byFirstLetter.get(first) ?? []), word.slice(1).replace(/ /g, String.raw`\s+`)]);
}
const RELATION_WORDS = [...byFirstLetter].map(([first, rests]) => `[${first}${first.toUpperCase()}](?:${rests.join('|')})`).join('|');
// `\b` is the cheapest word start to test, but it also refuses a word after "_", which the
// patterns do not ("x_carer: Mark Evans"): text with an underscore takes the exact check.
/** A regex fragment for a relation word at an ASCII word start; see mayNameRelative. */
export const RELATION_WORD_AT_WORD_START_SOURCE = `\\b(?:${RELATION_WORDS})`;
const RELATION_WORD_AT_WORD_START = new RegExp(RELATION_WORD_AT_WORD_START_SOURCE);
const RELATION_WORD_AFTER_NO_LETTER_OR_DIGIT = new RegExp(`(?<![A-Za-z0-9])(?:${RELATION_WORDS})`);
export const mayNameRelative = (text: string) => RELATION_WORD_AT_WORD_START.test(text) || (text.includes('_') && RELATION_WORD_AFTER_NO_LETTER_OR_DIGIT.test(text));
