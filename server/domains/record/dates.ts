import { z } from 'zod';

/**
 * Calendar dates are ISO strings (YYYY-MM-DD) throughout: a registration renewal is a day,
 * not an instant, and must not drift with time zones. Arithmetic happens in UTC.
 */
export const ZIsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
  }, 'is not a real calendar date');

export const toDate = (iso: string) => new Date(`${iso}T00:00:00Z`);
export const toIsoDate = (date: Date) => date.toISOString().slice(0, 10);
/** "1 October 2026": for sentences a person reads (the ISO date stays in the data). */
// One formatter for every call: building an Intl.DateTimeFormat costs far more than formatting.
const READABLE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
export const readableDate = (iso: string) => READABLE.format(toDate(iso));
export const todayIn = (timeZone: string, now: Date) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);

export function addMonths(iso: string, months: number): string {
  const d = toDate(iso);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return toIsoDate(target);
}

export const endOfMonth = (iso: string) => {
  const d = toDate(iso);
  return toIsoDate(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)));
};

export const daysBetween = (fromIso: string, toIso: string) => Math.round((toDate(toIso).getTime() - toDate(fromIso).getTime()) / 86_400_000);

export const addDays = (iso: string, days: number) => toIsoDate(new Date(toDate(iso).getTime() + days * 86_400_000));

/** Dates further ahead than this are typing mistakes (renewals are at most a few years out). */
export const FAR_FUTURE_YEARS = 15;
