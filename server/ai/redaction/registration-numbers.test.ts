import { describe, expect, it } from 'vitest';
import { contextFamilies, contextFamiliesOneByOne, findDbsNumbers, findGmcNumbers, findGphcNumbers, findHcpcNumbers, findNmcPins } from './registration-numbers.ts';
import { found, pairs } from './test-helpers.ts';

describe('GMC numbers', () => {
  it.each(['GMC number 7654321', 'GMC: 7654321', 'General Medical Council (full registration) 7654321', 'My registration number is 7654321', 'Reg no. 7654321', 'GMC number:\n7654321'])(
    'finds the number in %j',
    (text) => {
      expect(pairs(findGmcNumbers(text))).toEqual([['GMC_NUMBER', '7654321']]);
    },
  );

  it.each([
    '7654321',
    'The department sees 85,000 attendances a year',
    'Audit of 1234567 prescriptions',
    'I passed the GMC PLAB exams, then over the years I reviewed 7654321 images',
    'GMC number 76543210',
    'GMC number 7654321.5',
  ])('leaves %j alone', (text) => {
    expect(findGmcNumbers(text)).toEqual([]);
    expect(found(text)).toEqual([]);
  });
});

describe('NMC PINs', () => {
  it.each(['NMC PIN 12A3456B', 'NMC: 12A3456B', 'my pin is 12a3456b', 'Nursing and Midwifery Council 12A3456B'])('finds the PIN in %j', (text) => {
    expect(findNmcPins(text)).toHaveLength(1);
    expect(found(text).map(([type]) => type)).toEqual(['NMC_PIN']);
  });

  it.each(['Ward ref 12A3456B', '12A3456B', 'NMC PIN 12A34567B', 'NMC PIN 1A3456B'])('leaves %j alone', (text) => {
    expect(findNmcPins(text)).toEqual([]);
    expect(found(text)).toEqual([]);
  });
});

describe('DBS certificate numbers', () => {
  it.each([
    ['DBS certificate number 001234567890', '001234567890'],
    ['Enhanced disclosure: 0012 3456 7890', '0012 3456 7890'],
    ['Certificate 987654321012', '987654321012'],
  ])('finds the number in %j', (text, number) => {
    expect(pairs(findDbsNumbers(text))).toEqual([['DBS_NUMBER', number]]);
    expect(found(text)).toEqual([['DBS_NUMBER', number]]);
  });

  it.each(['Order 001234567890 shipped', '987654321012'])('leaves %j alone', (text) => {
    expect(findDbsNumbers(text)).toEqual([]);
    expect(found(text)).toEqual([]);
  });

  it('needs exactly twelve digits, grouped consistently', () => {
    // Only the DBS recogniser is asked: with a leading 00 these can be real international numbers.
    expect(findDbsNumbers('DBS number 0012345678901')).toEqual([]);
    expect(findDbsNumbers('DBS 0012 3456-7890')).toEqual([]);
    expect(findDbsNumbers('DBS 00123456789')).toEqual([]);
  });
});

describe('HCPC registration numbers', () => {
  it.each([
    ['HCPC registration PA54321', 'PA54321'],
    ['Physiotherapist, HCPC PH98765, Band 7', 'PH98765'],
    ['Health and Care Professions Council number: OT 61234', 'OT 61234'],
    ['registration number ODP34567', 'ODP34567'],
  ])('finds the number in %j', (text, number) => {
    expect(pairs(findHcpcNumbers(text))).toEqual([['HCPC_NUMBER', number]]);
  });

  it.each([
    ['no context word', 'Ward PA12345 stock code'],
    ['a prefix that is not a profession', 'HCPC ZZ12345'],
    ['lower-case words that look like prefixes', 'HCPC registration as 2 years, or 3'],
    ['too many digits', 'HCPC PA1234567'],
  ])('leaves %s alone', (_label, text) => {
    expect(findHcpcNumbers(text)).toEqual([]);
    expect(found(text)).toEqual([]);
  });
});

describe('GPhC registration numbers', () => {
  it('finds seven digits after GPhC, not after anything else', () => {
    expect(pairs(findGphcNumbers('Pharmacist prescriber, GPhC 2087654'))).toEqual([['GPHC_NUMBER', '2087654']]);
    expect(found('General Pharmaceutical Council registration 2087654')).toHaveLength(1);
    expect(findGphcNumbers('Stock code 2087654')).toEqual([]);
  });
});

// findRegistrationNumbers finds which families' context words occur in one walk over their union
// (contextFamilies); each family's own check on the whole text must agree, wherever the words
// overlap, share a start, change case or stop short of a word boundary.
describe('context words of every family, found in one reading', () => {
  let state = 20261128;
  const random = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const words = [
    'GMC',
    'gmc',
    'General Medical Council',
    'General  Pharmaceutical\nCouncil',
    'General',
    'registration number',
    'registration no',
    'registration',
    'Registration No.',
    'reg. no',
    'reg number',
    'regno',
    'NMC',
    'PIN',
    'pin',
    'Pinfold',
    'spinning',
    'Nursing and Midwifery Council',
    'DBS',
    'certificate',
    'disclosure',
    'HCPC',
    'Health and Care Professions Council',
    'GPhC',
    'GPHC',
    'regiſtration',
    'DBſ',
    'ward',
    '7654321',
    '12A3456B',
  ];
  const gaps = [' ', '', '-', ', ', '\n', '_', '.'];
  const text = () => Array.from({ length: 1 + Math.floor(random() * 6) }, () => pick(words)).join(pick(gaps));

  it('agrees with each family checked on its own', () => {
    let several = 0;
    for (let i = 0; i < 8000; i++) {
      const t = text();
      const expected = contextFamiliesOneByOne(t);
      if (expected.size > 1) several++;
      expect([...contextFamilies(t)].sort(), t).toEqual([...expected].sort());
    }
    expect(several).toBeGreaterThan(2000);
  });
});
