import { describe, expect, it } from 'vitest';
import { tooShortToSubmit, workingTimeWarnings, workedHours, type Shift } from './rules.ts';

const shift = (id: string, from: string, to: string, breakMinutes = 0): Shift => ({ id, clockIn: new Date(from), clockOut: new Date(to), breakMinutes });
const now = new Date('2026-11-22T12:00:00Z');

describe('working-time warnings', () => {
  it('computes hours worked net of breaks', () => {
    expect(workedHours(shift('a', '2026-10-03T19:00:00Z', '2026-10-04T07:30:00Z', 45), now)).toBeCloseTo(11.75);
  });

  it('warns about a shift over 13 hours, but not one of exactly 13', () => {
    const long = shift('a', '2026-10-01T07:00:00Z', '2026-10-01T21:00:00Z', 30);
    expect(workingTimeWarnings(long, [long], now).map((w) => w.code)).toEqual(['LONG_SHIFT']);
    const exact = shift('b', '2026-10-01T07:00:00Z', '2026-10-01T20:30:00Z', 30);
    expect(workingTimeWarnings(exact, [exact], now)).toEqual([]);
  });

  it('flags a shift too short to be work (a clock-in and out by mistake), and says how short in words', () => {
    const slip = shift('a', '2026-10-01T07:00:00Z', '2026-10-01T07:00:05Z');
    expect(workingTimeWarnings(slip, [slip], now)).toEqual([{ code: 'TOO_SHORT', message: expect.stringContaining('This shift has 5 seconds of work, under 15 minutes') }]);
    expect(tooShortToSubmit(shift('b', '2026-10-01T07:00:00Z', '2026-10-01T07:14:00Z'), now)).toMatch(/14 minutes/);
    expect(tooShortToSubmit(shift('c', '2026-10-01T07:00:00Z', '2026-10-01T07:15:00Z'), now)).toBeUndefined();
    expect(tooShortToSubmit({ id: 'open', clockIn: new Date('2026-11-22T11:59:00Z'), clockOut: null, breakMinutes: 0 }, now)).toBeUndefined();
  });

  it('warns about less than 11 hours of rest between shifts', () => {
    const first = shift('a', '2026-10-01T08:00:00Z', '2026-10-01T20:00:00Z');
    const second = shift('b', '2026-10-02T06:00:00Z', '2026-10-02T14:00:00Z');
    expect(workingTimeWarnings(second, [first, second], now).map((w) => w.code)).toEqual(['SHORT_REST']);
    const rested = shift('c', '2026-10-02T07:00:00Z', '2026-10-02T15:00:00Z');
    expect(workingTimeWarnings(rested, [first, rested], now)).toEqual([]);
  });

  it('warns about more than 72 hours in any 7 days', () => {
    const week = Array.from({ length: 7 }, (_, i) => shift(`d${i}`, `2026-10-0${i + 1}T08:00:00Z`, `2026-10-0${i + 1}T19:00:00Z`));
    expect(workingTimeWarnings(week[6]!, week, now).map((w) => w.code)).toEqual(['OVER_72_HOURS_IN_7_DAYS']);
    expect(workingTimeWarnings(week[5]!, week.slice(0, 6), now).map((w) => w.code)).toEqual([]);
  });
});
