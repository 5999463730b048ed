import { enumWord, registrationBodyWords } from '../../../server/platform/words/enum-words.ts';
/**
 * How close a renewal or expiry date is, in bands the dashboard colours and names (never
 * colour alone): expired, within 7 days, within 30 days, within 90 days, later. Dates are ISO
 * calendar days (YYYY-MM-DD) compared in UTC, as the server does, so nothing drifts with time zones.
 */

export type ExpiryBand = 'expired' | 'week' | 'month' | 'quarter' | 'later';

export interface BandInfo {
  band: ExpiryBand;
  /** Whole days from today to the date (negative once it has passed). */
  days: number;
  /** Short, colour-independent label, e.g. "Expired", "Within 7 days". */
  label: string;
  /** "Expired 3 days ago", "Due today", "Due in 12 days". */
  detail: string;
  /** The same without the band's word, to follow its label: "3 days ago", "today", "in 12 days". */
  when: string;
  /** Badge classes from styles.css plus this screen's own level class. */
  badgeClass: string;
}

const DAY_MS = 86_400_000;

export const isoToUtc = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

export function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((isoToUtc(toIso) - isoToUtc(fromIso)) / DAY_MS);
}

/** Today as YYYY-MM-DD in a time zone (the clinician's, from /api/me). */
export function todayIn(timeZone: string | undefined, now: Date = new Date()): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone: timeZone || 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

const LABELS: Record<ExpiryBand, string> = {
  expired: 'Expired',
  week: 'Within 7 days',
  month: 'Within 30 days',
  quarter: 'Within 90 days',
  later: 'Not due soon',
};

const BADGES: Record<ExpiryBand, string> = {
  expired: 'badge badge-danger',
  week: 'badge badge-warn expiry-week',
  month: 'badge badge-warn expiry-month',
  quarter: 'badge expiry-quarter',
  later: 'badge badge-ok',
};

export function bandFor(days: number): ExpiryBand {
  if (days < 0) return 'expired';
  if (days <= 7) return 'week';
  if (days <= 30) return 'month';
  if (days <= 90) return 'quarter';
  return 'later';
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function expiryBand(dateIso: string, todayIso: string): BandInfo {
  const days = daysBetween(todayIso, dateIso);
  const band = bandFor(days);
  const detail = days < 0 ? `Expired ${plural(-days, 'day')} ago` : days === 0 ? 'Due today' : days === 1 ? 'Due tomorrow' : `Due in ${plural(days, 'day')}`;
  const when = days < 0 ? `${plural(-days, 'day')} ago` : days === 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${plural(days, 'day')}`;
  return { band, days, label: LABELS[band], detail, when, badgeClass: BADGES[band] };
}

export const BAND_ORDER: ExpiryBand[] = ['expired', 'week', 'month', 'quarter', 'later'];
export const bandLabel = (band: ExpiryBand) => LABELS[band];

// ---- the timeline --------------------------------------------------------------------------

export interface TimelineSource {
  registrations?: Array<{ id: string; body: string; renewalDate: string | null; revalidationDate: string | null }>;
  training?: Array<{ id: string; name: string; expiresOn: string | null }>;
  dbs?: Array<{ id: string; level: string; updateService: boolean; updateServiceRenewalDate: string | null }>;
}

export interface TimelineItem extends BandInfo {
  key: string;
  date: string;
  title: string;
  kind: 'registration' | 'training' | 'dbs';
  recordId: string;
}

/** Every dated renewal or expiry in the record, soonest (or longest overdue) first. */
export function buildTimeline(source: TimelineSource, todayIso: string): TimelineItem[] {
  const items: Array<Omit<TimelineItem, keyof BandInfo>> = [];
  for (const r of source.registrations ?? []) {
    if (r.renewalDate) items.push({ key: `reg-renew-${r.id}`, date: r.renewalDate, title: `${registrationBodyWords(r.body)} registration renewal`, kind: 'registration', recordId: r.id });
    if (r.revalidationDate) items.push({ key: `reg-reval-${r.id}`, date: r.revalidationDate, title: `${registrationBodyWords(r.body)} revalidation`, kind: 'registration', recordId: r.id });
  }
  for (const t of source.training ?? []) {
    if (t.expiresOn) items.push({ key: `training-${t.id}`, date: t.expiresOn, title: t.name, kind: 'training', recordId: t.id });
  }
  for (const d of source.dbs ?? []) {
    if (d.updateService && d.updateServiceRenewalDate)
      items.push({
        key: `dbs-${d.id}`,
        date: d.updateServiceRenewalDate,
        title: `DBS Update Service renewal (${enumWord(d.level)} check)`,
        kind: 'dbs',
        recordId: d.id,
      });
  }
  return items.map((item) => ({ ...item, ...expiryBand(item.date, todayIso) })).sort((a, b) => (a.date === b.date ? a.title.localeCompare(b.title) : a.date < b.date ? -1 : 1));
}

/** How many timeline items fall in each band. */
export function countBands(items: Array<{ band: ExpiryBand }>): Record<ExpiryBand, number> {
  const counts: Record<ExpiryBand, number> = { expired: 0, week: 0, month: 0, quarter: 0, later: 0 };
  for (const item of items) counts[item.band] += 1;
  return counts;
}

/**
 * The dashboard's numbers: "due within 90 days" counts everything due in the next 90 days
 * (so it includes what is due within 30 and within 7). The tiles and the timeline's summary both
 * read these, so a person never sees "3 due within 90 days" next to "Within 90 days: 1".
 */
export const DUE_SUMMARY = [
  { key: 'expired', label: 'expired', bands: ['expired'] },
  { key: 'within30', label: 'due within 30 days', bands: ['week', 'month'] },
  { key: 'within90', label: 'due within 90 days', bands: ['week', 'month', 'quarter'] },
] as const satisfies ReadonlyArray<{ key: string; label: string; bands: readonly ExpiryBand[] }>;

export type DueSummary = Record<(typeof DUE_SUMMARY)[number]['key'], number>;

export function summariseDue(items: Array<{ band: ExpiryBand }>): DueSummary {
  const counts = countBands(items);
  const sum = (bands: readonly ExpiryBand[]) => bands.reduce((n, b) => n + counts[b], 0);
  return { expired: sum(DUE_SUMMARY[0].bands), within30: sum(DUE_SUMMARY[1].bands), within90: sum(DUE_SUMMARY[2].bands) };
}
