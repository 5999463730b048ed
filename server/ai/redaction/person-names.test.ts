import { describe, expect, it } from 'vitest';
import { findPersonNames } from './person-names.ts';
import { found, pairs } from './test-helpers.ts';

describe('person names in free text', () => {
  it.each([
    ['Discussed with Dr Sam Okafor today', 'Sam Okafor'],
    ['Mrs Jones was reviewed', 'Jones'],
    ["Referred by Mr. O'Neill.", "O'Neill"],
    ['Supervised by Professor Smith-Jones', 'Smith-Jones'],
    ['Prof McDonald agreed', 'McDonald'],
    ['Ward Sister Mary Clarke assisted', 'Mary Clarke'],
    ['Seen by Dr A. Patel', 'A. Patel'],
    ['Seen by Dr J R Hartley', 'J R Hartley'],
    ['I saw patient John Smith in resus', 'John Smith'],
    ['I saw my patient, Jane Doe, in clinic', 'Jane Doe'],
    ['Patient: John Smith', 'John Smith'],
    ['Patient name: Jane Mary Doe', 'Jane Mary Doe'],
    ['Dr Sam Okafor Consultant in Emergency Medicine', 'Sam Okafor'],
  ])('finds the name in %j', (text, name) => {
    expect(pairs(findPersonNames(text))).toEqual([['PERSON', name]]);
  });

  it.each([
    ['single letters and non-names after a title', 'Dr Who, Mr X, Dr A, Miss Out'],
    ['job titles', 'Specialty Registrar, Clinical Nurse Specialist, Nurse Practitioner, Consultant Physician'],
    ['specialties', 'Emergency Medicine, Intensive Care Medicine, Sister Ward 12'],
    ['organisation names', 'Northgate University Hospitals NHS Foundation Trust, Royal College of Physicians'],
    ['teams named after patients', 'Patient Safety Lead, Patient Experience Team'],
    ['patients without a name', 'the patient was discharged; patient Education Day; my patient, who'],
    ['a single word after "patient"', 'patient Smith was seen'],
    ['lower-case and all-caps words', 'dr smith, DR SMITH, Mr ALS'],
  ])('leaves %s alone', (_label, text) => {
    expect(findPersonNames(text)).toEqual([]);
    expect(found(text)).toEqual([]);
  });
});

describe('a capitalised "Patient" starting a sentence', () => {
  it('catches the name that follows, but not team and role names', () => {
    expect(findPersonNames('Patient John Smith was reviewed at 08:00.').map((e) => e.text)).toEqual(['John Smith']);
    expect(findPersonNames('Patient Safety Lead for the unit')).toEqual([]);
    expect(findPersonNames('Patient Experience Team award')).toEqual([]);
  });
});
