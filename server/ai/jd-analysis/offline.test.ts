import { describe, expect, it } from 'vitest';
import { job } from '../../../test/support/fixtures.ts';
import { analyseJobOffline, normaliseAnalysis } from './offline.ts';
import type { Requirement } from './schema.ts';

const summary = (r: Requirement) => `${r.importance}:${r.kind}:${r.key}${r.alternatives.length ? `|${r.alternatives.join('|')}` : ''}${r.years ? `:${r.years}y` : ''}${r.level ? `:${r.level}` : ''}`;
const analyse = (text: string) => analyseJobOffline(text).requirements.map(summary);

describe('offline job analysis', () => {
  it('reads a bulleted advert: each requirement typed and atomic, importance from its section', () => {
    const analysis = analyseJobOffline(job('ed-trust-registrar.txt'));
    expect(analysis).toMatchObject({ title: 'Trust Registrar in Emergency Medicine', employer: 'Kirkstall Vale Hospitals NHS Trust', specialty: 'emergency medicine', country: 'UK' });
    expect(analysis.requirements.map(summary)).toEqual(
      expect.arrayContaining([
        'essential:registration:GMC',
        'essential:experience:years:4y',
        'essential:experience:years:2y',
        'essential:course:als',
        'essential:course:apls',
        'essential:course:atls|etc',
        'essential:skill:leadership',
        'essential:skill:audit-qi',
        'essential:check:dbs:enhanced-barred',
        'desirable:qualification:mrcem',
        'desirable:skill:teaching',
      ]),
    );
    // The title names the post; it asks for no grade.
    expect(analysis.requirements.some((r) => /ST4/.test(r.text))).toBe(false);
  });

  it('reads a desirable course inside brackets', () => {
    expect(analyse(job('critical-care-outreach-band6.txt'))).toEqual(
      expect.arrayContaining(['essential:registration:NMC', 'essential:course:ils', 'desirable:course:als', 'essential:check:dbs:enhanced']),
    );
  });

  it('reads requirements written as prose, and keeps the job title and duties out', () => {
    const text = [
      'Staff Nurse - Acute Medical Unit',
      'Elmbridge Vale NHS Trust',
      '',
      'You will care for up to eight patients on a 30-bed unit and take part in the ward rota.',
      'To join us you must be a registered adult nurse with current NMC registration, and you will need',
      "at least one year's experience in acute medicine. Immediate Life Support would be an advantage.",
      'Would you like to develop your career with us?',
    ].join('\n');
    expect(analyse(text)).toEqual(['essential:registration:NMC', 'essential:experience:years:1y', 'desirable:course:ils']);
  });

  it('reads a flattened person-specification table: each criterion takes the importance of its own cell', () => {
    const text = [
      'PERSON SPECIFICATION',
      'Requirements',
      'Essential',
      'Desirable',
      'When evaluated',
      'QUALIFICATIONS',
      'MBBS or equivalent',
      'Essential',
      'Application form',
      'MRCP (UK) Part 1',
      'Desirable',
      'Application form',
      'CLINICAL SKILLS',
      'Current ALS',
      'Essential',
      'Application form',
      'Interview',
    ].join('\n');
    expect(analyse(text)).toEqual(['essential:qualification:primary-medical', 'desirable:qualification:mrcp', 'essential:course:als']);
  });

  it('reads inline "Essential: a; b. Desirable: c" lists', () => {
    expect(analyse('Band 5 Dietitian\nEssential: HCPC registration as a dietitian; BSc in Dietetics. Desirable: full UK driving licence.')).toEqual([
      'essential:registration:HCPC',
      'essential:qualification:ahp-degree',
      'desirable:check:driving-licence',
    ]);
  });

  it('types US postings as US postings: a state licence, AHA courses, board certification', () => {
    const text =
      'Hospitalist - Lakeshore Medical Center, Madison, WI 53703\nRequired Qualifications\n- MD or DO\n- Active, unrestricted Wisconsin medical license\n- Board certified or board eligible in Internal Medicine\n- Current DEA registration\n- BLS and ACLS\nPreferred Qualifications\n- Pediatric Advanced Life Support (PALS)';
    expect(analyse(text)).toEqual([
      'essential:qualification:primary-medical',
      'essential:registration:US-LICENSE',
      'essential:registration:BOARD-CERT',
      'essential:registration:DEA',
      'essential:course:aha-bls',
      'essential:course:aha-acls',
      'desirable:course:aha-pals',
    ]);
  });

  it('reads entry stages from the wording, never from the title', () => {
    expect(analyse('Specialty Registrar (ST4) in Anaesthetics\nEssential criteria\n- Completion of core anaesthetics training or equivalent competences\n- Primary FRCA')).toEqual([
      'essential:experience:stage:core',
      'essential:qualification:frca-primary',
    ]);
  });

  it('copes with any text: empty, a chat preamble, nothing recognisable', () => {
    expect(analyseJobOffline('').requirements).toEqual([]);
    expect(analyseJobOffline('hello there, how are you today').requirements).toEqual([]);
    const chat = analyseJobOffline('Please tailor my CV for this locum job:\n\nLocum SHO, Emergency Department\nMust hold an enhanced DBS check.');
    expect(chat.title).toBe('Locum SHO, Emergency Department');
    expect(chat.requirements.map(summary)).toEqual(['essential:check:dbs:enhanced']);
  });

  it('normalises what an LLM returns with the same vocabulary', () => {
    const normalised = normaliseAnalysis(
      {
        title: 'RN - ICU',
        employer: null,
        specialty: null,
        country: 'US',
        requirements: [
          {
            text: 'Active RN license in Texas or a compact license',
            importance: 'essential',
            kind: 'registration',
            key: 'NMC',
            alternatives: [],
            detail: null,
            years: null,
            specialty: null,
            level: null,
          },
          { text: 'Kindness', importance: 'essential', kind: 'registration', key: 'KIND-1', alternatives: [], detail: null, years: null, specialty: null, level: null },
        ],
      },
      'RN - ICU',
    );
    expect(normalised.requirements.map(summary)).toEqual(['essential:registration:US-LICENSE', 'essential:skill:free']);
  });
});
