import { z } from 'zod';
import { noControlCharacters, ZEmail } from '../accounts/schema.ts';

const text = (max: number) => z.string().trim().min(1, 'is required').max(max).refine(noControlCharacters, 'must not contain control characters');
/** An instant with its offset, e.g. 2026-10-03T20:00:00+01:00; stored in UTC. */
const ZInstant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with a time zone offset' });

export const ZClockInRequest = z.object({
  employer: text(200),
  site: text(200).nullable().optional(),
  role: text(200).describe('Role on this shift, e.g. Locum Registrar, Emergency Medicine'),
  at: ZInstant.optional().describe('Defaults to now'),
  notes: text(2000).nullable().optional(),
});
export const ZClockOutRequest = z.object({ at: ZInstant.optional().describe('Defaults to now') });
export const ZBreakRequest = z.object({ action: z.enum(['start', 'end']), at: ZInstant.optional() });
export const ZManualTimecardRequest = z.object({
  employer: text(200),
  site: text(200).nullable().optional(),
  role: text(200),
  start: ZInstant,
  end: ZInstant,
  breakMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .optional(),
  notes: text(2000).nullable().optional(),
});
export const ZUpdateTimecardRequest = ZManualTimecardRequest.partial();
export const ZSubmitTimecardRequest = z.object({
  supervisorName: text(200),
  supervisorEmail: ZEmail,
  relationship: text(120).optional().describe('Defaults to "Shift supervisor"'),
});

export const ZWarning = z.object({ code: z.enum(['LONG_SHIFT', 'SHORT_REST', 'OVER_72_HOURS_IN_7_DAYS', 'TOO_SHORT']), message: z.string() });
export const ZTimecard = z.object({
  id: z.uuid(),
  employer: z.string(),
  site: z.string().nullable(),
  role: z.string(),
  clockIn: z.string(),
  clockOut: z.string().nullable(),
  breakMinutes: z.number().int(),
  onBreakSince: z.string().nullable(),
  timeZone: z.string(),
  hoursWorked: z.number().describe('Net of breaks; up to now for an open shift'),
  status: z.enum(['open', 'submitted', 'approved', 'rejected']),
  rejectionReason: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  notes: z.string().nullable(),
  warnings: z.array(ZWarning),
});
export type Timecard = z.infer<typeof ZTimecard>;
export const ZTimecardList = z.object({ timecards: z.array(ZTimecard) });

export const ZRollup = z
  .object({
    rows: z.array(
      z.object({
        employer: z.string(),
        role: z.string(),
        shifts: z.number().int(),
        hours: z.number(),
        firstShift: z.string(),
        lastShift: z.string(),
      }),
    ),
    totalHours: z.number(),
  })
  .describe('Approved shifts only: verified work history');
