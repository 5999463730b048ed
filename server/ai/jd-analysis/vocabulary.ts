import { CATALOGUE_DEFAULTS } from '../../domains/record/catalogue.ts';

/** Words the offline analyser recognises in job descriptions. */

export const REGISTRATION_PATTERNS: Array<{ body: string; pattern: RegExp }> = [
  { body: 'GMC', pattern: /\bGMC\b|General Medical Council|licen[cs]e to practi[sc]e/i },
  { body: 'NMC', pattern: /\bNMC\b|Nursing and Midwifery Council|registered (?:nurse|midwife)/i },
  { body: 'HCPC', pattern: /\bHCPC\b|Health and Care Professions Council/i },
  { body: 'GDC', pattern: /\bGDC\b|General Dental Council/i },
  { body: 'GPhC', pattern: /\bGPhC\b|General Pharmaceutical Council/i },
];

/** Find every catalogue course mentioned in a line (the catalogue patterns work on normalised text). */
export function findCertifications(line: string): string[] {
  const text = line.toLowerCase().replace(/[^a-z0-9]+/g, ' ');
  return CATALOGUE_DEFAULTS.filter((entry) => entry.patterns.some((p) => p.test(text))).map((e) => e.id);
}

export const SPECIALTIES = [
  'emergency medicine',
  'acute medicine',
  'general medicine',
  'general practice',
  'critical care',
  'intensive care',
  'anaesthetics',
  'anaesthesia',
  'paediatrics',
  'obstetrics',
  'gynaecology',
  'psychiatry',
  'general surgery',
  'orthopaedics',
  'cardiology',
  'respiratory medicine',
  'geriatric medicine',
  'radiology',
  'oncology',
];

/** Grades and bands, most specific first. */
export const GRADE_PATTERNS: Array<{ grade: (m: RegExpMatchArray) => string; pattern: RegExp }> = [
  { grade: (m) => `ST${m[1]}`, pattern: /\bST\s?([1-8])\+?/i },
  { grade: (m) => `CT${m[1]}`, pattern: /\bCT\s?([1-3])\b/i },
  { grade: (m) => `F${m[1]}`, pattern: /\bF([1-3])\b/ },
  { grade: (m) => `Band ${m[1]}`, pattern: /\bBand\s?([2-9])\b/i },
  { grade: () => 'consultant', pattern: /\bconsultant\b/i },
  { grade: () => 'specialty doctor', pattern: /\bspecialty doctor\b/i },
  { grade: () => 'registrar', pattern: /\bregistrar\b/i },
  { grade: () => 'SHO', pattern: /\b(SHO|senior house officer)\b/i },
];

/** Rough ordering so "ST4+" can be compared with what a clinician has held. */
export function gradeRank(grade: string): number | undefined {
  const g = grade.trim().toLowerCase();
  const st = /^st\s?([1-8])/.exec(g);
  if (st) return 10 + Number(st[1]);
  const ct = /^ct\s?([1-3])/.exec(g);
  if (ct) return 5 + Number(ct[1]);
  const f = /^f([1-3])/.exec(g);
  if (f) return Number(f[1]);
  const band = /^band\s?([2-9])/.exec(g);
  if (band) return 100 + Number(band[1]);
  if (g === 'sho') return 3;
  if (g === 'registrar') return 13;
  if (g === 'specialty doctor') return 13;
  if (g === 'consultant') return 20;
  if (g === 'gp') return 20;
  return undefined;
}

export const STOP_WORDS = new Set(
  'a an and any are as at be by for from has have in including into is it its of on or our the their this to we will with you your must within both all experience evidence interest welcome required desirable essential current previous ability able working work good strong'.split(' '),
);
