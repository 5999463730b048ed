/**
 * Working-time rules for shifts (UK Working Time Regulations and junior doctor contract
 * limits): warnings, never refusals, because the clinician did work those hours. The one
 * refusal is a shift too short to be work (`MIN_SHIFT_MINUTES`), which is not sent for approval.
 */
export const MAX_SHIFT_HOURS = 13;
export const MIN_REST_HOURS = 11;
export const MAX_HOURS_IN_7_DAYS = 72;
/**
 * Below this, a finished shift is a slip (clocked in and out by mistake, or times typed wrong),
 * not work: it is flagged, and it cannot be sent to a supervisor for approval.
 */
export const MIN_SHIFT_MINUTES = 15;

const HOUR = 3_600_000;

export interface Shift {
  id: string;
  clockIn: Date;
  clockOut: Date | null;
  breakMinutes: number;
}

export interface WorkingTimeWarning {
  code: 'LONG_SHIFT' | 'SHORT_REST' | 'OVER_72_HOURS_IN_7_DAYS' | 'TOO_SHORT';
  message: string;
}

export const workedHours = (s: Shift, now: Date) => Math.max(0, ((s.clockOut ?? now).getTime() - s.clockIn.getTime()) / HOUR - s.breakMinutes / 60);

const round1 = (x: number) => Math.round(x * 10) / 10;

/** "5 seconds", "12 minutes": how long a too-short shift is, in words. */
function shortLength(hours: number): string {
  const seconds = Math.round(hours * 3600);
  if (seconds < 60) return `${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}

/** Why a finished shift cannot be sent for approval, or undefined when it can. */
export function tooShortToSubmit(shift: Shift, now: Date): string | undefined {
  if (!shift.clockOut) return undefined;
  const hours = workedHours(shift, now);
  if (hours * 60 >= MIN_SHIFT_MINUTES) return undefined;
  return `This shift has ${shortLength(hours)} of work, under ${MIN_SHIFT_MINUTES} minutes: correct its times (or delete it) before asking for approval`;
}

/** Warnings for `shift` given all of the clinician's shifts (including it). */
export function workingTimeWarnings(shift: Shift, all: Shift[], now: Date): WorkingTimeWarning[] {
  const warnings: WorkingTimeWarning[] = [];
  const hours = workedHours(shift, now);
  const tooShort = tooShortToSubmit(shift, now);
  if (tooShort) warnings.push({ code: 'TOO_SHORT', message: tooShort });
  if (hours > MAX_SHIFT_HOURS) {
    warnings.push({ code: 'LONG_SHIFT', message: `${round1(hours)} hours worked: more than ${MAX_SHIFT_HOURS} hours in one shift` });
  }
  const previous = all.filter((s) => s.id !== shift.id && s.clockOut && s.clockOut.getTime() <= shift.clockIn.getTime()).sort((a, b) => b.clockOut!.getTime() - a.clockOut!.getTime())[0];
  if (previous) {
    const rest = (shift.clockIn.getTime() - previous.clockOut!.getTime()) / HOUR;
    if (rest < MIN_REST_HOURS) warnings.push({ code: 'SHORT_REST', message: `${round1(rest)} hours of rest before this shift: less than ${MIN_REST_HOURS}` });
  }
  // Any 7-day window ending with this shift: count the part of each shift inside the window.
  const end = (shift.clockOut ?? now).getTime();
  const start = end - 7 * 24 * HOUR;
  const windowHours = all.reduce((sum, s) => {
    const from = Math.max(s.clockIn.getTime(), start);
    const to = Math.min((s.clockOut ?? now).getTime(), end);
    if (to <= from) return sum;
    const fraction = (to - from) / ((s.clockOut ?? now).getTime() - s.clockIn.getTime());
    return sum + workedHours(s, now) * fraction;
  }, 0);
  if (windowHours > MAX_HOURS_IN_7_DAYS) {
    warnings.push({ code: 'OVER_72_HOURS_IN_7_DAYS', message: `${round1(windowHours)} hours in the 7 days to the end of this shift: more than ${MAX_HOURS_IN_7_DAYS}` });
  }
  return warnings;
}
