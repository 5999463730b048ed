import type { Draft, DraftItem } from '../ai/cv-draft/schema.ts';
import { SECTION_TITLES } from '../ai/grounding.ts';
import { PROFILE_REF } from '../ai/record-view.ts';
import type { LocumProfile } from '../domains/profile/schema.ts';
import { capitalise, enumWord } from '../platform/words/enum-words.ts';
import { peopleDate } from '../platform/words/people-dates.ts';

/**
 * The locum profile's specialties and availability, as the one-page locum CV prints them beside
 * compliance. Made from what the clinician entered, after the draft was checked, like the
 * referees (no model writes or sees it): each line is one field in the product's words, and a
 * field left empty prints nothing. Null when there is nothing to say.
 */
export function availabilitySection(p: LocumProfile, today: string): Draft['sections'][number] | null {
  const line = (title: string, subtitle: string | null | undefined): DraftItem[] => (subtitle ? [{ title, subtitle, dates: null, bullets: [], cites: [{ ...PROFILE_REF }] }] : []);
  const notice = p.noticeDays === null ? null : p.noticeDays === 0 ? 'No notice needed' : `${p.noticeDays} ${p.noticeDays === 1 ? "day's" : "days'"} notice`;
  // A start date already reached means "now": the CV is read after it is made, and an old date misleads.
  const start = p.availableFrom === null ? null : p.availableFrom > today ? `From ${peopleDate(p.availableFrom)}` : 'Now';
  const travel = p.travelRadiusMiles === null ? null : `Up to ${p.travelRadiusMiles} ${p.travelRadiusMiles === 1 ? 'mile' : 'miles'}`;
  const items = [
    ...line('Specialties', p.specialties.join(', ')),
    ...line('Shift patterns', capitalise(p.shiftPatterns.map(enumWord).join(', '))),
    ...line('Available', start),
    ...line('Notice', notice),
    ...line('Regions', p.regions.join(', ')),
    ...line('Travel', travel),
  ];
  return items.length ? { kind: 'availability', title: SECTION_TITLES.availability, items } : null;
}
