/**
 * The words a person reads for each stored enum value ("enhanced-barred" is "enhanced with barred
 * lists"). One table per enum, used by the server's sentences, pages and validation messages and by
 * the web app's selects and lists. Imports nothing, so the web app can use it.
 */

export const CONTRACT_WORDS = {
  substantive: 'substantive post',
  bank: 'bank',
  agency: 'agency',
  locum: 'locum',
  'fixed-term': 'fixed term',
  honorary: 'honorary',
  other: 'other contract',
} as const;

export const DBS_LEVEL_WORDS = {
  basic: 'basic',
  standard: 'standard',
  enhanced: 'enhanced',
  'enhanced-barred': 'enhanced with barred lists',
} as const;

export const DBS_WORKFORCE_WORDS = {
  child: 'child workforce',
  adult: 'adult workforce',
  both: 'child and adult workforce',
  other: 'other workforce',
} as const;

/** Regulators go by their initials ("GMC"); only the US state boards need words. */
export const REGISTRATION_BODY_WORDS = { 'US-STATE-BOARD': 'US state board' } as const;

export const USAGE_METRIC_WORDS = {
  assistant_messages: { one: 'assistant message', many: 'assistant messages' },
  cv_generations: { one: 'tailored CV', many: 'tailored CVs' },
  llm_tokens: { one: 'AI token', many: 'AI tokens' },
} as const;

/** Kept apart from ALL_WORDS: their "other" is not a contract's or a workforce's. */
export const PUBLICATION_TYPE_WORDS = {
  'journal-article': 'journal article',
  review: 'review',
  'case-report': 'case report',
  letter: 'letter',
  abstract: 'abstract',
  'book-chapter': 'book chapter',
  book: 'book',
  guideline: 'guideline',
  thesis: 'thesis',
  other: 'publication',
} as const;
export const publicationTypeWords = (type: string) => (PUBLICATION_TYPE_WORDS as Record<string, string>)[type] ?? type.replace(/-/g, ' ');

/** How a CV and the record page name an activity's category. */
export const ACTIVITY_CATEGORY_WORDS = {
  audit: 'Audit',
  'quality-improvement': 'Quality improvement project',
  teaching: 'Teaching',
  presentation: 'Oral presentation',
  poster: 'Poster',
  leadership: 'Leadership',
  management: 'Management',
  project: 'Project',
} as const;

const ALL_WORDS: Record<string, string> = { ...CONTRACT_WORDS, ...DBS_LEVEL_WORDS, ...DBS_WORKFORCE_WORDS, ...REGISTRATION_BODY_WORDS };

/** "GMC", "US state board": a registration body as people write it. */
export const registrationBodyWords = (body: string) => (REGISTRATION_BODY_WORDS as Record<string, string>)[body] ?? body;

/** The person's word for any enum value above; an unknown value is returned with dashes and underscores as spaces. */
export function enumWord(value: string): string {
  return ALL_WORDS[value] ?? value.replace(/[-_]+/g, ' ');
}

export const capitalise = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

/** "Enhanced with barred lists DBS check". */
export const dbsCheckWords = (level: string) => `${capitalise(enumWord(level))} DBS check`;

/** "3 tailored CVs", "1 assistant message". */
export function usageWords(metric: keyof typeof USAGE_METRIC_WORDS, count: number): string {
  const w = USAGE_METRIC_WORDS[metric];
  return `${count} ${count === 1 ? w.one : w.many}`;
}

/** How a requirement of an advert stands against the record, as a person says it. */
export const REQUIREMENT_STATUS_WORDS = {
  met: 'met',
  'probably-met': 'probably met (check the wording)',
  unmet: 'not met',
  expired: 'expired',
  expiring: 'expiring within 30 days',
} as const;
