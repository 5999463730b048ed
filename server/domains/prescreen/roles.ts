/**
 * What employers and agencies usually ask of a role: the checklist pre-screening compares the
 * record with. Advice, not rules: a job description may ask for more or less.
 */
export type Requirement =
  | { kind: 'registration'; bodies: string[]; label: string }
  | { kind: 'training'; anyOf: string[]; label: string }
  | { kind: 'dbs'; minimum: 'standard' | 'enhanced' | 'enhanced-barred'; label: string };

export interface RoleProfile {
  id: string;
  name: string;
  requirements: Requirement[];
}

const gmc: Requirement = { kind: 'registration', bodies: ['GMC'], label: 'GMC registration' };
const nmc: Requirement = { kind: 'registration', bodies: ['NMC'], label: 'NMC registration' };
const hcpc: Requirement = { kind: 'registration', bodies: ['HCPC'], label: 'HCPC registration' };
const ig: Requirement = { kind: 'training', anyOf: ['information-governance'], label: 'Information Governance' };
const safeguarding: Requirement = { kind: 'training', anyOf: ['safeguarding-l3'], label: 'Safeguarding Level 3' };
const enhancedDbs: Requirement = { kind: 'dbs', minimum: 'enhanced', label: 'Enhanced DBS check' };
const barredDbs: Requirement = { kind: 'dbs', minimum: 'enhanced-barred', label: 'Enhanced DBS check with barred lists' };
const training = (label: string, ...anyOf: string[]): Requirement => ({ kind: 'training', anyOf, label });

export const ROLE_PROFILES: RoleProfile[] = [
  { id: 'doctor', name: 'Doctor (any specialty)', requirements: [gmc, training('Advanced or immediate life support', 'als', 'ils', 'aha-acls'), ig, enhancedDbs] },
  {
    id: 'emergency-medicine',
    name: 'Emergency medicine doctor',
    requirements: [gmc, training('ALS', 'als', 'aha-acls'), training('APLS', 'apls', 'aha-pals'), training('ATLS', 'atls'), safeguarding, ig, barredDbs],
  },
  { id: 'acute-medicine', name: 'Acute or general medicine doctor', requirements: [gmc, training('ALS', 'als', 'aha-acls'), ig, enhancedDbs] },
  { id: 'general-practice', name: 'General practitioner', requirements: [gmc, training('Basic life support', 'bls', 'aha-bls', 'ils', 'als'), safeguarding, ig, barredDbs] },
  { id: 'nurse', name: 'Registered nurse', requirements: [nmc, training('Basic or immediate life support', 'bls', 'ils', 'als', 'aha-bls'), ig, enhancedDbs] },
  { id: 'critical-care-nurse', name: 'Critical care nurse', requirements: [nmc, training('ILS or ALS', 'ils', 'als', 'aha-acls'), ig, enhancedDbs] },
  { id: 'paramedic', name: 'Paramedic or allied health professional', requirements: [hcpc, training('Basic or immediate life support', 'bls', 'ils', 'als'), ig, enhancedDbs] },
];

/** The default checklist for a profession when no role is asked for. */
export const DEFAULT_ROLE_FOR_PROFESSION: Record<string, string> = { doctor: 'doctor', nurse: 'nurse', midwife: 'nurse', ahp: 'paramedic' };

export const DBS_RANK = { basic: 0, standard: 1, enhanced: 2, 'enhanced-barred': 3 } as const;
