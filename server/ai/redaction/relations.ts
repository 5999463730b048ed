/*
 * How notes name the people around a patient: relatives, carers and next of kin ("her daughter
 * Sarah", "patient's husband, Mr Tom Hale", "next of kin: Priya Shah"). A relation word alone is
 * weak evidence ("our partner Leeds Teaching Hospitals"), so it must follow a possessive
 * ("her", "his", "patient's"); the labels below are strong enough on their own.
 */
const RELATIONS = [
  'daughter', 'son', 'husband', 'wife', 'partner', 'spouse', 'fiancée?', 'girlfriend', 'boyfriend',
  'mother', 'father', 'mum', 'mom', 'dad', 'parent', 'brother', 'sister', 'sibling', 'twin',
  'grandson', 'granddaughter', 'grandchild', 'grandmother', 'grandfather', 'grandma', 'grandpa', 'gran', 'nan',
  'niece', 'nephew', 'aunt', 'auntie', 'uncle', 'cousin', 'stepson', 'stepdaughter', 'stepmother', 'stepfather',
  'son-in-law', 'daughter-in-law', 'mother-in-law', 'father-in-law',
  'friend', 'neighbour', 'neighbor', 'carer', 'caregiver', 'guardian', 'relative', 'next of kin', 'NOK',
];

const POSSESSIVES = ["her", "his", "their", "my", "your", "patient['’]s", "pt['’]s"];

// "eldest daughter", "main carer", "late husband": a word between possessive and relation.
const QUALIFIERS = ['eldest', 'youngest', 'older', 'younger', 'elder', 'late', 'ex', 'main', 'usual', 'paid', 'only', 'other'];

// Labels that introduce a person without a possessive, as forms and handovers write them; only
// as labels, with a colon, a dash or "is" after them ("Carer Support Worker" is a job).
const LABELS = ['next of kin', 'NOK', 'carer', 'main carer', 'emergency contact', 'lasting power of attorney', 'LPA'];

const alternatives = (words: readonly string[]) =>
  words.map((w) => w.replace(/ /g, String.raw`\s+`).replace(/^(\p{L})/u, (c) => `[${c.toLowerCase()}${c.toUpperCase()}]`)).join('|');

/** A regex fragment for a possessive, an optional qualifier and a relation word. */
export const RELATION_PATTERN = `(?:(?:${alternatives(POSSESSIVES)})\\s+(?:(?:${alternatives(QUALIFIERS)})[ \\t-]+)?(?:${alternatives(RELATIONS)})|(?:${alternatives(LABELS)})(?:[ \\t]*[:\\-–]|[ \\t]+is))`;
