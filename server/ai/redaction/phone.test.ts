import { findPhoneNumbersInText } from 'libphonenumber-js';
import { describe, expect, it } from 'vitest';
import { findPhones, mayHoldPhone, phonesByLibphonenumber, plainPhone } from './phone.ts';
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

describe('plain phone numbers, found without libphonenumber', () => {
  // A seeded generator, so a failure names a case that can be run again.
  let state = 20261127;
  const random = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const digits = (n: number, first = '0123456789') => first[Math.floor(random() * first.length)]! + Array.from({ length: n - 1 }, () => Math.floor(random() * 10)).join('');
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const space = () => (random() < 0.5 ? ' ' : '');
  const trunk = () => pick(['0', '+44 ', '+44']);
  const shapes = [
    () => `${trunk()}7${digits(3)}${space()}${digits(6)}`,
    () => `${trunk()}20${space()}${digits(4)}${space()}${digits(4)}`,
    () => `${trunk()}1${digits(3)}${space()}${digits(6)}`,
    () => `${trunk()}1${digits(2)}${space()}${digits(3)}${space()}${digits(4)}`,
    () => `+1${space()}${random() < 0.5 ? `(${digits(3, '23456789')})` : digits(3, '23456789')}${space()}${digits(3, '23456789')}${pick([' ', '-', ''])}${digits(4)}`,
    () => `(01${digits(3)})${space()}${digits(6)}`,
    () => `(01${digits(2)})${space()}${digits(3)}${space()}${digits(4)}`,
    () => `(020)${space()}${digits(4)}${space()}${digits(4)}`,
  ];
  const before = ['', ' ', 'on ', 'Call me on ', ' mobile ', 'Tel: ', 'phone\t', 'Büro '];
  const after = [
    '',
    '.',
    '!',
    ' ',
    ' or ',
    ' today.',
    ' before noon',
    ' to confirm',
    ' (home)',
    ', ',
    ' ext 4471',
    ' x12',
    ' 4',
    '. Obs ',
    '. Chest',
    '! Ext ',
    '. X ',
    '. Int ',
    ' Ext',
    ' X',
    '. Ext 12',
    '. HbA1c ',
    // After the next word, figures that start no number we keep (no "0", no "+").
    '. HbA1c 64 ',
    '. INR 3.4 ',
    '. Plan: ',
    '. NEWS2 ',
    '. ext 12',
    '! X 99#',
    '? int 55 ',
    '. Obs 1234 5678 9123',
    '. GCS 15/15, ',
    ' on 12',
    ' by 5 pm',
    ' to (555) 123-4567',
    ' or 44 (1) 2',
    ' then 1 2 3 4 5 6 7 8 9 1 2 3 4 5 6 7 8 9 1 2 123456789123456789123456789',
  ];
  // And after the next word, anything but letters, "0" and "+".
  const tail = () => Array.from({ length: Math.floor(random() * 8) }, () => pick(['1', '5', '9', '12', '123456789', ' ', '.', '-', '(', ')', '/', '#', ':', '~', 'ー', '＋', '٣', '\u00a0'])).join('');
  const afterWord = () => `${pick(['. ', '! ', '? ', '.\t', ' ', '  '])}${pick(['Obs', 'ext', 'x', 'int', 'to', 'by', 'Xray', 'HbA', 'NEWS', 'on', 'Büro'])}${tail()}`;

  it('puts each number where libphonenumber does, on every shape it takes (and declines the rest)', () => {
    let plainCount = 0;
    for (let i = 0; i < 9000; i++) {
      const window = `${pick(before)}${pick(shapes)()}${random() < 0.3 ? afterWord() : pick(after)}`;
      const plain = plainPhone(window);
      if (!plain) continue;
      plainCount++;
      const theirs = findPhoneNumbersInText(window, { defaultCountry: 'GB', extended: true });
      expect(theirs[0] && [theirs[0].startsAt, theirs[0].endsAt], window).toEqual([plain.startsAt, plain.endsAt]);
      // And the rules this recogniser adds accept it (ten national digits), and nothing else there.
      expect(theirs[0]!.number.nationalNumber.length, window).toBeGreaterThanOrEqual(10);
      expect(phonesByLibphonenumber(window), window).toEqual([plain]);
    }
    expect(plainCount).toBeGreaterThan(3000);
  });

  it.each([
    ['an extension after it', 'on 07700 900123 ext 4471'],
    ['a digit before it', ' 4 on 07700 900123 '],
    ['a bracketed trunk zero', 'on +44 (0) 7700 900456'],
    ['an unclosed bracket', 'on (0161 496 0789'],
    ['another number after it', 'on 07700 900123 or 0161 496 0789'],
  ])('leaves to libphonenumber a window with %s', (_label, window) => {
    expect(plainPhone(window)).toBeUndefined();
  });
});

describe('windows libphonenumber need not read (mayHoldPhone)', () => {
  let state = 20261128;
  const random = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const int = (n: number) => Math.floor(random() * n);
  // Zeros often, and now and then a digit libphonenumber reads in another script.
  const digit = () => (random() < 0.3 ? '0' : random() < 0.03 ? pick(['٣', '０', '۵', '५', '٠']) : String(int(10)));
  const digits = (n: number) => Array.from({ length: n }, digit).join('');
  const pieces = [
    () => digits(1 + int(12)),
    () => digits(1 + int(30)),
    () => `0${digits(6 + int(6))}`,
    () => `+${digits(1 + int(4))}`,
    // Digit groups as NHS numbers and counts are written, a "0" inside a group.
    () => `${1 + int(9)}${digits(2)} ${digits(3)} ${digits(4)}`,
    () => `${1 + int(9)}${digits(7 + int(10))}`,
    () => `${1 + int(9)}${digits(1 + int(4))}${pick([' ', '-', '.', ' / '])}${digits(2 + int(6))}`,
    // Extensions and long runs, where libphonenumber ends a match inside a run of digits.
    () => pick([' x ', ' ext ', ' ext. ', ' int ', '#', ' ~', ' anexo ', ' доб ', ';ext=', ',,', ',']) + digits(8 + int(14)),
    () => `${'1 '.repeat(int(22))}${digits(15 + int(10))}`,
    () => pick([' ', ' ', '', '-', '.', '/', '(', ')', '[', ']', '（', '）', '\u00a0', '\t', '  ', ' - ', '–', '~', ':', '+', '＋', '. ', '! ', '\u200b', '\u3000', '£']),
    () => pick(['Call', 'on', 'Tel:', 'or', 'NHS', 'HbA1c', 'X', 'Ext', 'obs', 'GMC', 'Büro', 'v', 'e']),
    () =>
      pick([
        '07700 900123',
        '+44 7700 900456',
        '(0161) 496 0789',
        '+1 (415) 555-0123',
        '0044 7700 900456',
        '+44 (0) 7700 900456',
        '0800 111 222',
        '01-08-2019',
        '0800-1700',
        '2019-08-01 12:30',
        '0.75',
      ]),
  ];
  const window = () => Array.from({ length: 1 + int(8) }, () => pick(pieces)()).join('');

  it('refuses only windows where libphonenumber finds no number the rules keep', () => {
    // Those that matter: a "0" and seven digits after it (what findPhones makes windows around).
    const candidate = /0(?:[^\p{L}\p{Nd}]{0,4}\p{Nd}){7}/u;
    let refused = 0;
    let refusedCandidates = 0;
    for (let i = 0; i < 25000; i++) {
      const text = window();
      if (mayHoldPhone(text)) continue;
      refused++;
      if (candidate.test(text)) refusedCandidates++;
      expect(phonesByLibphonenumber(text), text).toEqual([]);
    }
    expect(refused).toBeGreaterThan(3000);
    expect(refusedCandidates).toBeGreaterThan(1200);
  });

  it.each([
    ['a trunk zero after a word', 'on 07700 900123'],
    ['a plus sign', 'on +1 415 555 2671'],
    ['a zero after nine digits that end an extension', '07700 900123 x 12345678907700900123'],
    ['a zero after a run cut at the 21st digit block', `${'1 '.repeat(20)}1234567890123456789007700900123`],
  ])('lets through %s', (_label, text) => {
    expect(mayHoldPhone(text)).toBe(true);
    expect(phonesByLibphonenumber(text)).not.toEqual([]);
  });

  it.each([
    ['an NHS number with a zero inside a group', 'NHS 402 345 6789'],
    ['a count', 'seen 1250000 times'],
  ])('refuses %s', (_label, text) => {
    expect(mayHoldPhone(text)).toBe(false);
  });
});
