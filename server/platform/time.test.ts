import { describe, expect, it } from 'vitest';
import { formatWithOffset } from './time.ts';

describe('formatWithOffset', () => {
  it('writes the local time and offset, in summer and winter', () => {
    expect(formatWithOffset(new Date('2026-10-03T19:00:00Z'), 'Europe/London')).toBe('2026-10-03T20:00:00+01:00');
    expect(formatWithOffset(new Date('2026-12-03T19:00:00Z'), 'Europe/London')).toBe('2026-12-03T19:00:00+00:00');
    expect(formatWithOffset(new Date('2026-12-03T19:00:00Z'), 'America/New_York')).toBe('2026-12-03T14:00:00-05:00');
    expect(new Date(formatWithOffset(new Date('2026-03-29T00:30:00Z'), 'Europe/London')).toISOString()).toBe('2026-03-29T00:30:00.000Z');
  });
});
