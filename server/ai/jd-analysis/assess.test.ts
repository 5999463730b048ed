import { describe, expect, it } from 'vitest';
import { aiRecordFromResume } from '../record-from-resume.ts';
import { assessRequirements } from './assess.ts';
import { analyseJobOffline } from './offline.ts';

/**
 * Matching rules that word overlap alone gets wrong: licences by state and by standing, an
 * Update Service subscription that has lapsed, AHA cards asked for one by one, and procedures
 * named differently in the advert and the record.
 */
const AS_OF = '2026-11-22';

type Resume = Parameters<typeof aiRecordFromResume>[0];
const record = (resume: Partial<Resume>) => aiRecordFromResume({ basics: { name: 'Alex Example' }, ...resume } as Resume, AS_OF);

/** The status of the first requirement read from `advert` whose text matches `about`. */
function statusOf(advert: string, resume: Partial<Resume>, about: RegExp): string {
  const assessed = assessRequirements(analyseJobOffline(advert), record(resume), AS_OF);
  const found = assessed.find((r) => about.test(r.text));
  if (!found) throw new Error(`no requirement matching ${about} in: ${assessed.map((r) => r.text).join(' | ')}`);
  return found.status;
}

const usAdvert = (line: string) => `Hospitalist Physician\nRiverbend Medical Center\n\nRequired qualifications:\n- ${line}\n- Board certification in Internal Medicine\n`;
const ukAdvert = (lines: string[]) => `Staff Nurse - Critical Care\nMarshgate NHS Trust\n\nEssential criteria:\n${lines.map((l) => `- ${l}`).join('\n')}\n`;

describe('matching a requirement against the record', () => {
  const licences = {
    clinical: {
      registrations: [
        { body: 'US-STATE-BOARD', number: '7351820', jurisdiction: 'Wisconsin', status: 'Active, unrestricted', renewalDate: '2027-10-31' },
        { body: 'US-STATE-BOARD', number: '35148827', jurisdiction: 'Ohio', status: 'Inactive: not renewed' },
      ],
    },
  } as unknown as Partial<Resume>;

  it('reads a licence by the state the advert names, and by whether it is in force', () => {
    expect(statusOf(usAdvert('Current, unrestricted license to practice medicine in the State of Ohio'), licences, /Ohio/)).toBe('expired');
    expect(statusOf(usAdvert('Current license to practice medicine in the State of Texas'), licences, /Texas/)).toBe('unmet');
    expect(statusOf(usAdvert('Current license to practice medicine in the State of Wisconsin'), licences, /Wisconsin/)).toBe('met');
  });

  it('treats a DBS check whose Update Service subscription lapsed as out of date', () => {
    const dbs = (renewal: string) =>
      ({
        clinical: { dbs: [{ level: 'enhanced-barred', workforce: 'both', certificateNumber: '001574820369', issueDate: '2022-09-05', updateService: true, updateServiceRenewalDate: renewal }] },
      }) as unknown as Partial<Resume>;
    const advert = ukAdvert(['Enhanced DBS check dated within the last three years, or registration with the DBS Update Service']);
    expect(statusOf(advert, dbs('2026-09-04'), /DBS/)).toBe('expired');
    expect(statusOf(advert, dbs('2027-09-04'), /DBS/)).toBe('met');
  });

  it('asks for a lapsed AHA BLS card even when ACLS is current; in the UK a current ALS covers BLS', () => {
    const cards = {
      certificates: [
        { name: 'AHA BLS Provider', issuer: 'American Heart Association', date: '2024-10-03' },
        { name: 'AHA ACLS Provider', issuer: 'American Heart Association', date: '2025-12-09' },
      ],
    } as Partial<Resume>;
    expect(statusOf(usAdvert('BLS certification from the American Heart Association'), cards, /BLS/)).toBe('expired');
    const uk = {
      certificates: [
        { name: 'Basic Life Support', issuer: 'Marshgate NHS Trust', date: '2024-01-10' },
        { name: 'Advanced Life Support (ALS)', issuer: 'Resuscitation Council UK', date: '2025-03-01' },
      ],
    } as Partial<Resume>;
    expect(statusOf(ukAdvert(['Basic Life Support']), uk, /Basic Life Support/)).toBe('probably-met');
  });

  it('matches a procedure by any of its names, and not by the setting alone', () => {
    const icu = {
      work: [{ name: 'Marshgate NHS Trust', position: 'Staff Nurse, Intensive Care', startDate: '2019-01-01', highlights: ['Ward lead for haemofiltration training'] }],
    } as Partial<Resume>;
    expect(statusOf(ukAdvert(['Experience in delivering continuous renal replacement therapy']), icu, /renal replacement/)).toBe('met');
    expect(statusOf(ukAdvert(['Experience of point-of-care ultrasound in critical care']), icu, /ultrasound/)).toBe('unmet');
  });
});

describe('matching skills and qualifications by what they are', () => {
  const doctor = {
    work: [
      {
        name: 'Wendmoor Teaching Hospitals NHS Foundation Trust',
        position: 'Foundation Year 1 Doctor, General Surgery',
        startDate: '2025-08-06',
        highlights: ['Rotations in emergency medicine, psychiatry and general surgery', 'Taught final-year medical students on the surgical wards'],
      },
    ],
    certificates: [{ name: 'MRCP(UK) Part 1', issuer: 'Federation of the Royal Colleges of Physicians', date: '2026-01-15' }],
  } as Partial<Resume>;

  it('does not read managing patients, time management or a rotation as management experience', () => {
    const advert = ukAdvert(['Able to assess and manage acutely unwell surgical patients', 'Reliability and good time management', 'Experience of managing a team']);
    expect(statusOf(advert, doctor, /acutely unwell/)).not.toBe('met');
    expect(statusOf(advert, doctor, /time management/)).not.toBe('met');
    expect(statusOf(advert, doctor, /managing a team/)).toBe('unmet');
  });

  it('keeps a skill to the field the advert names, and a part of an exam short of the whole', () => {
    expect(statusOf(ukAdvert(['Experience of teaching doctors and nurses in sexual health']), doctor, /teaching/)).toBe('unmet');
    expect(statusOf(ukAdvert(['Experience of teaching medical students']), doctor, /teaching/)).toBe('met');
    expect(statusOf(ukAdvert(['Full MRCP (UK) or equivalent']), doctor, /MRCP/)).toBe('unmet');
  });
});

describe('registrations, checks and degrees named with alternatives', () => {
  const nurse = {
    education: [{ institution: 'Marshgate University', studyType: 'BSc (Hons)', area: 'Nursing (Adult)' }],
    clinical: {
      registrations: [{ body: 'NMC', number: '21A1234E', status: 'Registered nurse: adult' }],
      dbs: [{ level: 'enhanced-barred', workforce: 'adult', certificateNumber: '001863047519', issueDate: '2025-08-20', updateService: true }],
    },
  } as unknown as Partial<Resume>;

  it('accepts any field of practice the advert lists, and any degree around an "or"', () => {
    expect(statusOf(ukAdvert(['NMC registered nurse (child or adult field) or registered midwife']), nurse, /NMC/)).toBe('met');
    expect(statusOf(ukAdvert(['Degree or diploma in nursing or midwifery']), nurse, /nursing or midwifery/)).toBe('met');
    expect(statusOf(ukAdvert(['Registered mental health nurse (RMN) on the NMC register']), nurse, /RMN/)).toBe('unmet');
  });

  it("needs a check for the children's workforce when the advert names the children's barred list", () => {
    expect(statusOf(ukAdvert(["An enhanced DBS check including the children's barred list"]), nurse, /DBS/)).toBe('unmet');
    expect(statusOf(ukAdvert(['An enhanced DBS check including the adult barred list']), nurse, /DBS/)).toBe('met');
  });

  it('takes a BSN as graduation from a school of nursing', () => {
    const us = { education: [{ institution: 'Capitol State University', studyType: 'BSN', area: 'Nursing' }] } as Partial<Resume>;
    expect(statusOf(usAdvert('Graduate of an accredited school of professional nursing'), us, /school of professional nursing/)).toBe('met');
  });
});

describe('reading what the advert asks', () => {
  it('splits a list made only of procedures into one requirement each, and keeps other lists whole', () => {
    const texts = (advert: string) => analyseJobOffline(advert).requirements.map((r) => r.text);
    expect(texts(ukAdvert(['Experience of procedural sedation and point-of-care ultrasound']))).toEqual(
      expect.arrayContaining(['Experience of procedural sedation', 'Experience of point-of-care ultrasound']),
    );
    expect(texts(ukAdvert(['Competent in cannulation, catheterisation and arterial blood gas sampling']))).toContain('Competent in cannulation, catheterisation and arterial blood gas sampling');
  });

  it('carries a window set by a list item ending in ":" to the items nested under it, and no further', () => {
    const advert = [
      'Locum Doctor - Emergency Department',
      'Kestrelmoor Medical Staffing',
      '',
      'What we need from you',
      '• Two clinical references from consultants you have worked with in the last 12 months',
      '• Mandatory training completed within the last 12 months:',
      '    - Fire safety',
      '    - Safeguarding adults',
      '• ALS certificate (required for all ED shifts)',
      '',
    ].join('\n');
    const requirements = analyseJobOffline(advert).requirements;
    expect(requirements.find((r) => r.key === 'safeguarding-adults')?.detail).toMatch(/12 months/);
    expect(requirements.find((r) => r.key === 'als')?.detail ?? null).toBeNull();
    // "Worked with in the last 12 months" is a window on the references, not a year of experience.
    expect(requirements.some((r) => r.kind === 'experience' && r.key === 'years')).toBe(false);
  });

  it('reads a checklist laid out in columns with spaces, row by row, without its buttons', () => {
    const advert = [
      'Locum GP registration - document checklist',
      '',
      'DOCUMENT                         WHAT WE NEED                                       STATUS',
      'GMC registration *               GMC number; full registration with a licence       [ ]',
      '                                 to practise and GP Register entry',
      'DBS *                            Enhanced DBS issued within 3 years, or Update      [ ]',
      '                                 Service registration',
      'Safeguarding adults *            Certificate dated within 3 years                   [ ]',
      '',
      'Upload documents    Save and exit',
    ].join('\n');
    const requirements = analyseJobOffline(advert).requirements;
    expect(requirements.find((r) => r.kind === 'check' && r.key === 'dbs')?.text).toBe('DBS: Enhanced DBS issued within 3 years, or Update Service registration');
    expect(requirements.find((r) => r.key === 'safeguarding-adults')?.text).toBe('Safeguarding adults: Certificate dated within 3 years');
    expect(requirements.every((r) => r.importance === 'essential')).toBe(true);
    expect(requirements.some((r) => /Save and exit/.test(r.text))).toBe(false);
  });
});
