/**
 * Dates for people: "7 Aug 2024". JSON keeps ISO dates for programs; whatever a person reads
 * (server-rendered pages, emails, findings, validation messages, the web app) goes through here,
 * so every screen writes a date the same way. Imports nothing, so the web app can use it.
 */

const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const MONTH = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * "2024-08-07" -> "7 Aug 2024" (a calendar day, never shifted by a time zone); an instant -> its
 * UTC day. Partial dates keep their precision, as CVs and JSON Resume write them: "2024-08" ->
 * "Aug 2024", "2024" -> "2024". Empty for null.
 */
export function peopleDate(value: string | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : DAY.format(value);
  if (/^\d{4}$/.test(value)) return value;
  if (ISO_MONTH.test(value)) return MONTH.format(new Date(`${value}-01T00:00:00Z`));
  const time = ISO_DAY.test(value) ? Date.parse(`${value}T00:00:00Z`) : Date.parse(value);
  return Number.isFinite(time) ? DAY.format(new Date(time)) : value;
}

/** "7 Aug 2024 to present", "1 Mar 2020 to 5 Jun 2021". */
export function peopleDateSpan(start: string | null | undefined, end: string | null | undefined, openEnd = 'present'): string {
  if (!start && !end) return '';
  return `${start ? peopleDate(start) : 'an unknown date'} to ${end ? peopleDate(end) : openEnd}`;
}

/** An instant in a named zone: "7 Aug 2024, 14:05". */
export function peopleDateTime(value: Date | string, timeZone = 'UTC'): string {
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  return new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(d);
}
