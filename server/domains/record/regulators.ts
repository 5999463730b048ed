import type { RegistrationBody } from './identifiers.ts';

/**
 * How each regulator is named in writing, and what its number is called. The CV's registration
 * sentence is built from these, and the grounding check counts a regulator's full name as a fact
 * of any registration with that body, so the sentence is checked like every other line.
 */
export interface Regulator {
  /** The regulator's full name, or for US bodies what the entry is. */
  name: string;
  /** What its number is called, before the number: "GMC number", "NMC PIN". */
  numberLabel: string;
  country: 'UK' | 'US';
}

export const REGULATORS: Record<RegistrationBody, Regulator> = {
  GMC: { name: 'General Medical Council', numberLabel: 'GMC number', country: 'UK' },
  NMC: { name: 'Nursing and Midwifery Council', numberLabel: 'NMC PIN', country: 'UK' },
  HCPC: { name: 'Health and Care Professions Council', numberLabel: 'HCPC registration number', country: 'UK' },
  GDC: { name: 'General Dental Council', numberLabel: 'GDC number', country: 'UK' },
  GPhC: { name: 'General Pharmaceutical Council', numberLabel: 'GPhC registration number', country: 'UK' },
  'US-STATE-BOARD': { name: 'state license', numberLabel: 'license number', country: 'US' },
  NPI: { name: 'National Provider Identifier', numberLabel: 'NPI', country: 'US' },
};
