import { allMatches, NOT_AFTER_WORD, NOT_BEFORE_WORD, toEntity } from './scan.ts';
import { mayNameRelative, RELATION_AFTER_NAME, RELATION_BEFORE_NAME, RELATION_WORD_AT_WORD_START_SOURCE } from './relations.ts';
import { isTitle, TITLE_PATTERN } from './titles.ts';
import type { Entity } from './types.ts';

/*
 * Free-text names without a model: only these shapes are trusted, because capitalised words in
 * a CV are mostly job titles, specialties and organisations ("Specialty Registrar", "Northgate
 * University Hospitals NHS Foundation Trust"):
 *   - a title followed by a name ("Dr Sam Okafor", "Mrs Jones", "Mr. O'Neill");
 *   - the word "patient" followed by a name of at least two words ("my patient, Jane Doe");
 *   - a relative, carer or next of kin followed by a name, a first name alone being enough
 *     ("her daughter Sarah", "next of kin: Priya Shah", "Ellen, her daughter"; relations.ts);
 *   - a form or letter label before a name of at least two words ("Name: Grace Adebayo");
 *   - a name of at least two words followed by the patient's NHS number, age or date of birth.
 * The title itself is kept: it is not identifying, and "Dr [PERSON_1]" still tells the model
 * who is a colleague. Anything that reads as a role or an organisation ends the name, and a
 * name that would start with one is no name at all ("Nurse Practitioner", "Dr Who").
 */

// A capitalised word with the usual British name shapes: O'Neill, McDonald, Smith-Jones.
// Acronyms ("NHS", "ALS") never match because a lower-case letter must follow the capital.
const WORD = String.raw`(?:\p{Lu}['’])?\p{Lu}\p{Ll}+(?:\p{Lu}\p{Ll}+)?`;
const NAME_WORD = `${WORD}(?:-${WORD})*`;
const INITIAL = String.raw`\p{Lu}\.?`;

const TITLED = new RegExp(`${NOT_AFTER_WORD}${TITLE_PATTERN}[ \\t]+((?:${INITIAL}[ \\t]+){0,2}${NAME_WORD}(?:[ \\t]+${NAME_WORD}){0,2})${NOT_BEFORE_WORD}`, 'gu');
// "patient" (or "Patient" starting a sentence) before a name of at least two words. Team and
// role names ("Patient Safety Lead", "Patient Experience Team") fail the two-name-word rule,
// because role and organisation words end a name.
const PATIENT = new RegExp(`${NOT_AFTER_WORD}[Pp]atient(?:'s)?(?:\\s+name)?[ \\t]*[:,\\-–]?\\s*(${NAME_WORD}(?:[ \\t]+${NAME_WORD}){1,2})${NOT_BEFORE_WORD}`, 'gu');

// The relation word, optional punctuation or a bracket ("husband, Mr Tom Hale", "son (Raj)"),
// an optional title kept outside the name, then one to three name words.
const RELATIVE = new RegExp(`${NOT_AFTER_WORD}${RELATION_BEFORE_NAME}[ \\t]*[:,\\-–(]?[ \\t]*(?:${TITLE_PATTERN}[ \\t]+)?(${NAME_WORD}(?:[ \\t]+${NAME_WORD}){0,2})${NOT_BEFORE_WORD}`, 'gu');

// A name the text then says is a relative: "Ellen, her daughter", "Hamid (brother)".
const RELATIVE_BEFORE = new RegExp(`${NOT_AFTER_WORD}(${NAME_WORD}(?:[ \\t]+${NAME_WORD}){0,2})(?=${RELATION_AFTER_NAME})`, 'gu');
// What RELATIVE_BEFORE looks ahead for, alone (same flags): without it the pattern, tried at every
// capitalised word, cannot match ("her daughter Sarah" names the relative after the word).
const ANY_RELATION_AFTER_NAME = new RegExp(RELATION_AFTER_NAME, 'u');
// Form and letter labels before a name of at least two words ("Name: Grace Adebayo").
const LABEL = String.raw`(?:[Ff]ull name|[Nn]ame|[Pp]revious name|[Mm]aiden name|[Pp]atient details|[Rr]eferee|[Rr]eference|[Nn]urse in charge|[Cc]ontact|[Ss]igned)[ \t]*:`;
const FORM_LABEL = new RegExp(`${NOT_AFTER_WORD}${LABEL}[ \\t]*(${NAME_WORD}(?:[ \\t]+${NAME_WORD}){1,2})${NOT_BEFORE_WORD}`, 'gu');
// The label alone, found cheaply (no look-behind to try at every position).
const ANY_LABEL = new RegExp(LABEL, 'u');

// A name of two or three words that an NHS number, an age or a date of birth follows is the
// patient's ("Agnes Tully, 91, NHS ...", "Denise Holt (NHS ...").
const PATIENT_DETAIL = String.raw`NHS|DOB|D\.O\.B|[Dd]ate of birth|[Bb]orn`;
const PATIENT_DETAIL_WORD = new RegExp(PATIENT_DETAIL);
const BEFORE_PATIENT_DETAILS = new RegExp(`${NOT_AFTER_WORD}(${NAME_WORD}(?:[ \\t]+${NAME_WORD}){1,2})(?=[ \\t]*[,(][ \\t]*(?:\\d{1,3}[ \\t]*,[ \\t]*)?(?:${PATIENT_DETAIL})${NOT_BEFORE_WORD})`, 'gu');

/*
 * What TITLED and PATIENT hinge on, found cheaply: without it they cannot match anywhere. Each is
 * its pattern up to the first letter of the name, with that letter loosened to any capital or
 * non-ASCII character (no Unicode classes, so no /u needed): a title alone would let "Reviewed"
 * ("Rev") through, and "patient" alone every "the deteriorating patient." in clinical prose.
 */
const NAME_START = String.raw`[A-Z\u0080-\uFFFF]`;
const TITLE_BEFORE_NAME = `${TITLE_PATTERN}[ \\t]+${NAME_START}`;
const PATIENT_BEFORE_NAME = String.raw`[Pp]atient(?:'s)?(?:\s+name)?[ \t]*[:,\-–]?\s*${NAME_START}`;
const ANY_TITLE = new RegExp(TITLE_BEFORE_NAME);
const ANY_PATIENT = new RegExp(PATIENT_BEFORE_NAME);

const NOT_A_NAME = new Set(
  [
    // function words that follow a capitalised title ("Dr Who", "Miss Out")
    'A An And As At But By For From In Into Is It Its Of On Or Our Out So That The Their This To Was We What When Where Which Who Why With You Your',
    // roles and grades, and the patient as a role ("Patient's mother", "Pt's son")
    'Associate Assistant Band Charge Client Patient Pt Chief Clinical Consultant Director Educator Fellow Head Junior Lead Lecturer Manager Matron Midwife Nurse Officer Physician Practitioner Prescriber Registrar Resident Senior Sister Specialist Specialty Speciality Staff Student Supervisor Surgeon Tutor Trainee',
    // specialties and departments
    'Acute Anaesthetics Anaesthesia Cardiology Care Critical Emergency General Geriatrics Health Intensive Internal Medicine Medical Mental Obstetrics Oncology Paediatrics Paediatric Palliative Primary Psychiatry Radiology Surgery Surgical',
    // organisations and places
    'Bank Board Building Centre Center Clinic College Council Department Deanery Education Foundation Hospital Hospitals Institute Practice Research Royal School Service Services Team Training Trust Unit University Ward Wing',
  ]
    .join(' ')
    .split(' '),
);

const isNameWord = (word: string) => !NOT_A_NAME.has(word) && !isTitle(word);
// Module-level patterns, not literals in the functions: a literal makes a new RegExp object on
// every call, which costs several times the test on a word.
const INITIAL_WORD = /^\p{Lu}\.?$/u;
const isInitial = (word: string) => INITIAL_WORD.test(word);

/** How many leading words form a name, or 0 if fewer than `minWords` of them are real words. */
function nameLength(words: readonly string[], minWords: number): number {
  let length = 0;
  while (length < words.length && (isInitial(words[length] ?? '') || isNameWord(words[length] ?? ''))) length++;
  // A trailing initial belongs to whatever follows ("Dr Smith A&E"), not to the name.
  while (length > 0 && isInitial(words[length - 1] ?? '')) length--;
  const real = words.slice(0, length).filter((w) => !isInitial(w)).length;
  return real >= minWords ? length : 0;
}

const SPACED_WORD = /[^ \t]+/g;

/** Adds to `found` every name `pattern` introduces in `text`. */
function collect(found: Entity[], text: string, pattern: RegExp, minWords: number): void {
  for (const match of allMatches(pattern, text)) {
    const candidate = match[1] ?? '';
    const start = match.index + match[0].length - candidate.length;
    const words = allMatches(SPACED_WORD, candidate);
    const length = nameLength(
      words.map((w) => w[0]),
      minWords,
    );
    const last = words[length - 1];
    if (length === 0 || !last) continue;
    found.push(toEntity('PERSON', text, start, start + last.index + last[0].length));
  }
}

/*
 * Every word the shapes below hinge on, in one pattern: two messages in three have none of them
 * and are read once, not five times. Each shape wants its word where no letter or digit comes
 * before it (NOT_AFTER_WORD before a title, "patient", a label or a relation word; a blank, comma
 * or bracket before NHS or DOB), so the words are wanted at a word start, which `\b` (the
 * cheapest to test) finds too, except after "_": text with an underscore takes the five gates.
 * The label loses its `u` flag here, which changes nothing in it.
 */
const ANY_TRIGGER = new RegExp(`\\b(?:${[TITLE_BEFORE_NAME, PATIENT_BEFORE_NAME, RELATION_WORD_AT_WORD_START_SOURCE, LABEL, PATIENT_DETAIL].join('|')})`);

export function findPersonNames(text: string): Entity[] {
  if (!ANY_TRIGGER.test(text) && !text.includes('_')) return [];
  return namesOfEveryShape(text, true);
}

/** findPersonNames without any gate: what the gates are held to in person-names.test.ts. */
export const findPersonNamesUngated = (text: string) => namesOfEveryShape(text, false);

function namesOfEveryShape(text: string, gated: boolean): Entity[] {
  // Each shape runs only where the word it hinges on occurs: most text has no label, no
  // relative and no patient details, and these patterns are costly to try at every position.
  const all: Entity[] = [];
  if (!gated || ANY_TITLE.test(text)) collect(all, text, TITLED, 1);
  if (!gated || ANY_PATIENT.test(text)) collect(all, text, PATIENT, 2);
  if (!gated || mayNameRelative(text)) {
    collect(all, text, RELATIVE, 1);
    if (!gated || ANY_RELATION_AFTER_NAME.test(text)) collect(all, text, RELATIVE_BEFORE, 1);
  }
  if (!gated || (text.includes(':') && ANY_LABEL.test(text))) collect(all, text, FORM_LABEL, 2);
  if (!gated || PATIENT_DETAIL_WORD.test(text)) collect(all, text, BEFORE_PATIENT_DETAILS, 2);
  if (all.length < 2) return all;
  // Several shapes can find the same name ("Patient name: Jane Doe", "his wife, Mrs Hale").
  const seen = new Set<string>();
  return all.filter((e) => !seen.has(`${e.start}:${e.end}`) && Boolean(seen.add(`${e.start}:${e.end}`)));
}
