import { describe, expect, it } from 'vitest';
import { createRestoringStream, Pseudonymiser } from './pseudonymiser.ts';

describe('Pseudonymiser', () => {
  it('numbers values per type, in order of first appearance', () => {
    const p = new Pseudonymiser();
    expect(p.pseudonymFor('PERSON', 'Sam Okafor')).toBe('[PERSON_1]');
    expect(p.pseudonymFor('PERSON', 'Jane Doe')).toBe('[PERSON_2]');
    expect(p.pseudonymFor('PHONE', '07700 900123')).toBe('[PHONE_1]');
    expect(p.pseudonymFor('NHS_NUMBER', '943 476 5919')).toBe('[NHS_NUMBER_1]');
    expect(p.size).toBe(4);
  });

  it('gives the same value the same pseudonym however it is written', () => {
    const p = new Pseudonymiser();
    const sam = p.pseudonymFor('PERSON', 'Sam Okafor');
    expect(p.pseudonymFor('PERSON', 'SAM  okafor')).toBe(sam);
    expect(p.pseudonymFor('PERSON', "Liam O'Neill")).toBe(p.pseudonymFor('PERSON', 'Liam O’Neill'));

    const phone = p.pseudonymFor('PHONE', '07700 900456');
    for (const written of ['+44 7700 900456', '+44 (0) 7700 900456', '0044 7700 900456', '07700-900-456']) {
      expect(p.pseudonymFor('PHONE', written), written).toBe(phone);
    }
    expect(p.pseudonymFor('NHS_NUMBER', '943-476-5919')).toBe(p.pseudonymFor('NHS_NUMBER', '9434765919'));
    expect(p.pseudonymFor('EMAIL', 'A.Rahman@NHS.net')).toBe(p.pseudonymFor('EMAIL', 'a.rahman@nhs.net'));
    expect(p.pseudonymFor('POSTCODE', 'ls1 4dy')).toBe(p.pseudonymFor('POSTCODE', 'LS14DY'));
  });

  it('keeps types apart even when the text is the same', () => {
    const p = new Pseudonymiser();
    expect(p.pseudonymFor('GMC_NUMBER', '7654321')).toBe('[GMC_NUMBER_1]');
    expect(p.pseudonymFor('PHONE', '7654321')).toBe('[PHONE_1]');
  });

  it('restores the first-seen original of each pseudonym and leaves other brackets alone', () => {
    const p = new Pseudonymiser();
    const sam = p.pseudonymFor('PERSON', 'Sam Okafor');
    const nhs = p.pseudonymFor('NHS_NUMBER', '943 476 5919');
    expect(p.restore(`${sam} (${nhs}) met ${sam}; see [PERSON_9], [NHS_NUMBER] and [1]`)).toBe('Sam Okafor (943 476 5919) met Sam Okafor; see [PERSON_9], [NHS_NUMBER] and [1]');
  });

  it('survives a round trip through JSON and carries on numbering', () => {
    const p = new Pseudonymiser();
    p.pseudonymFor('PERSON', 'Sam Okafor');
    p.pseudonymFor('PERSON', 'Jane Doe');
    p.pseudonymFor('EMAIL', 'jane@example.com');

    const stored: unknown = JSON.parse(JSON.stringify(p));
    const q = Pseudonymiser.fromJSON(stored);
    expect(q.toJSON()).toEqual(p.toJSON());
    expect(q.pseudonymFor('PERSON', 'jane doe')).toBe('[PERSON_2]');
    expect(q.pseudonymFor('PERSON', 'Mary Clarke')).toBe('[PERSON_3]');
    expect(q.pseudonymFor('EMAIL', 'other@example.com')).toBe('[EMAIL_2]');
    expect(q.restore('[PERSON_1] and [PERSON_3]')).toBe('Sam Okafor and Mary Clarke');
  });

  it('does not share state with the JSON it produced', () => {
    const p = new Pseudonymiser();
    p.pseudonymFor('PERSON', 'Sam Okafor');
    const state = p.toJSON();
    const [entry] = state.entries;
    if (entry) entry.original = 'tampered';
    expect(p.restore('[PERSON_1]')).toBe('Sam Okafor');
  });

  it.each([
    ['null', null],
    ['a wrong version', { version: 2, entries: [] }],
    ['an unknown type', { version: 1, entries: [{ type: 'ADDRESS', key: 'x', original: 'x', pseudonym: '[ADDRESS_1]' }] }],
    ['a pseudonym of another type', { version: 1, entries: [{ type: 'PERSON', key: 'x', original: 'x', pseudonym: '[PHONE_1]' }] }],
    ['a missing original', { version: 1, entries: [{ type: 'PERSON', key: 'x', pseudonym: '[PERSON_1]' }] }],
    [
      'a duplicated pseudonym',
      {
        version: 1,
        entries: [
          { type: 'PERSON', key: 'a', original: 'A', pseudonym: '[PERSON_1]' },
          { type: 'PERSON', key: 'b', original: 'B', pseudonym: '[PERSON_1]' },
        ],
      },
    ],
  ])('refuses state with %s', (_label, state) => {
    expect(() => Pseudonymiser.fromJSON(state)).toThrow(TypeError);
  });
});

describe('createRestoringStream', () => {
  const streamed = (chunks: string[]) => {
    const p = new Pseudonymiser();
    p.pseudonymFor('PERSON', 'Sam Okafor');
    p.pseudonymFor('EMAIL', 'sam@example.org');
    const out: string[] = [];
    const stream = createRestoringStream(p, (t) => out.push(t));
    for (const c of chunks) stream.push(c);
    stream.end();
    return out;
  };

  it('restores pseudonyms split across chunks, holding back only the unclosed part', () => {
    expect(streamed(['Dr [PERS', 'ON_1] said ', 'write to [EMAIL_1].'])).toEqual(['Dr ', 'Sam Okafor said ', 'write to sam@example.org.']);
    expect(streamed(['[', 'P', 'ERSON_1]']).join('')).toBe('Sam Okafor');
  });

  it('lets ordinary brackets and unknown labels through unchanged', () => {
    expect(streamed(['Band [6', '] post, [PERSON_9] and [a very long aside that is not a label]']).join('')).toBe('Band [6] post, [PERSON_9] and [a very long aside that is not a label]');
    expect(streamed(['an unclosed [bracket at the end']).join('')).toBe('an unclosed [bracket at the end');
  });
});
