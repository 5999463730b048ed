import { describe, expect, it } from 'vitest';
import { dateSpan, distinctParts, humaniseDates, monthYear, registrationSentence } from './wording.ts';

describe('CV wording', () => {
  it('writes dates as people write them: month and year, a year alone where the record has only a year', () => {
    expect(monthYear('2021-08-05')).toBe('Aug 2021');
    expect(monthYear('2010-05')).toBe('May 2010');
    expect(monthYear('2009')).toBe('2009');
    expect(dateSpan('2021-08-05', null)).toBe('Aug 2021 – present');
    expect(dateSpan('2015-09-01', '2018-07-31')).toBe('Sep 2015 – Jul 2018');
    expect(dateSpan('2024-03-01', '2024-03-28')).toBe('Mar 2024');
    expect(dateSpan(null, '2014')).toBe('2014');
    expect(humaniseDates('2024-01-01 to present')).toBe('Jan 2024 – present');
    expect(humaniseDates('Completed 2023-06-12, valid until 2027-06-12')).toBe('Completed Jun 2023, valid until Jun 2027');
  });

  it('leaves out parts of a sub-line the title or an earlier part already said', () => {
    expect(distinctParts('Self-employed locum GP', ['Self-employed', 'GP', 'locum'])).toBe('');
    expect(distinctParts('Locum General Practitioner', ['Self-employed', 'GP', 'General Practice', 'locum'])).toBe('Self-employed, GP, General Practice');
    expect(distinctParts('Core Trainee in Anaesthetics (CT2)', ['Corvell Royal Infirmary NHS Trust', 'CT2', 'Anaesthetics'])).toBe('Corvell Royal Infirmary NHS Trust');
    expect(distinctParts('Registrar', ['A Trust', null, '  ', 'A Trust'])).toBe('A Trust');
  });

  it('writes a registration as a sentence from its body, number, jurisdiction and status', () => {
    expect(registrationSentence({ body: 'GMC', number: '7123456', jurisdiction: null, status: 'Full registration with a licence to practise' })).toBe(
      'General Medical Council, GMC number 7123456: full registration with a licence to practise.',
    );
    expect(registrationSentence({ body: 'NMC', number: '19B4821E', jurisdiction: null, status: null })).toBe('Nursing and Midwifery Council, NMC PIN 19B4821E.');
    expect(registrationSentence({ body: 'US-STATE-BOARD', number: '7351820', jurisdiction: 'Wisconsin', status: 'Active, unrestricted.' })).toBe(
      'Wisconsin state license, license number 7351820: active, unrestricted.',
    );
    expect(registrationSentence({ body: 'GMC', number: '1', jurisdiction: null, status: 'GP Register' })).toContain(': GP Register.');
    // As the HCPC register shows a status and a profession.
    expect(registrationSentence({ body: 'HCPC', number: 'PA148207', jurisdiction: null, status: 'Registered: Paramedic' })).toBe(
      'Health and Care Professions Council, HCPC registration number PA148207: registered as a paramedic.',
    );
    expect(registrationSentence({ body: 'HCPC', number: 'ODP12345', jurisdiction: null, status: 'Registered - Operating Department Practitioner' })).toContain(
      ': registered as an operating department practitioner.',
    );
  });
});
