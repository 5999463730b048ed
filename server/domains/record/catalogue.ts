import { addMonths, endOfMonth } from './dates.ts';
import { COURSES, findCourses } from './courses.ts';

/**
 * The training catalogue: the courses of `courses.ts` that have a standard validity, so their
 * expiry can be computed and reminded. Validity periods are data (table `training_catalogue`,
 * editable by platform admins); the defaults below seed it.
 */
export interface CatalogueDefault {
  id: string;
  name: string;
  validityMonths: number;
  /** AHA cards run to the end of the month they expire in. */
  endOfMonth: boolean;
}

export const CATALOGUE_DEFAULTS: CatalogueDefault[] = COURSES.filter((c) => c.validityMonths !== undefined).map((c) => ({
  id: c.id,
  name: c.name,
  validityMonths: c.validityMonths!,
  endOfMonth: c.endOfMonth ?? false,
}));
const CATALOGUE_IDS = new Set(CATALOGUE_DEFAULTS.map((c) => c.id));

/** The catalogue entry a free-text certificate name refers to, if any. */
export function matchCatalogue(name: string): string | undefined {
  return findCourses(name).find((m) => CATALOGUE_IDS.has(m.id))?.id;
}

/** Expiry of a course completed on `completedOn` under a validity rule. */
export function computeExpiry(completedOn: string, rule: { validityMonths: number; endOfMonth: boolean }): string {
  const expiry = addMonths(completedOn, rule.validityMonths);
  return rule.endOfMonth ? endOfMonth(expiry) : expiry;
}
