import { z } from 'zod';
import { ZEvidenceRef } from '../jd-analysis/schema.ts';

/**
 * A CV draft: sections of items, each citing the records it rests on. Direct identifiers
 * never appear in a draft: a registration number is the placeholder
 * `[[registration:<id>:number]]`, filled in from the record when the CV is rendered.
 */
/** The CV's sections, in the order a UK doctor's CV puts them (the GMC-style order): the one list of them. */
export const SECTION_KINDS = [
  'profile',
  'registration',
  'experience',
  'shifts',
  'training',
  'courses',
  'education',
  'audit',
  'publications',
  'presentations',
  'teaching',
  'leadership',
  'achievements',
  'memberships',
  'procedures',
  'skills',
  // Made from the record after the draft is checked, never by a model (cv-render/build.ts).
  'referees',
  // The locum profile's specialties and availability: also the record's, never a model's.
  'availability',
] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];
/** Sections the product makes from the record after the grounding check; a draft's are dropped. */
export const RECORD_MADE_SECTIONS: readonly SectionKind[] = ['referees', 'availability'];

export const ZDraftItem = z.object({
  title: z.string().describe('e.g. the job title as employed, the course name, the qualification'),
  subtitle: z.string().nullable().describe('e.g. employer and site, course provider, institution'),
  dates: z.string().nullable().describe('Dates exactly as in the cited records, e.g. "2024-08-07 to 2025-08-05"'),
  bullets: z.array(z.string()).describe("Points in the clinician's own wording from the cited records"),
  cites: z.array(ZEvidenceRef).min(1).describe('The ids of the records this item rests on'),
});
export type DraftItem = z.infer<typeof ZDraftItem>;

export const ZDraftSection = z.object({
  kind: z.enum(SECTION_KINDS),
  title: z.string(),
  items: z.array(ZDraftItem),
});
export const ZDraft = z.object({ sections: z.array(ZDraftSection) });
export type Draft = z.infer<typeof ZDraft>;

export const ZRemovedItem = z.object({
  section: z.string(),
  text: z.string().describe('What was removed'),
  reason: z.string().describe('Which fact the record does not support'),
});
export type RemovedItem = z.infer<typeof ZRemovedItem>;
