import { describe, expect, it } from 'vitest';
import { currentBreakMs, displayStatus, formatBreak, formatClock, formatDurationWords, formatHours, isEditable, workedMs } from './timecard-time.ts';

const t = (hhmm: string) => `2026-03-02T${hhmm}:00.000Z`;
const at = (hhmm: string) => Date.parse(t(hhmm));

describe('time card arithmetic', () => {
  it('counts an open shift up to now, net of finished breaks and the break in progress', () => {
    const shift = { clockIn: t('08:00'), clockOut: null, breakMinutes: 30, onBreakSince: t('12:00') };
    expect(workedMs(shift, at('12:20'))).toBe((4 * 60 + 20 - 30 - 20) * 60_000);
    expect(currentBreakMs(shift, at('12:20'))).toBe(20 * 60_000);
  });

  it('stops at clock-out and ignores the clock for a finished shift', () => {
    const shift = { clockIn: t('08:00'), clockOut: t('20:30'), breakMinutes: 45, onBreakSince: null };
    expect(workedMs(shift, at('23:00'))).toBe((12 * 60 + 30 - 45) * 60_000);
    expect(currentBreakMs(shift, at('23:00'))).toBe(0);
  });

  it('never goes negative (clock skew)', () => {
    expect(workedMs({ clockIn: t('08:00'), clockOut: null, breakMinutes: 0, onBreakSince: null }, at('07:59'))).toBe(0);
  });

  it('formats a stopwatch without wrapping hours', () => {
    expect(formatClock(0)).toBe('0:00:00');
    expect(formatClock(5_999)).toBe('0:00:05');
    expect(formatClock((2 * 3600 + 3 * 60 + 9) * 1000)).toBe('2:03:09');
    expect(formatClock(27 * 3_600_000)).toBe('27:00:00');
    expect(formatClock(-5)).toBe('0:00:00');
  });

  it('says durations in words for screen readers', () => {
    expect(formatDurationWords(30_000)).toBe('less than a minute');
    expect(formatDurationWords(60_000)).toBe('1 minute');
    expect(formatDurationWords(45 * 60_000)).toBe('45 minutes');
    expect(formatDurationWords(60 * 60_000)).toBe('1 hour');
    expect(formatDurationWords(125 * 60_000)).toBe('2 hours 5 minutes');
  });

  it('formats decimal hours and breaks', () => {
    expect(formatHours(7.5)).toBe('7h 30m');
    expect(formatHours(0.25)).toBe('0h 15m');
    expect(formatHours(11.99)).toBe('11h 59m');
    expect(formatBreak(0)).toBe('None');
    expect(formatBreak(45)).toBe('45 min');
    expect(formatBreak(70)).toBe('1h 10m');
  });

  it('tells a running shift from a draft, and what can be changed', () => {
    expect(displayStatus({ status: 'open', clockOut: null })).toBe('in-progress');
    expect(displayStatus({ status: 'open', clockOut: t('20:00') })).toBe('draft');
    expect(displayStatus({ status: 'approved', clockOut: t('20:00') })).toBe('approved');
    expect(isEditable({ status: 'open', clockOut: t('20:00') })).toBe(true);
    expect(isEditable({ status: 'rejected', clockOut: t('20:00') })).toBe(true);
    expect(isEditable({ status: 'open', clockOut: null })).toBe(false);
    expect(isEditable({ status: 'submitted', clockOut: t('20:00') })).toBe(false);
  });
});
