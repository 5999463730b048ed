import { z } from 'zod';
import { noControlCharacters } from '../accounts/schema.ts';
import { ZIsoDate } from '../record/dates.ts';

/**
 * The locum profile: the specialties a clinician takes shifts in and when and where they can
 * work. Contracts of the profile domain; the web app imports these. Nothing here identifies
 * anyone, but none of it is sent to a model either: the locum CV prints it from the record.
 */

const text = (max: number) => z.string().trim().min(1, 'is required').max(max).refine(noControlCharacters, 'must not contain control characters');
// A refinement, not .int(): its message reaches the clinician.
const wholeNumber = (max: number) => z.number().refine(Number.isInteger, 'must be a whole number').min(0).max(max);
/** A list a person typed: each entry once (case aside), in their order. */
const distinctList = (max: number) =>
  z
    .array(text(120))
    .max(max)
    .refine((xs) => new Set(xs.map((x) => x.toLowerCase())).size === xs.length, 'must not name the same one twice');

export const SHIFT_PATTERNS = ['days', 'long-days', 'nights', 'twilights', 'weekends', 'on-call'] as const;
export const ZShiftPattern = z.enum(SHIFT_PATTERNS);

export const ZLocumProfileInput = z.object({
  specialties: distinctList(20).optional().describe('Specialties you take shifts in, e.g. Emergency medicine, Acute medicine'),
  shiftPatterns: z
    .array(ZShiftPattern)
    .max(SHIFT_PATTERNS.length)
    .refine((xs) => new Set(xs).size === xs.length, 'must not name the same one twice')
    .optional()
    .describe('days, long-days, nights, twilights, weekends, on-call'),
  noticeDays: wholeNumber(365).nullable().optional().describe('Days of notice you need before a shift or placement'),
  regions: distinctList(20).optional().describe('Where you work, e.g. North West, Greater Manchester'),
  travelRadiusMiles: wholeNumber(1000).nullable().optional().describe('How far you travel from home, in miles'),
  availableFrom: ZIsoDate.nullable().optional().describe('The earliest date you can start'),
});
export type LocumProfileInput = z.infer<typeof ZLocumProfileInput>;

export const ZLocumProfile = z.object({
  specialties: z.array(z.string()),
  shiftPatterns: z.array(ZShiftPattern),
  noticeDays: z.number().int().nullable(),
  regions: z.array(z.string()),
  travelRadiusMiles: z.number().int().nullable(),
  availableFrom: z.string().nullable(),
});
export type LocumProfile = z.infer<typeof ZLocumProfile>;

export const EMPTY_LOCUM_PROFILE: LocumProfile = { specialties: [], shiftPatterns: [], noticeDays: null, regions: [], travelRadiusMiles: null, availableFrom: null };
