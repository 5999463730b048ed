import { describe, expect, it } from 'vitest';
import { findDatesOfBirth } from './date-of-birth.ts';
import { found, pairs } from './test-helpers.ts';

describe('date of birth recogniser', () => {
  it.each([
    ['DOB 12/03/1985', '12/03/1985'],
    ['DOB: 12-03-1985', '12-03-1985'],
    ['D.O.B. 12.03.85', '12.03.85'],
    ['d.o.b 12 March 1985', '12 March 1985'],
    ['Date of birth: 1985-03-12', '1985-03-12'],
    ['Born on March 12, 1985', 'March 12, 1985'],
    ['born 12th of Mar. 1985', '12th of Mar. 1985'],
    ['Birthday: 3 Sept 1990', '3 Sept 1990'],
    ['She was born in Leeds on 1 May 1990.', '1 May 1990'],
    ['DOB:\n12/03/1985', '12/03/1985'],
  ])('finds the date in %j', (text, date) => {
    expect(pairs(findDatesOfBirth(text))).toEqual([['DATE_OF_BIRTH', date]]);
  });

  it.each([
    'ST4 from 2019-08-01 to 2021-08-04',
    'Started 1 August 2019, left on March 12, 2021',
    'ALS 12/03/2019, expires 12-03-2023',
    'Newborn life support course 2019-08-01',
    'I was born and raised in Leeds, then worked in Manchester from 1 August 2019',
    'DOB',
    'Born Free (1966)',
  ])('leaves %j alone', (text) => {
    expect(findDatesOfBirth(text)).toEqual([]);
    expect(found(text)).toEqual([]);
  });

  it('redacts only the birth date among dates of employment', () => {
    const text = 'DOB 14/07/1962. Posts: Northgate from 2019-08-01 to 2021-08-04; started 1 August 2019.';
    expect(found(text)).toEqual([['DATE_OF_BIRTH', '14/07/1962']]);
  });
});
