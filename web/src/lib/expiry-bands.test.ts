import { describe, expect, it } from 'vitest';
import { bandFor, buildTimeline, countBands, daysBetween, expiryBand, todayIn } from './expiry-bands.ts';

describe('expiry bands', () => {
  const today = '2026-03-10';

  it('puts each distance in its band, with the edges inclusive', () => {
    expect([-1, 0, 7, 8, 30, 31, 90, 91].map(bandFor)).toEqual(['expired', 'week', 'week', 'month', 'month', 'quarter', 'quarter', 'later']);
  });

  it('names the band and the distance in words, not only in colour', () => {
    expect(expiryBand('2026-03-07', today)).toMatchObject({
      band: 'expired',
      days: -3,
      label: 'Expired',
      detail: 'Expired 3 days ago',
      when: '3 days ago',
      badgeClass: 'badge badge-danger',
    });
    expect(expiryBand('2026-03-10', today)).toMatchObject({ band: 'week', detail: 'Due today', when: 'today' });
    expect(expiryBand('2026-03-11', today)).toMatchObject({ band: 'week', detail: 'Due tomorrow' });
    expect(expiryBand('2026-04-09', today)).toMatchObject({ band: 'month', days: 30, label: 'Within 30 days' });
    expect(expiryBand('2026-06-08', today)).toMatchObject({ band: 'quarter', days: 90, label: 'Within 90 days' });
    expect(expiryBand('2027-01-01', today)).toMatchObject({ band: 'later', badgeClass: 'badge badge-ok' });
  });

  it('counts calendar days across a clock change without drifting', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
  });

  it('finds today in the clinician’s time zone', () => {
    const lateEvening = new Date('2026-03-10T23:30:00Z');
    expect(todayIn('Europe/London', lateEvening)).toBe('2026-03-10');
    expect(todayIn('Asia/Kolkata', lateEvening)).toBe('2026-03-11');
    expect(todayIn('Not/AZone', lateEvening)).toBe('2026-03-10');
  });

  it('builds one timeline from registrations, training and the DBS Update Service, soonest first', () => {
    const items = buildTimeline(
      {
        registrations: [{ id: 'r1', body: 'GMC', renewalDate: '2026-09-01', revalidationDate: '2026-03-15' }],
        training: [
          { id: 't1', name: 'Basic Life Support', expiresOn: '2026-02-01' },
          { id: 't2', name: 'Safeguarding Adults', expiresOn: null },
        ],
        dbs: [
          { id: 'd1', level: 'enhanced', updateService: true, updateServiceRenewalDate: '2026-04-01' },
          { id: 'd2', level: 'basic', updateService: false, updateServiceRenewalDate: '2026-03-20' },
        ],
      },
      today,
    );
    expect(items.map((i) => [i.date, i.title, i.band])).toEqual([
      ['2026-02-01', 'Basic Life Support', 'expired'],
      ['2026-03-15', 'GMC revalidation', 'week'],
      ['2026-04-01', 'DBS Update Service renewal (enhanced check)', 'month'],
      ['2026-09-01', 'GMC registration renewal', 'later'],
    ]);
    expect(countBands(items)).toEqual({ expired: 1, week: 1, month: 1, quarter: 0, later: 1 });
  });
});
