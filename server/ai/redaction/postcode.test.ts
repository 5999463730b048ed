import { describe, expect, it } from 'vitest';
import { findPostcodes } from './postcode.ts';
import { found, pairs } from './test-helpers.ts';

describe('postcode recogniser', () => {
  it.each(['LS1 4DY', 'M1 1AE', 'SW1A 1AA', 'SW1A1AA', 'EC1A 1BB', 'B33 8TH', 'CR2 6XH', 'DN55 1PT', 'ls1 4dy', 'm11ae'])('finds %s', (postcode) => {
    expect(pairs(findPostcodes(`Lives at 1 High Street, ${postcode}.`))).toEqual([['POSTCODE', postcode]]);
  });

  it.each([
    ['grades', 'ST4 in Emergency Medicine, then CT1, FY2 and ST7'],
    ['bands', 'Band 6 staff nurse, moving to Band 7'],
    ['a grade before an ordinal', 'ST4 2nd rotation; st4 2nd year; ST4 3rd on call'],
    ['outward codes alone', 'Based in LS1, near the M62'],
    ['words and acronyms', 'Hello World, A&E, ALS, ATLS, COVID19'],
    ['letters never used', 'QA1 1AA, LS1 4CI, VX1 1AA'],
    ['mixed case', 'Ls1 4dY'],
  ])('leaves %s alone', (_label, text) => {
    expect(findPostcodes(text)).toEqual([]);
    expect(found(text)).toEqual([]);
  });
});
