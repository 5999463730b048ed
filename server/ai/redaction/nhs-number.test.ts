import { describe, expect, it } from 'vitest';
import { findNhsNumbers, isValidNhsNumber } from './nhs-number.ts';
import { found, pairs } from './test-helpers.ts';

/** The mod-11 rule, written out independently of the implementation. */
function checkDigit(nine: string): number | undefined {
  const sum = [...nine].reduce((total, digit, i) => total + Number(digit) * (10 - i), 0);
  const check = 11 - (sum % 11);
  return check === 11 ? 0 : check === 10 ? undefined : check;
}

function withCheckDigit(nine: string): string {
  const check = checkDigit(nine);
  if (check === undefined) throw new Error(`${nine} has no valid check digit`);
  return `${nine}${check}`;
}

/** The first nine-digit prefix from `from` whose weighted sum mod 11 is `remainder`. */
function prefixWithRemainder(remainder: number, from = 400000000): string {
  for (let n = from; ; n++) {
    const nine = String(n);
    const sum = [...nine].reduce((total, digit, i) => total + Number(digit) * (10 - i), 0);
    if (sum % 11 === remainder) return nine;
  }
}

const spaced = (ten: string) => `${ten.slice(0, 3)} ${ten.slice(3, 6)} ${ten.slice(6)}`;

describe('NHS number check', () => {
  it('accepts numbers whose check digit follows the mod-11 rule', () => {
    const issued = ['485777345', '401023213', '612345678', '450557710'].filter((nine) => checkDigit(nine) !== undefined).map(withCheckDigit);
    expect(issued.length).toBeGreaterThanOrEqual(3);
    for (const n of issued) expect(isValidNhsNumber(n), n).toBe(true);
    expect(isValidNhsNumber('9434765919')).toBe(true);
    expect(isValidNhsNumber('943 476 5919')).toBe(true);
    expect(isValidNhsNumber('943-476-5919')).toBe(true);
  });

  it('maps a computed 11 to a check digit of 0', () => {
    const nine = prefixWithRemainder(0);
    expect(isValidNhsNumber(`${nine}0`)).toBe(true);
    expect(isValidNhsNumber(`${nine}1`)).toBe(false);
  });

  it('rejects every number whose computed check digit is 10', () => {
    const nine = prefixWithRemainder(1);
    for (let last = 0; last <= 9; last++) expect(isValidNhsNumber(`${nine}${last}`)).toBe(false);
  });

  it('rejects a wrong check digit and wrong lengths', () => {
    expect(isValidNhsNumber('9434765918')).toBe(false);
    expect(isValidNhsNumber('943476591')).toBe(false);
    expect(isValidNhsNumber('94347659190')).toBe(false);
  });
});

describe('NHS number recogniser', () => {
  it('finds valid numbers, grouped 3-3-4 with spaces or dashes or not at all', () => {
    const other = withCheckDigit(prefixWithRemainder(5));
    const text = `NHS no. 943 476 5919; also 943-476-5919, 9434765919 and ${spaced(other)}.`;
    expect(pairs(findNhsNumbers(text))).toEqual([
      ['NHS_NUMBER', '943 476 5919'],
      ['NHS_NUMBER', '943-476-5919'],
      ['NHS_NUMBER', '9434765919'],
      ['NHS_NUMBER', spaced(other)],
    ]);
  });

  it('does not take a ten-digit number that fails the check', () => {
    const text = 'Ref 943 476 5918, 9434765918 and 401 023 2130';
    expect(findNhsNumbers(text)).toEqual([]);
    expect(found(text)).toEqual([]);
  });

  it('does not take ten digits out of a longer number, a decimal or a mixed grouping', () => {
    const text = 'Order 19434765919, 94347659190, 1.9434765919, 9434765919.5, 943 476-5919, 9434 765-919';
    expect(findNhsNumbers(text)).toEqual([]);
  });
});

describe('NHS numbers in other groupings', () => {
  const regroup = (ten: string, sizes: readonly number[], separator: string) => {
    const groups: string[] = [];
    let at = 0;
    for (const size of sizes) groups.push(ten.slice(at, (at += size)));
    return groups.join(separator);
  };

  it.each([
    [[4, 3, 3], ' '],
    [[2, 4, 4], ' '],
    [[3, 4, 3], '-'],
    [[5, 5], ' '],
    [[3, 3, 4], '.'],
    [[4, 3, 3], '.'],
    [[2, 4, 4], '-'],
    [[2, 2, 2, 4], ' '],
  ])('finds a valid number grouped %j with %j', (sizes, separator) => {
    for (const ten of ['9434765919', withCheckDigit(prefixWithRemainder(3))]) {
      const written = regroup(ten, sizes, separator);
      expect(pairs(findNhsNumbers(`NHS no ${written} on the wristband.`))).toEqual([['NHS_NUMBER', written]]);
      expect(found(`NHS no ${written} on the wristband.`)).toEqual([['NHS_NUMBER', written]]);
    }
  });

  it('finds the number at the end of a longer run of groups', () => {
    expect(pairs(findNhsNumbers('Bed 4 943 476 5919 admitted'))).toEqual([['NHS_NUMBER', '943 476 5919']]);
  });

  it('does not take the same digits when the check fails or the grouping is not a reading of ten digits', () => {
    const text = 'Ref 9434 765 918, 94 3476 5918, 943.476.5918, 9 434 765 919 0, 94343 765919, 9434-765.919';
    expect(findNhsNumbers(text)).toEqual([]);
  });

  it('leaves phones, DBS numbers, dates and times to their own rules', () => {
    const text = 'Call 0161 496 0789 or 020 7946 0000; DBS 0012 3456 7890; 01.08.2019 at 08.00; 2019 2020 2021';
    expect(found(text).filter(([type]) => type === 'NHS_NUMBER')).toEqual([]);
  });
});
