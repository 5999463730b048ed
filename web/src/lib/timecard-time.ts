/**
 * Time arithmetic for the time card screen: pure functions, so the live timer and the history
 * agree with each other and can be tested without a clock.
 */

export interface ShiftTimes {
  clockIn: string;
  clockOut: string | null;
  /** Finished breaks, in minutes (the one in progress is not included). */
  breakMinutes: number;
  onBreakSince: string | null;
}

/** Milliseconds worked, net of breaks, up to `now` for an open shift (never negative). */
export function workedMs(shift: ShiftTimes, now: number): number {
  const start = Date.parse(shift.clockIn);
  const end = shift.clockOut ? Date.parse(shift.clockOut) : now;
  const currentBreak = !shift.clockOut && shift.onBreakSince ? Math.max(0, now - Date.parse(shift.onBreakSince)) : 0;
  return Math.max(0, end - start - shift.breakMinutes * 60_000 - currentBreak);
}

/** Milliseconds of the break in progress (0 when not on a break). */
export function currentBreakMs(shift: ShiftTimes, now: number): number {
  if (shift.clockOut || !shift.onBreakSince) return 0;
  return Math.max(0, now - Date.parse(shift.onBreakSince));
}

/** A stopwatch: "0:00:05", "2:03:09", "27:00:00" (hours are not wrapped). */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

/** Words for people and screen readers: "2 hours 5 minutes", "45 minutes", "less than a minute". */
export function formatDurationWords(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return 'less than a minute';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const parts = [h ? `${h} hour${h === 1 ? '' : 's'}` : '', m ? `${m} minute${m === 1 ? '' : 's'}` : ''].filter(Boolean);
  return parts.join(' ');
}

/** Decimal hours as hours and minutes: 7.5 -> "7h 30m", 0.25 -> "0h 15m". */
export function formatHours(hours: number): string {
  const minutes = Math.round(Math.max(0, hours) * 60);
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

/** Break minutes as "45 min", "1h 10m", "None". */
export function formatBreak(minutes: number): string {
  if (minutes <= 0) return 'None';
  if (minutes < 60) return `${minutes} min`;
  return formatHours(minutes / 60);
}

/** "Mon 3 Mar, 08:00" in the shift's own time zone (falls back to the browser's). */
export function formatShiftTime(iso: string, timeZone?: string): string {
  const options: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hour12: false };
  try {
    return new Intl.DateTimeFormat('en-GB', { ...options, ...(timeZone ? { timeZone } : {}) }).format(new Date(iso));
  } catch {
    return new Intl.DateTimeFormat('en-GB', options).format(new Date(iso));
  }
}

/** "08:00" in the shift's time zone. */
export function formatTimeOfDay(iso: string, timeZone?: string): string {
  try {
    return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, ...(timeZone ? { timeZone } : {}) }).format(new Date(iso));
  } catch {
    return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));
  }
}

export type TimecardDisplayStatus = 'in-progress' | 'draft' | 'submitted' | 'approved' | 'rejected';

/** The server says `open` for both a running shift and a finished one not yet submitted. */
export function displayStatus(card: { status: 'open' | 'submitted' | 'approved' | 'rejected'; clockOut: string | null }): TimecardDisplayStatus {
  if (card.status === 'open') return card.clockOut ? 'draft' : 'in-progress';
  return card.status;
}

export const STATUS_LABEL: Record<TimecardDisplayStatus, string> = {
  'in-progress': 'On shift',
  draft: 'Draft',
  submitted: 'Awaiting approval',
  approved: 'Approved',
  rejected: 'Rejected',
};

/** Draft or rejected shifts can be corrected, deleted and submitted; submitted or approved ones cannot. */
export const isEditable = (card: { status: string; clockOut: string | null }) => (card.status === 'open' || card.status === 'rejected') && card.clockOut !== null;
