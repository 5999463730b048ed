import { describe, expect, it } from 'vitest';
import { findDateRange } from './date-ranges.ts';
import { parseCvLines } from './parse-cv.ts';
import { findGrade, findRegistrations, headingKind, looksEnglish } from './vocabulary.ts';

describe('reading dates as CVs write them', () => {
  it.each([
    ['Aug 2019 – Present', '2019-08', null],
    ['08/2019 - 03/2021', '2019-08', '2021-03'],
    ['2019-2021', '2019', '2021'],
    ['September 2019 to date', '2019-09', null],
    ['Sept. 2019 – current', '2019-09', null],
    ['01/08/2019 to 31/07/2020', '2019-08-01', '2020-07-31'],
    ['2019-08-07 to present', '2019-08-07', null],
    ['Since March 2018', '2018-03', null],
    ['December 2013 – December 2014', '2013-12', '2014-12'],
    ['7 August 2019 - 5 August 2020', '2019-08-07', '2020-08-05'],
  ])('%s', (text, start, end) => {
    expect(findDateRange(text)).toMatchObject({ start, end, single: false });
  });

  it('leaves phone and registration numbers alone and reads a lone year as a single date', () => {
    expect(findDateRange('Tel 07700 900123')).toBeNull();
    expect(findDateRange('GMC 7654321')).toBeNull();
    expect(findDateRange('ALS provider 2023')).toMatchObject({ start: '2023', single: true });
  });
});

describe('the words of a CV', () => {
  it('knows headings in their common wordings, and not a wrapped word', () => {
    expect(headingKind('Employment History')).toBe('work');
    expect(headingKind('W O R K  E X P E R I E N C E')).toBe('work');
    expect(headingKind('CLINICAL EXPERIENCE:')).toBe('work');
    expect(headingKind('Education and Qualifications')).toBe('education');
    expect(headingKind('Courses attended')).toBe('courses');
    expect(headingKind('teaching.')).toBeUndefined();
  });

  it('reads grades and registration numbers checked by the record rules', () => {
    expect(findGrade('Clinical Fellow (ST3 equivalent)')).toBe('ST3');
    expect(findGrade('Staff Nurse, band 6')).toBe('Band 6');
    expect(findGrade('FY1 Doctor')).toBe('FY1');
    expect(findRegistrations('GMC number: 7312458. NMC PIN 18K0423E, HCPC PA123456, GMC 123')).toEqual([
      { body: 'GMC', number: '7312458' },
      { body: 'NMC', number: '18K0423E' },
      { body: 'HCPC', number: 'PA123456' },
    ]);
  });

  it('tells English from another language', () => {
    expect(looksEnglish('Responsible for the care of patients on a busy ward with the team.')).toBe(true);
    expect(looksEnglish('Infirmière diplômée. Prise en charge des patients dans le service de réanimation et des urgences, avec une équipe de la nuit pour les soins et des familles.')).toBe(false);
  });
});

describe('reading a CV into a draft', () => {
  it('takes the employer from a long sub-line that goes on with grade and departments, and a self-employed locum', () => {
    const { resume } = parseCvLines([
      'Employment',
      'GP Specialty Registrar Aug 2013 – Aug 2014',
      'Brook Lane Surgery, GPST3, General Practice',
      'GP Specialty Registrar (hospital posts) Aug 2011 – Aug 2013',
      'Irwell Vale Hospitals NHS Trust, GPST1-2, Paediatrics; Obstetrics and Gynaecology; Psychiatry; Emergency Medicine',
      'Rotational Midwife Apr 2016 – Jun 2020',
      'Tywi Valley University Health Board, Band 6, Midwifery (antenatal, postnatal, community, intrapartum)',
      'Locum Community Pharmacist Sep 2016 – present',
      'Self-employed locum pharmacist, Community Pharmacy',
    ]);
    expect(resume.work?.map((w) => [w.position, w.name])).toEqual([
      ['GP Specialty Registrar', 'Brook Lane Surgery'],
      ['GP Specialty Registrar (hospital posts)', 'Irwell Vale Hospitals NHS Trust'],
      ['Rotational Midwife', 'Tywi Valley University Health Board'],
      ['Locum Community Pharmacist', 'Self-employed locum pharmacist'],
    ]);
  });

  it('finds posts whatever the order of title, employer and dates', () => {
    const { resume } = parseCvLines([
      'Dr Amira Test',
      'amira@example.org',
      'GMC No: 7312458',
      'Career History',
      'Specialty Registrar in Emergency Medicine (ST4)\tAug 2023 – Present',
      'Wharfedale Teaching Hospitals NHS Foundation Trust',
      '• Led the resuscitation room',
      'Kirkstall Vale Hospitals NHS Trust',
      'Core Trainee in Acute Medicine, CT2',
      '08/2021 - 07/2023',
      '2019-2021\tFoundation Year Doctor – Bronte Moor Hospitals NHS Trust',
      'Education',
      'MBChB Medicine, University of Northfield (2013 - 2019)',
      'Courses',
      'Advanced Life Support (ALS) 03/2024',
    ]);
    expect(resume.basics).toMatchObject({ name: 'Dr Amira Test', email: 'amira@example.org' });
    expect(resume.work).toEqual([
      expect.objectContaining({
        name: 'Wharfedale Teaching Hospitals NHS Foundation Trust',
        position: 'Specialty Registrar in Emergency Medicine',
        grade: 'ST4',
        startDate: '2023-08',
        highlights: ['Led the resuscitation room'],
      }),
      expect.objectContaining({ name: 'Kirkstall Vale Hospitals NHS Trust', position: 'Core Trainee in Acute Medicine', grade: 'CT2', startDate: '2021-08', endDate: '2023-07' }),
      expect.objectContaining({ name: 'Bronte Moor Hospitals NHS Trust', position: 'Foundation Year Doctor', startDate: '2019', endDate: '2021' }),
    ]);
    expect(resume.education).toEqual([expect.objectContaining({ institution: 'University of Northfield', studyType: 'MBChB', area: 'Medicine', startDate: '2013', endDate: '2019' })]);
    expect(resume.certificates).toEqual([{ name: 'Advanced Life Support (ALS)', date: '2024-03' }]);
    expect(resume.clinical?.registrations).toEqual([{ body: 'GMC', number: '7312458' }]);
  });

  it("reads a specialty after the title's comma as part of the title, and a place below it as neither", () => {
    const { resume } = parseCvLines(['Experience', "St Aldric's Hospital NHS Trust", 'London', 'Feb 1999 – Jul 1999', 'Senior House Officer, General Medical Rotation']);
    expect(resume.work).toEqual([expect.objectContaining({ name: "St Aldric's Hospital NHS Trust", position: 'Senior House Officer, General Medical Rotation', startDate: '1999-02' })]);
  });

  it('leaves out the "at" of a title broken from its employer', () => {
    const { resume } = parseCvLines(['Experience', 'Locum Consultant Psychiatrist, Crisis Resolution and Home Treatment\tSep 2015 - Jun 2016', 'at Lanternfield Medical Staffing Ltd']);
    expect(resume.work).toEqual([expect.objectContaining({ name: 'Lanternfield Medical Staffing Ltd', position: 'Locum Consultant Psychiatrist, Crisis Resolution and Home Treatment' })]);
  });

  it('reads a title by its last word, and a bracketed note as no employer', () => {
    const { resume } = parseCvLines([
      'Experience',
      'Agency Operating Department Practitioner\tJan 2019 – Jun 2023',
      'Redwick Theatre Staffing Ltd, Band 6 equivalent, Anaesthetics and recovery, agency work',
      'Physiotherapist (self-employed private practice)\tJun 2020 – present',
      'Hartigan Physiotherapy, Musculoskeletal',
    ]);
    expect(resume.work?.map((w) => [w.position, w.name])).toEqual([
      ['Agency Operating Department Practitioner', 'Redwick Theatre Staffing Ltd'],
      ['Physiotherapist (self-employed private practice)', 'Hartigan Physiotherapy'],
    ]);
  });

  it('does not take a description line as the title, even one naming a grade before its comma', () => {
    const { resume } = parseCvLines([
      'Experience',
      'Foundation Year 1 Doctor, General Surgery\tDec 2026 – Apr 2027',
      'Wendmoor Teaching Hospitals NHS Foundation Trust, F1',
      'Second F1 rotation (allocated, not yet started): colorectal and upper GI surgery wards and the surgical assessment unit.',
    ]);
    expect(resume.work).toEqual([expect.objectContaining({ position: 'Foundation Year 1 Doctor, General Surgery', name: 'Wendmoor Teaching Hospitals NHS Foundation Trust' })]);
  });

  it("reads posts grouped under their employer, with the site below each post's dates", () => {
    const { resume } = parseCvLines([
      'Work',
      'Northgate University Hospitals NHS Trust',
      'Emergency Department Sister',
      'Sep 2015 – Aug 2019',
      'Northgate General Hospital Emergency Department',
      'Led the shift and escalation',
      'Senior Staff Nurse, Emergency Department',
      'Jul 2011 – Aug 2015',
      'Northgate General Hospital Emergency Department',
      'Riverside Chase Hospital NHS Trust',
      'Senior House Officer, Accident and Emergency',
      'Aug 1998 – Jan 1999',
      'London',
      'Senior House Officer, General Medical Rotation',
      'Feb 1999 – Jul 1999',
      'London',
    ]);
    expect(resume.work?.map((w) => [w.position, w.name, w.startDate])).toEqual([
      ['Emergency Department Sister', 'Northgate University Hospitals NHS Trust', '2015-09'],
      ['Senior Staff Nurse, Emergency Department', 'Northgate University Hospitals NHS Trust', '2011-07'],
      ['Senior House Officer, Accident and Emergency', 'Riverside Chase Hospital NHS Trust', '1998-08'],
      ['Senior House Officer, General Medical Rotation', 'Riverside Chase Hospital NHS Trust', '1999-02'],
    ]);
  });
});
