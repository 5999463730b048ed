import { SECTION_KINDS, type SectionKind } from '../ai/cv-draft/schema.ts';
import type { JobAnalysis } from '../ai/jd-analysis/schema.ts';
import { REGULATORS } from '../domains/record/regulators.ts';
import type { RegistrationBody } from '../domains/record/identifiers.ts';
import type { CvTemplate } from '../domains/cvs/schema.ts';

/**
 * The CV templates, by profession and country: the order and headings readers in that system
 * expect, the paper, and a page budget. Every format (PDF, DOCX) prints the snapshot a layout
 * made, so a heading or an order is decided here once.
 *
 * `full` asks for the full CV in the layout the record and the advert point to; `locum` is the
 * one-page profile; the others name a layout outright.
 */
export type TemplateChoice = CvTemplate;
export type LayoutId = Exclude<TemplateChoice, 'full'>;

export interface Layout {
  id: LayoutId;
  format: 'A4' | 'Letter';
  order: SectionKind[];
  headings: Partial<Record<SectionKind, string>>;
  /** Sections printed inside another one (US CVs list certifications under licensure). */
  mergeInto: Partial<Record<SectionKind, SectionKind>>;
  /** Records this layout never prints (a US CV has no DBS check). */
  leaveOut: string[];
  /** Pages the CV may take; the caps below are chosen to keep within it, and rendering checks. */
  pageBudget: number;
  /** Items printed in full per section; the rest become one summary line. */
  caps: Partial<Record<SectionKind, number>>;
  /** Points under each of the first items, and under the older ones. */
  points: { first: number; older: number; firstItems: number };
}

/** The draft's own section list is declared in the GMC-style order a UK doctor's CV follows; availability is the locum profile's alone. */
const GMC_ORDER: SectionKind[] = SECTION_KINDS.filter((k) => k !== 'availability');
const FULL_CAPS: Layout['caps'] = {
  experience: 8,
  shifts: 6,
  training: 12,
  education: 6,
  courses: 8,
  memberships: 6,
  audit: 6,
  publications: 10,
  presentations: 8,
  teaching: 6,
  leadership: 6,
  achievements: 8,
  procedures: 10,
  skills: 10,
  referees: 4,
};
/** Nurses' and AHPs' CVs put skills and what they lead and teach before research. */
const UK_NMC_HCPC_ORDER: SectionKind[] = [
  'profile',
  'registration',
  'experience',
  'shifts',
  'training',
  'courses',
  'education',
  'procedures',
  'skills',
  'leadership',
  'teaching',
  'audit',
  'presentations',
  'publications',
  'achievements',
  'memberships',
  'referees',
];

export const LAYOUTS: Record<LayoutId, Layout> = {
  'uk-doctor': {
    id: 'uk-doctor',
    format: 'A4',
    order: GMC_ORDER,
    headings: { registration: 'Registration and DBS' },
    mergeInto: {},
    leaveOut: [],
    pageBudget: 4,
    caps: FULL_CAPS,
    points: { first: 5, older: 2, firstItems: 4 },
  },
  'uk-nurse': {
    id: 'uk-nurse',
    format: 'A4',
    order: UK_NMC_HCPC_ORDER,
    headings: { registration: 'NMC registration and DBS', training: 'Mandatory and clinical training', shifts: 'Verified shifts' },
    mergeInto: {},
    leaveOut: [],
    pageBudget: 3,
    caps: { ...FULL_CAPS, experience: 7 },
    points: { first: 4, older: 2, firstItems: 3 },
  },
  'uk-ahp': {
    id: 'uk-ahp',
    format: 'A4',
    order: UK_NMC_HCPC_ORDER,
    headings: { registration: 'Professional registration and DBS', training: 'Mandatory and clinical training' },
    mergeInto: {},
    leaveOut: [],
    pageBudget: 3,
    caps: { ...FULL_CAPS, experience: 7 },
    points: { first: 4, older: 2, firstItems: 3 },
  },
  'us-clinician': {
    id: 'us-clinician',
    format: 'Letter',
    order: [
      'profile',
      'experience',
      'registration',
      'education',
      'shifts',
      'courses',
      'publications',
      'presentations',
      'teaching',
      'leadership',
      'audit',
      'achievements',
      'memberships',
      'procedures',
      'skills',
      'referees',
    ],
    headings: { profile: 'Summary', registration: 'Licensure and certifications', experience: 'Professional experience', education: 'Education' },
    mergeInto: { training: 'registration' },
    leaveOut: ['dbs'],
    pageBudget: 3,
    caps: { ...FULL_CAPS, registration: 14 },
    points: { first: 4, older: 2, firstItems: 3 },
  },
  locum: {
    id: 'locum',
    format: 'A4',
    order: ['profile', 'availability', 'registration', 'training', 'experience', 'shifts', 'procedures', 'education', 'skills'],
    headings: {
      profile: 'Profile',
      availability: 'Specialties and availability',
      registration: 'Registration and DBS',
      training: 'Mandatory training',
      experience: 'Recent posts',
      shifts: 'Verified shifts',
      procedures: 'Procedures',
      education: 'Qualifications',
      skills: 'Skills',
    },
    mergeInto: {},
    leaveOut: [],
    pageBudget: 1,
    // Generous for one page: a full record is tightened until it fits (renderWithinBudget), a
    // short one still fills the page rather than leaving it half blank.
    caps: { registration: 4, training: 10, experience: 5, shifts: 4, procedures: 6, education: 3, skills: 6 },
    points: { first: 3, older: 2, firstItems: 2 },
  },
};

/** The layout of the profession the record holds, in the advert's country when it names one. */
export function chooseLayout(requested: TemplateChoice | undefined, bodies: RegistrationBody[], analysis: Pick<JobAnalysis, 'country' | 'requirements'> | null): Layout {
  if (requested && requested !== 'full') return LAYOUTS[requested];
  const held = new Set(bodies);
  const usHeld = bodies.some((b) => REGULATORS[b].country === 'US');
  const ukHeld = bodies.some((b) => REGULATORS[b].country === 'UK');
  const country = analysis?.country ?? (usHeld && !ukHeld ? 'US' : 'UK');
  if (country === 'US' && (usHeld || !ukHeld)) return LAYOUTS['us-clinician'];
  // The regulator the advert asks for, when the record holds it; else the record's first.
  const asked = (analysis?.requirements ?? []).filter((r) => r.kind === 'registration').map((r) => r.key as RegistrationBody);
  const body = asked.find((b) => held.has(b)) ?? bodies.find((b) => REGULATORS[b].country === 'UK') ?? asked[0];
  if (body === 'NMC') return LAYOUTS['uk-nurse'];
  if (body === 'HCPC' || body === 'GPhC') return LAYOUTS['uk-ahp'];
  return LAYOUTS['uk-doctor'];
}
