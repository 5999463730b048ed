/**
 * Honorifics that precede names in NHS prose; "Sister" and "Nurse" are used as titles there, and
 * chaplaincy notes name clergy ("Father Michael", "Revd Ann Lowe").
 */
export const TITLES = ['Dr', 'Mr', 'Mrs', 'Ms', 'Miss', 'Mx', 'Prof', 'Professor', 'Sister', 'Nurse', 'Sir', 'Dame', 'Father', 'Rev', 'Revd', 'Reverend'] as const;

const TITLE_WORD = new RegExp(`^(?:${TITLES.join('|')})\\.?$`, 'i');

export const isTitle = (word: string) => TITLE_WORD.test(word);

/** A regex fragment for a capitalised title, with or without the abbreviating dot. */
export const TITLE_PATTERN = `(?:${[...TITLES].sort((a, b) => b.length - a.length).join('|')})\\.?`;
