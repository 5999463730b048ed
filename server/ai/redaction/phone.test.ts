import { describe, expect, it } from 'vitest';
import { findPhones } from './phone.ts';
import { found, pairs } from './test-helpers.ts';

describe('phone recogniser', () => {
  it.each([
    '07700 900123',
    '07700900123',
    '07700-900-123',
    '0161 496 0789',
    '(0161) 496 0789',
    '020 7946 0000',
    '0113 496 0000',
    '+44 7700 900456',
    '+447700900456',
    '+44 (0) 7700 900456',
    '0044 7700 900456',
    '+1 415 555 2671',
  ])('finds %s', (phone) => {
    expect(pairs(findPhones(`Call me on ${phone} after 6pm.`))).toEqual([['PHONE', phone]]);
  });

  it('keeps numbers in a comma-separated list apart', () => {
    expect(pairs(findPhones('Mobile 07700 900123, work 0161 496 0789; home 020 7946 0000'))).toEqual([
      ['PHONE', '07700 900123'],
      ['PHONE', '0161 496 0789'],
      ['PHONE', '020 7946 0000'],
    ]);
  });

  it('reports offsets into the original text', () => {
    const text = 'a, b; 07700 900123';
    const [phone] = findPhones(text);
    expect(phone).toEqual({ type: 'PHONE', start: 6, end: 18, text: '07700 900123' });
  });

  it.each([
    ['dates', 'DOH 12/03/1985, 12-03-1985, 01-08-2019, 01.08.2019, 2019-08-01'],
    ['years', 'Foundation years 2019 2020 2021, then 2022-2024'],
    ['NHS numbers written 3-3-4', 'NHS number 943 476 5919 and 9434765919'],
    ['version numbers', 'Upgraded from v2.3.1 to 1.5.4 (build 10.0.19045)'],
    ['decimals', 'Working 0.75 WTE, 12.5 hours a week, 37.5 in total, pi 3.14159265358979'],
    ['shift times', 'Shifts 0800-1700 or 0700-1900, nights 2000-0800, lunch 1230'],
    ['counts and registration numbers', '85,000 attendances a year; GMC 7654321; 1234567 views'],
    ['ten digits without a trunk prefix', 'Reference 161 496 0789 and 4010232137'],
  ])('leaves %s alone', (_label, text) => {
    expect(findPhones(text)).toEqual([]);
    expect(found(text).filter(([type]) => type === 'PHONE')).toEqual([]);
  });
});
