import { describe, expect, it } from 'vitest';
import { job } from '../../../test/support/fixtures.ts';
import { analyseJobOffline } from './offline.ts';

const summarise = (file: string) =>
  analyseJobOffline(job(file)).requirements.map((r) => `${r.importance}:${r.kind}:${r.registrationBody ?? r.certifications.join('+') ?? ''}${r.years ? `:${r.years}y` : ''}${r.specialty ? `:${r.specialty}` : ''}${r.dbsLevel ? `:${r.dbsLevel}` : ''}${r.grade ? `:${r.grade}` : ''}`);

describe('offline job analysis', () => {
  it('reads the ED registrar post', () => {
    const analysis = analyseJobOffline(job('ed-trust-registrar.txt'));
    expect(analysis.specialty).toBe('emergency medicine');
    expect(summarise('ed-trust-registrar.txt')).toEqual(
      expect.arrayContaining([
        'essential:grade::ST4',
        'essential:registration:GMC',
        'essential:experience::4y',
        'essential:experience::2y:emergency medicine',
        'essential:certification:als',
        'essential:certification:apls',
        'essential:certification:atls',
        'desirable:qualification:',
        'essential:dbs::enhanced-barred',
      ]),
    );
  });

  it('reads the outreach nurse post, with ALS desirable inside brackets', () => {
    expect(summarise('critical-care-outreach-band6.txt')).toEqual(
      expect.arrayContaining(['essential:grade::Band 6', 'essential:registration:NMC', 'essential:experience::3y:critical care', 'essential:certification:ils', 'desirable:certification:als', 'essential:dbs::enhanced']),
    );
  });

  it('reads the GP and acute medicine posts', () => {
    expect(summarise('salaried-gp.txt')).toEqual(expect.arrayContaining(['essential:registration:GMC', 'essential:certification:safeguarding-l3', 'essential:certification:bls']));
    expect(summarise('clinical-fellow-acute-medicine.txt')).toEqual(
      expect.arrayContaining(['essential:grade::SHO', 'essential:registration:GMC', 'essential:certification:als', 'essential:gaps:', 'desirable:qualification:']),
    );
  });

  it('copes with any text: no bullets, no sections, nothing recognisable', () => {
    expect(analyseJobOffline('').requirements).toEqual([]);
    const loose = analyseJobOffline('Locum needed\nMust hold an enhanced DBS check.');
    expect(loose.requirements.map((r) => r.kind)).toEqual(['dbs']);
  });
});
