import { describe, expect, it } from 'vitest';
import { findPhones } from './phone.ts';
import { Pseudonymiser } from './pseudonymiser.ts';
import { findEntities, findEntitiesSearchingEveryMention, redact, type Operator } from './redact.ts';
import { found } from './test-helpers.ts';
import { ENTITY_TYPES, type EntityType } from './types.ts';

const everyType = (operator: Operator) => Object.fromEntries(ENTITY_TYPES.map((type) => [type, operator])) as Record<EntityType, Operator>;

describe('findEntities', () => {
  it('returns non-overlapping entities in text order with offsets into the original', () => {
    const text = 'Email a@b.com or call 07700 900123. NHS 943 476 5919.';
    const entities = findEntities(text);
    expect(entities.map((e) => e.type)).toEqual(['EMAIL', 'PHONE', 'NHS_NUMBER']);
    for (const e of entities) expect(text.slice(e.start, e.end)).toBe(e.text);
  });

  it('lets the longer span win an overlap', () => {
    // The known-name recogniser also reports "Aisha" and "Rahman" inside the full name.
    expect(found('Dr Aisha Rahman', { knownNames: ['Aisha Rahman'] })).toEqual([['PERSON', 'Aisha Rahman']]);
    // The email contains a known surname.
    expect(found('aisha.rahman@nhs.net', { knownNames: ['Aisha Rahman'] })).toEqual([['EMAIL', 'aisha.rahman@nhs.net']]);
  });

  it('breaks ties between equal spans by priority: a checksum beats a possible phone number', () => {
    // 0123456789 passes the NHS mod-11 check and is also a possible UK number.
    expect(findPhones('012 345 6789').map((e) => e.text)).toEqual(['012 345 6789']);
    expect(found('012 345 6789')).toEqual([['NHS_NUMBER', '012 345 6789']]);
  });

  it('catches later bare mentions of a name introduced by a title or "patient"', () => {
    expect(found('My patient, John Smith, improved. John Smith went home; Smith is well. Mrs Jones: Jones agreed.')).toEqual([
      ['PERSON', 'John Smith'],
      ['PERSON', 'John Smith'],
      ['PERSON', 'Smith'],
      ['PERSON', 'Jones'],
      ['PERSON', 'Jones'],
    ]);
  });

  it('does not take first names of mentioned people out of place names', () => {
    expect(found('Sister Mary Clarke at St Mary’s Hospital; Clarke agreed.')).toEqual([
      ['PERSON', 'Mary Clarke'],
      ['PERSON', 'Clarke'],
    ]);
  });

  it('finds figures of every shape that the pipeline checks for in one pattern first', () => {
    expect(found('Call +44 7700 900123 or 0161 496 0789.')).toEqual([
      ['PHONE', '+44 7700 900123'],
      ['PHONE', '0161 496 0789'],
    ]);
    expect(found('Home LS1 4AP, or ls1 4ap')).toEqual([
      ['POSTCODE', 'LS1 4AP'],
      ['POSTCODE', 'ls1 4ap'],
    ]);
    expect(found('NHS 943-476-5919; NI ab 12 34 56 c')).toEqual([
      ['NHS_NUMBER', '943-476-5919'],
      ['NI_NUMBER', 'ab 12 34 56 c'],
    ]);
  });

  it('finds numbers and dates that hinge on a context word, which the pipeline checks for in one pattern first', () => {
    expect(found('GMC number 1234567; DOB 12/03/1985')).toEqual([
      ['GMC_NUMBER', '1234567'],
      ['DATE_OF_BIRTH', '12/03/1985'],
    ]);
    expect(found('NMC PIN 12A3456B, DBS certificate 001234567890')).toEqual([
      ['NMC_PIN', '12A3456B'],
      ['DBS_NUMBER', '001234567890'],
    ]);
    expect(found('born on 3 May 1950, GPhC 2054321')).toEqual([
      ['DATE_OF_BIRTH', '3 May 1950'],
      ['GPHC_NUMBER', '2054321'],
    ]);
  });

  it('finds nothing in an empty string or plain clinical text', () => {
    expect(findEntities('')).toEqual([]);
    expect(found('Managed sepsis per the Sepsis Six; ALS and ATLS current; Band 6 to Band 7.')).toEqual([]);
  });
});

describe('redact', () => {
  it('uses typed placeholders, and stable pseudonyms for people, by default', () => {
    const result = redact('Dr Sam Okafor (07700 900123) asked Mrs Jones; Okafor will call. Dr Sam Okafor agreed.');
    expect(result.text).toBe('Dr [PERSON_1] ([PHONE]) asked Mrs [PERSON_2]; [PERSON_3] will call. Dr [PERSON_1] agreed.');
    expect(result.entities).toHaveLength(5);
  });

  it('applies per-type operators over the defaults', () => {
    const text = 'NHS 943 476 5919, tel 07700 900123, Dr Sam Okafor.';
    expect(redact(text, { operators: { PERSON: 'placeholder', NHS_NUMBER: 'pseudonym' } }).text).toBe('NHS [NHS_NUMBER_1], tel [PHONE], Dr [PERSON].');
    // An override left undefined falls back to the default rather than dropping the value.
    expect(redact('tel 07700 900123', { operators: { PHONE: undefined } }).text).toBe('tel [PHONE]');
  });

  it('removes values and tidies the space they leave', () => {
    const operators = everyType('remove');
    expect(redact('Call 07700 900123 now', { operators }).text).toBe('Call now');
    expect(redact('Write to a@b.com.', { operators }).text).toBe('Write to.');
    expect(redact('a@b.com is mine', { operators }).text).toBe('is mine');
    expect(redact('Mine is a@b.com', { operators }).text).toBe('Mine is');
    expect(redact('Tel:\n07700 900123 or a@b.com, thanks', { operators }).text).toBe('Tel:\nor, thanks');
  });

  it('keeps pseudonyms stable across messages that share a Pseudonymiser', () => {
    const pseudonymiser = new Pseudonymiser();
    const knownNames = ['Dr Aisha Rahman'];
    const first = redact('My patient, John Smith, was reviewed by Rahman. Call 07700 900123.', {
      knownNames,
      pseudonymiser,
      operators: { PHONE: 'pseudonym' },
    });
    const second = redact('Update on John Smith: Rahman spoke to +44 7700 900123 and to Mrs Jones.', {
      knownNames,
      pseudonymiser,
      operators: { PHONE: 'pseudonym' },
    });
    expect(first.text).toBe('My patient, [PERSON_1], was reviewed by [PERSON_2]. Call [PHONE_1].');
    expect(second.text).toBe('Update on [PERSON_1]: [PERSON_2] spoke to [PHONE_1] and to Mrs [PERSON_3].');
  });

  it('round-trips through restore when every type is pseudonymised', () => {
    const text =
      'Dr Aisha Rahman (GMC 7654321, aisha.rahman@nhs.net, 0161 496 0789) saw my patient, John Smith, ' + 'DOB 14/07/1962, NHS 943 476 5919, NI AB123456C, LS1 4DY. Rahman called John Smith again.';
    const pseudonymiser = new Pseudonymiser();
    const result = redact(text, { knownNames: ['Dr Aisha Rahman'], pseudonymiser, operators: everyType('pseudonym') });
    expect(result.entities.map((e) => e.type)).toEqual(['PERSON', 'GMC_NUMBER', 'EMAIL', 'PHONE', 'PERSON', 'DATE_OF_BIRTH', 'NHS_NUMBER', 'NI_NUMBER', 'POSTCODE', 'PERSON', 'PERSON']);
    expect(pseudonymiser.restore(result.text)).toBe(text);
    expect(Pseudonymiser.fromJSON(JSON.parse(JSON.stringify(pseudonymiser))).restore(result.text)).toBe(text);
  });

  it('leaves already redacted text unchanged', () => {
    const once = redact('Dr Sam Okafor, 07700 900123, NHS 943 476 5919, LS1 4DY, a@b.com').text;
    expect(redact(once).text).toBe(once);
    expect(findEntities(once)).toEqual([]);
  });

  it('catches every identifier in pasted notes and keeps the clinical content', () => {
    const notes = [
      'Handover from Dr Aisha Rahman (GMC number 7654321), ST4 in Emergency Medicine at',
      'Northgate University Hospitals NHS Foundation Trust, with Sister Mary Clarke (Band 6).',
      'My patient, John Smith, DOB 14/07/1962, NHS number 943 476 5919, lives at LS1 4DY;',
      'daughter on 07700 900123, email john.smith@example.com. Collapsed in resus: ALS given,',
      'ROSC after 2 cycles, 0.75 WTE locum cover arranged. ALS course passed 2019-08-01,',
      'in post since 1 August 2019; audit of 85,000 attendances a year, v2.3.1 of the pathway.',
    ].join('\n');
    const result = redact(notes, { knownNames: ['Dr Aisha Rahman'] });

    for (const secret of ['Aisha', 'Rahman', '7654321', 'Mary Clarke', 'John Smith', '14/07/1962', '943 476 5919', 'LS1 4DY', '07700 900123', 'john.smith@example.com']) {
      expect(result.text, secret).not.toContain(secret);
    }
    for (const kept of [
      'ALS',
      'Band 6',
      'ST4',
      '2019-08-01',
      '1 August 2019',
      'Emergency Medicine',
      'Northgate University Hospitals NHS Foundation Trust',
      '0.75 WTE',
      '85,000 attendances',
      'v2.3.1',
      'ROSC after 2 cycles',
    ]) {
      expect(result.text, kept).toContain(kept);
    }
    expect(result.text).toBe(
      [
        'Handover from Dr [PERSON_1] (GMC number [GMC_NUMBER]), ST4 in Emergency Medicine at',
        'Northgate University Hospitals NHS Foundation Trust, with Sister [PERSON_2] (Band 6).',
        'My patient, [PERSON_3], DOB [DATE_OF_BIRTH], NHS number [NHS_NUMBER], lives at [POSTCODE];',
        'daughter on [PHONE], email [EMAIL]. Collapsed in resus: ALS given,',
        'ROSC after 2 cycles, 0.75 WTE locum cover arranged. ALS course passed 2019-08-01,',
        'in post since 1 August 2019; audit of 85,000 attendances a year, v2.3.1 of the pathway.',
      ].join('\n'),
    );
  });
});

/*
 * findEntities skips the search for later mentions of names whose last word occurs once in the
 * text (eachNameEndsOnce). Held here to the search run every time, on seeded random text full of
 * names said twice, in other cases, inside other words, with letters that fold to ASCII (long s,
 * Kelvin sign) and without ASCII.
 */
describe('later mentions of names that occur once', () => {
  let state = 20261128;
  const random = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const names = [
    'Sam Okafor',
    'Okafor',
    'OKAFOR',
    'okafor',
    'Okaforson',
    'Jo Hale',
    'Hale',
    'Shale',
    'HALE',
    "Tom O'Neill",
    "O'Neill",
    'O’Neill',
    'Ana',
    'Anana',
    'Émile Zola',
    'Zola',
    'Zoë Li',
    'Li',
    'Kim Park',
    'Kim',
    'Park',
    'Parſ',
    'Jane Doe',
    'Doe',
    'Mark Evans',
    'Evanſ',
    'Ann Ann',
    'J. Smith',
    'Smith-Jones',
    'Νίκος Σοσ',
    'ΣΟΣ',
    'Σοσ',
  ];
  const introducers = ['Dr', 'Mrs', 'Prof.', 'Sister', 'patient', 'Patient:', 'her daughter', 'next of kin:', 'Name:'];
  const gaps = [' ', ', ', '. ', '; ', ' and ', ' saw ', '\n', ' (', ') ', '-', '  '];
  const text = () => Array.from({ length: 2 + Math.floor(random() * 6) }, () => (random() < 0.4 ? `${pick(introducers)} ${pick(names)}` : pick(names))).join(pick(gaps));

  it('finds what searching for every mention finds', () => {
    let persons = 0;
    for (let i = 0; i < 6000; i++) {
      const t = text();
      const all = findEntitiesSearchingEveryMention(t);
      if (all.some((e) => e.type === 'PERSON')) persons++;
      expect(findEntities(t), t).toEqual(all);
    }
    expect(persons).toBeGreaterThan(3000);
  });
});
