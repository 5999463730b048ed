import { describe, expect, it } from 'vitest';
import { dbsCertificateProblem, isValidNpi, registrationNumberProblem } from './identifiers.ts';
import { computeExpiry, matchCatalogue } from './catalogue.ts';

describe('registration numbers', () => {
  it.each([
    ['GMC', '7654321', true],
    ['GMC', '765432', false],
    ['GMC', '76543210', false],
    ['NMC', '16I2345E', true],
    ['NMC', '16i2345e', false],
    ['NMC', '1612345E', false],
    ['HCPC', 'PA123456', true],
    ['HCPC', 'ODP12345', true],
    ['HCPC', 'PYL1', true],
    ['HCPC', 'XX123456', false],
    ['HCPC', 'PA1234567', false],
    ['NPI', '1234567893', true],
    ['NPI', '1234567890', false],
    ['GPhC', '2012345', true],
  ] as const)('%s %s valid: %s', (body, number, valid) => {
    expect(registrationNumberProblem(body, number) === undefined).toBe(valid);
  });

  it('checks the NPI Luhn digit with the 80840 prefix', () => {
    expect(isValidNpi('1234567893')).toBe(true);
    expect(isValidNpi('1245319599')).toBe(true);
    expect(isValidNpi('1245319598')).toBe(false);
  });

  it('checks DBS certificate numbers', () => {
    expect(dbsCertificateProblem('001234567890')).toBeUndefined();
    expect(dbsCertificateProblem('00123456789')).toBeDefined();
  });
});

describe('training catalogue', () => {
  it.each([
    ['Advanced Life Support (ALS)', 'als'],
    ['ALS provider', 'als'],
    ['RCUK ALS', 'als'],
    ['Advanced Paediatric Life Support (APLS)', 'apls'],
    ['ATLS', 'atls'],
    ['Immediate Life Support (ILS)', 'ils'],
    ['Basic Life Support (BLS)', 'bls'],
    ['AHA BLS Provider', 'aha-bls'],
    ['BLS Provider (American Heart Association)', 'aha-bls'],
    ['ACLS', 'aha-acls'],
    ['PALS Provider', 'aha-pals'],
    ['Safeguarding Children Level 3', 'safeguarding-l3'],
    ['Safeguarding Adults L3', 'safeguarding-adults'],
    ['Paediatric Immediate Life Support', 'pils'],
    ['Advanced Life Support in Obstetrics (ALSO)', undefined],
    ['European Trauma Course', 'etc'],
    ['Pediatric Advanced Life Support', 'aha-pals'],
    ['Information Governance', 'information-governance'],
    ['Data Security Awareness Level 1', 'information-governance'],
    ['Falls prevention', undefined],
    ['Safeguarding Children Level 1', undefined],
    ['Alsace wine tasting', undefined],
  ])('%s -> %s', (name, id) => {
    expect(matchCatalogue(name)).toBe(id);
  });

  it('computes expiry, to the end of the month for AHA cards', () => {
    expect(computeExpiry('2024-02-14', { validityMonths: 48, endOfMonth: false })).toBe('2028-02-14');
    expect(computeExpiry('2024-02-29', { validityMonths: 12, endOfMonth: false })).toBe('2025-02-28');
    expect(computeExpiry('2025-03-10', { validityMonths: 24, endOfMonth: true })).toBe('2027-03-31');
  });
});
