import { describe, expect, it } from 'vitest';
import { findKnownNames } from './known-names.ts';
import { found, pairs } from './test-helpers.ts';

const names = (text: string, ...knownNames: string[]) => pairs(findKnownNames(text, { knownNames }));

describe('known names', () => {
  it('finds the full name without its title, and each part alone', () => {
    const text = 'Dr Aisha Rahman wrote this. Rahman led the audit; Aisha presented it.';
    expect(names(text, 'Dr Aisha Rahman')).toEqual(
      expect.arrayContaining([
        ['PERSON', 'Aisha Rahman'],
        ['PERSON', 'Rahman'],
        ['PERSON', 'Aisha'],
      ]),
    );
    expect(found(text, { knownNames: ['Dr Aisha Rahman'] })).toEqual([
      ['PERSON', 'Aisha Rahman'],
      ['PERSON', 'Rahman'],
      ['PERSON', 'Aisha'],
    ]);
  });

  it('matches the full name across spacing and in capitals', () => {
    expect(found('AISHA  RAHMAN, MRCP', { knownNames: ['Aisha Rahman'] })).toEqual([['PERSON', 'AISHA  RAHMAN']]);
  });

  it.each(['Dr', 'Dr.', 'Mr', 'Mrs', 'Ms', 'Miss', 'Prof', 'Prof.', 'Professor', 'Sister', 'Nurse'])('ignores the title %s in the known name', (title) => {
    expect(found('Okafor and Sam Okafor', { knownNames: [`${title} Sam Okafor`] })).toEqual([
      ['PERSON', 'Okafor'],
      ['PERSON', 'Sam Okafor'],
    ]);
  });

  it('ignores post-nominals in the known name', () => {
    expect(found('Rahman was on call', { knownNames: ['Dr Aisha Rahman MRCP FRCEM'] })).toEqual([['PERSON', 'Rahman']]);
  });

  it('only matches capitalised parts, on word boundaries', () => {
    const context = { knownNames: ['Will Hope'] };
    expect(found('I will hope for the best; hopeful; Willow; Hopewell', context)).toEqual([]);
    expect(found("Hope's audit. Will presented.", context)).toEqual([
      ['PERSON', 'Hope'],
      ['PERSON', 'Will'],
    ]);
  });

  it('does not match parts shorter than three letters alone', () => {
    const context = { knownNames: ['Dr Bo Li'] };
    expect(found('Bo Li saw Li and Bo', context)).toEqual([['PERSON', 'Bo Li']]);
  });

  it('keeps middle names out of the parts but inside the full name', () => {
    expect(found('Mary Ann Clarke; Clarke; Mary; Ann', { knownNames: ['Sister Mary Ann Clarke'] })).toEqual([
      ['PERSON', 'Mary Ann Clarke'],
      ['PERSON', 'Clarke'],
      ['PERSON', 'Mary'],
    ]);
  });

  it('handles several names and names that need escaping', () => {
    const context = { knownNames: ['Dr Aisha Rahman', "Mr Liam O'Neill", 'Jo Smith-Jones', '   '] };
    expect(found("O'Neill and Smith-Jones met Rahman.", context)).toEqual([
      ['PERSON', "O'Neill"],
      ['PERSON', 'Smith-Jones'],
      ['PERSON', 'Rahman'],
    ]);
  });

  it('finds nothing without known names', () => {
    expect(names('Aisha Rahman')).toEqual([]);
  });
});
