import { addMonths, endOfMonth } from './dates.ts';

/**
 * The training catalogue: what each course is called, how people write it, and how long it is
 * valid. Validity periods are data (table `training_catalogue`, editable by platform admins);
 * the defaults below seed it. Name patterns are code, ordered from most to least specific so
 * that "Advanced Paediatric Life Support" never matches ALS.
 */
export interface CatalogueDefault {
  id: string;
  name: string;
  validityMonths: number;
  /** AHA cards run to the end of the month they expire in. */
  endOfMonth: boolean;
  patterns: RegExp[];
}

export const CATALOGUE_DEFAULTS: CatalogueDefault[] = [
  { id: 'aha-bls', name: 'AHA Basic Life Support (BLS)', validityMonths: 24, endOfMonth: true, patterns: [/\b(aha|american heart)\b.*\b(bls|basic life support)\b/, /\b(bls|basic life support)\b.*\b(aha|american heart)\b/] },
  { id: 'aha-acls', name: 'AHA Advanced Cardiovascular Life Support (ACLS)', validityMonths: 24, endOfMonth: true, patterns: [/\bacls\b/, /advanced cardiovascular life support/] },
  { id: 'aha-pals', name: 'AHA Pediatric Advanced Life Support (PALS)', validityMonths: 24, endOfMonth: true, patterns: [/\bpals\b/, /pediatric advanced life support/] },
  { id: 'apls', name: 'Advanced Paediatric Life Support (APLS)', validityMonths: 48, endOfMonth: false, patterns: [/\bapls\b/, /advanced paediatric life support/, /paediatric advanced life support/] },
  { id: 'atls', name: 'Advanced Trauma Life Support (ATLS)', validityMonths: 48, endOfMonth: false, patterns: [/\batls\b/, /advanced trauma life support/] },
  { id: 'als', name: 'Advanced Life Support (ALS)', validityMonths: 48, endOfMonth: false, patterns: [/\bals\b/, /advanced life support/] },
  { id: 'ils', name: 'Immediate Life Support (ILS)', validityMonths: 12, endOfMonth: false, patterns: [/\bils\b/, /immediate life support/] },
  { id: 'bls', name: 'Basic Life Support (BLS)', validityMonths: 12, endOfMonth: false, patterns: [/\bbls\b/, /basic life support/] },
  { id: 'safeguarding-l3', name: 'Safeguarding Level 3', validityMonths: 36, endOfMonth: false, patterns: [/safeguarding\b.*\b(level 3|l3|level three)\b/, /\b(level 3|l3)\b.*safeguarding/] },
  { id: 'information-governance', name: 'Information Governance', validityMonths: 12, endOfMonth: false, patterns: [/information governance/, /data security awareness/, /\big\b (training|toolkit)/] },
];

const normalise = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** The catalogue entry a free-text certificate name refers to, if any. */
export function matchCatalogue(name: string): string | undefined {
  const text = normalise(name);
  return CATALOGUE_DEFAULTS.find((entry) => entry.patterns.some((p) => p.test(text)))?.id;
}

/** Expiry of a course completed on `completedOn` under a validity rule. */
export function computeExpiry(completedOn: string, rule: { validityMonths: number; endOfMonth: boolean }): string {
  const expiry = addMonths(completedOn, rule.validityMonths);
  return rule.endOfMonth ? endOfMonth(expiry) : expiry;
}
