import { z } from 'zod';
import { noControlCharacters } from '../accounts/schema.ts';
import { ZIsoDate } from './dates.ts';
import { REGISTRATION_BODIES } from './identifiers.ts';

/** Contracts of the career record; the web app imports these. */

const text = (max: number) => z.string().trim().min(1, 'is required').max(max).refine(noControlCharacters, 'must not contain control characters');
const optionalText = (max: number) => text(max).nullable().optional();
// Free text a clinician may have written at length elsewhere (a JSON Resume has no length limits):
// generous enough for any real CV, bounded by the request body limit anyway.
const LONG_TEXT = 20_000;
const ITEM_TEXT = 4_000;

/**
 * Every record kind, in the order the record lists them: the one list each server and web list
 * of record types is derived from. The rules of each kind live in `kinds.ts` (server only);
 * this is the part the web app needs too: the type, the API path, the table and the words
 * (a label, a heading, and the nouns an import report counts with).
 */
export const RECORD_KIND_NAMES = [
  { type: 'post', path: 'posts', table: 'posts', label: 'Post', plural: 'Posts', count: ['post', 'posts'] },
  { type: 'registration', path: 'registrations', table: 'registrations', label: 'Registration', plural: 'Registrations', count: ['registration', 'registrations'] },
  { type: 'training', path: 'training', table: 'training', label: 'Training', plural: 'Training', count: ['training course', 'training courses'] },
  { type: 'dbs', path: 'dbs', table: 'dbs_checks', label: 'DBS check', plural: 'DBS checks', count: ['DBS check', 'DBS checks'] },
  { type: 'education', path: 'education', table: 'education', label: 'Qualification', plural: 'Education', count: ['qualification', 'qualifications'] },
  {
    type: 'activity',
    path: 'activities',
    table: 'activities',
    label: 'Activity',
    plural: 'Audit, teaching, presentations and leadership',
    count: ['audit, teaching or leadership activity', 'audit, teaching and leadership activities'],
  },
  { type: 'publication', path: 'publications', table: 'publications', label: 'Publication', plural: 'Research and publications', count: ['publication', 'publications'] },
  { type: 'award', path: 'awards', table: 'awards', label: 'Prize or award', plural: 'Prizes and awards', count: ['prize or award', 'prizes and awards'] },
  { type: 'course', path: 'courses', table: 'courses', label: 'Course or conference', plural: 'Courses and conferences', count: ['course or conference', 'courses and conferences'] },
  {
    type: 'skill',
    path: 'skills',
    table: 'clinical_skills',
    label: 'Skill or procedure',
    plural: 'Clinical skills and procedures',
    count: ['skill or procedure', 'skills and procedures'],
  },
  { type: 'language', path: 'languages', table: 'languages', label: 'Language', plural: 'Languages', count: ['language', 'languages'] },
  { type: 'membership', path: 'memberships', table: 'memberships', label: 'Membership', plural: 'Memberships', count: ['membership', 'memberships'] },
  { type: 'referee', path: 'referees', table: 'referees', label: 'Referee', plural: 'Referees', count: ['referee', 'referees'] },
] as const;
type KindName = (typeof RECORD_KIND_NAMES)[number];
export type RecordKindType = KindName['type'];
export type RecordPath = KindName['path'];
export type RecordTable = KindName['table'];
export const RECORD_KIND_TYPES = RECORD_KIND_NAMES.map((k) => k.type) as [RecordKindType, ...RecordKindType[]];
/** What documents and verifications may point at: a record item, or a shift's time card. */
export type LinkableType = RecordKindType | 'timecard';
export const LINKABLE_TYPES = [...RECORD_KIND_TYPES, 'timecard'] as [LinkableType, ...LinkableType[]];
export const kindName = <T extends RecordKindType>(type: T) => RECORD_KIND_NAMES.find((k) => k.type === type) as Extract<KindName, { type: T }>;

export const ZEvidenceLevel = z.enum(['self-declared', 'document-backed', 'verifier-confirmed']).describe('The strongest evidence behind the record');

export const ZRecordMeta = z.object({
  id: z.uuid(),
  evidence: ZEvidenceLevel,
  documentIds: z.array(z.uuid()),
  confirmedBy: z
    .object({ name: z.string().nullable(), role: z.string(), organisation: z.string().nullable(), at: z.string(), emailLabel: z.string().nullable() })
    .nullable()
    .describe('Who confirmed a verifier-confirmed record, and when'),
  label: z.string().describe('A short label for lists, e.g. "Clinical Fellow, Calder Valley Hospitals NHS Trust"'),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const ZIdParams = z.object({ id: z.uuid({ message: 'must be an id' }) });

// ---- posts

export const ZContract = z.enum(['substantive', 'bank', 'agency', 'locum', 'fixed-term', 'honorary', 'other']);
export const ZPostInput = z.object({
  employer: text(200).describe('Employer as named on the contract, e.g. an NHS trust or agency'),
  employerOdsCode: z
    .string()
    .trim()
    .regex(/^[A-Z0-9]{3,10}$/, 'must be an ODS code such as RR8')
    .nullable()
    .optional(),
  site: optionalText(200),
  title: text(200).describe('Job title as employed'),
  grade: optionalText(60).describe('F1, F2, CT1-3, ST1-8, specialty doctor, consultant, Band 2-9, or free text'),
  specialty: optionalText(120),
  contract: ZContract,
  startDate: ZIsoDate,
  endDate: ZIsoDate.nullable().optional().describe('Empty while the post is current'),
  wte: z.number().min(0.01).max(1.5).nullable().optional().describe('Whole-time equivalent'),
  supervisor: optionalText(200),
  summary: optionalText(LONG_TEXT),
  description: optionalText(LONG_TEXT).describe('What the employer does (JSON Resume work.description)'),
  location: optionalText(200).describe('Where the post was, as the clinician wrote it'),
  url: optionalText(2000),
  achievements: z.array(text(ITEM_TEXT)).max(200).optional(),
});
export type PostInput = z.infer<typeof ZPostInput>;
export const ZPostFields = z.object({
  employer: z.string(),
  employerOdsCode: z.string().nullable(),
  site: z.string().nullable(),
  title: z.string(),
  grade: z.string().nullable(),
  specialty: z.string().nullable(),
  contract: ZContract,
  startDate: z.string(),
  endDate: z.string().nullable(),
  wte: z.number().nullable(),
  supervisor: z.string().nullable(),
  summary: z.string().nullable(),
  description: z.string().nullable(),
  location: z.string().nullable(),
  url: z.string().nullable(),
  achievements: z.array(z.string()),
});
export type PostFields = z.infer<typeof ZPostFields>;

// ---- registrations

export const ZRegistrationBody = z.enum(REGISTRATION_BODIES);
export const ZRegistrationInput = z.object({
  body: ZRegistrationBody.describe('Regulator: GMC, NMC, HCPC, GDC, GPhC, a US state board, or NPI'),
  number: z.string().trim().min(1, 'is required').max(30),
  jurisdiction: optionalText(60).describe('For US state boards: the state'),
  status: optionalText(300),
  conditions: optionalText(2000),
  renewalDate: ZIsoDate.nullable().optional(),
  revalidationDate: ZIsoDate.nullable().optional(),
});
export type RegistrationInput = z.infer<typeof ZRegistrationInput>;
export const ZRegistrationFields = z.object({
  body: ZRegistrationBody,
  number: z.string(),
  jurisdiction: z.string().nullable(),
  status: z.string().nullable(),
  conditions: z.string().nullable(),
  renewalDate: z.string().nullable(),
  revalidationDate: z.string().nullable(),
});
export type RegistrationFields = z.infer<typeof ZRegistrationFields>;

// ---- training

export const ZTrainingInput = z.object({
  name: text(200).describe('Course name as on the certificate'),
  provider: optionalText(200),
  completedOn: ZIsoDate,
  expiresOn: ZIsoDate.nullable().optional().describe('Leave empty to compute it from the catalogue'),
  url: optionalText(2000),
  catalogueId: z
    .string()
    .regex(/^[a-z0-9-]{2,40}$/)
    .nullable()
    .optional()
    .describe('Catalogue entry; matched from the name when empty'),
});
export type TrainingInput = z.infer<typeof ZTrainingInput>;
export const ZTrainingFields = z.object({
  name: z.string(),
  provider: z.string().nullable(),
  completedOn: z.string(),
  expiresOn: z.string().nullable(),
  expirySource: z.enum(['given', 'catalogue', 'none']),
  catalogueId: z.string().nullable(),
  url: z.string().nullable(),
});
export type TrainingFields = z.infer<typeof ZTrainingFields>;

// ---- DBS

export const ZDbsLevel = z.enum(['basic', 'standard', 'enhanced', 'enhanced-barred']);
export const ZDbsInput = z.object({
  level: ZDbsLevel.describe('enhanced-barred: enhanced with barred list checks'),
  workforce: z.enum(['child', 'adult', 'both', 'other']),
  certificateNumber: z.string().trim().min(1, 'is required').max(20),
  issueDate: ZIsoDate,
  updateService: z.boolean().optional(),
  updateServiceRenewalDate: ZIsoDate.nullable().optional(),
  statusChecks: z
    .array(z.object({ checkedOn: ZIsoDate, result: z.enum(['no-change', 'changed']) }))
    .max(100)
    .optional(),
});
export type DbsInput = z.infer<typeof ZDbsInput>;
export const ZDbsFields = z.object({
  level: ZDbsLevel,
  workforce: z.enum(['child', 'adult', 'both', 'other']),
  certificateNumber: z.string(),
  issueDate: z.string(),
  updateService: z.boolean(),
  updateServiceRenewalDate: z.string().nullable(),
  statusChecks: z.array(z.object({ checkedOn: z.string(), result: z.enum(['no-change', 'changed']) })),
});
export type DbsFields = z.infer<typeof ZDbsFields>;

// ---- education

export const ZEducationInput = z.object({
  institution: text(200),
  studyType: optionalText(120).describe('e.g. MBChB, BSc (Hons), PGCert'),
  area: optionalText(200),
  startDate: ZIsoDate.nullable().optional(),
  endDate: ZIsoDate.nullable().optional(),
  score: optionalText(ITEM_TEXT),
  url: optionalText(2000),
  courses: z.array(text(ITEM_TEXT)).max(200).optional(),
});
export type EducationInput = z.infer<typeof ZEducationInput>;
export const ZEducationFields = z.object({
  institution: z.string(),
  studyType: z.string().nullable(),
  area: z.string().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  score: z.string().nullable(),
  url: z.string().nullable(),
  courses: z.array(z.string()),
});
export type EducationFields = z.infer<typeof ZEducationFields>;

// ---- activities: audit and QI, teaching, presentations and posters, leadership and management

/** One table, because they share their shape (what, your role, where, when, outcomes); the category places each in its own CV section. */
export const ACTIVITY_CATEGORIES = ['audit', 'quality-improvement', 'teaching', 'presentation', 'poster', 'leadership', 'management', 'project'] as const;
export const ZActivityCategory = z.enum(ACTIVITY_CATEGORIES);
export const ZActivityInput = z.object({
  category: ZActivityCategory.describe('audit, quality-improvement, teaching, presentation, poster, leadership, management or project'),
  title: text(300).describe('e.g. the audit topic, the teaching programme, the talk or poster title, the role'),
  organisation: optionalText(200).describe('Where: the trust, the meeting or conference, the medical school'),
  roles: z.array(text(200)).max(20).optional().describe('Your part: lead, presenter, tutor...'),
  startDate: ZIsoDate.nullable().optional(),
  endDate: ZIsoDate.nullable().optional(),
  description: optionalText(LONG_TEXT),
  highlights: z.array(text(ITEM_TEXT)).max(100).optional().describe('Outcomes: re-audit findings, feedback, changes made'),
  keywords: z.array(text(200)).max(50).optional(),
  url: optionalText(2000),
});
export type ActivityInput = z.infer<typeof ZActivityInput>;
export const ZActivityFields = z.object({
  category: ZActivityCategory,
  title: z.string(),
  organisation: z.string().nullable(),
  roles: z.array(z.string()),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  description: z.string().nullable(),
  highlights: z.array(z.string()),
  keywords: z.array(z.string()),
  url: z.string().nullable(),
});
export type ActivityFields = z.infer<typeof ZActivityFields>;

// ---- publications

export const PUBLICATION_TYPES = ['journal-article', 'review', 'case-report', 'letter', 'abstract', 'book-chapter', 'book', 'guideline', 'thesis', 'other'] as const;
export const ZPublicationType = z.enum(PUBLICATION_TYPES);
export const ZPublicationInput = z.object({
  title: text(500),
  publicationType: ZPublicationType,
  authors: optionalText(2000).describe('As cited, e.g. "Okafor S, Rahman A, et al."'),
  publisher: optionalText(300).describe('The journal, or the publisher of a book'),
  publishedOn: ZIsoDate.nullable().optional(),
  doi: optionalText(300).describe('e.g. 10.1136/bmj.n71'),
  pmid: optionalText(20).describe('PubMed id'),
  url: optionalText(2000),
  summary: optionalText(LONG_TEXT),
});
export type PublicationInput = z.infer<typeof ZPublicationInput>;
export const ZPublicationFields = z.object({
  title: z.string(),
  publicationType: ZPublicationType,
  authors: z.string().nullable(),
  publisher: z.string().nullable(),
  publishedOn: z.string().nullable(),
  doi: z.string().nullable(),
  pmid: z.string().nullable(),
  url: z.string().nullable(),
  summary: z.string().nullable(),
});
export type PublicationFields = z.infer<typeof ZPublicationFields>;

// ---- prizes and awards

export const ZAwardInput = z.object({
  title: text(300),
  awarder: optionalText(300),
  awardedOn: ZIsoDate.nullable().optional(),
  summary: optionalText(LONG_TEXT),
});
export type AwardInput = z.infer<typeof ZAwardInput>;
export const ZAwardFields = z.object({ title: z.string(), awarder: z.string().nullable(), awardedOn: z.string().nullable(), summary: z.string().nullable() });
export type AwardFields = z.infer<typeof ZAwardFields>;

// ---- courses and conferences (CPD)

export const COURSE_FORMATS = ['course', 'conference', 'workshop', 'e-learning', 'other'] as const;
export const ZCourseFormat = z.enum(COURSE_FORMATS);
export const ZCourseInput = z.object({
  title: text(300),
  format: ZCourseFormat,
  organiser: optionalText(300),
  startDate: ZIsoDate,
  endDate: ZIsoDate.nullable().optional(),
  cpdHours: z.number().min(0.5).max(500).multipleOf(0.5).nullable().optional().describe('CPD hours or credits claimed'),
  reflection: optionalText(LONG_TEXT).describe('What you learnt and changed'),
});
export type CourseInput = z.infer<typeof ZCourseInput>;
export const ZCourseFields = z.object({
  title: z.string(),
  format: ZCourseFormat,
  organiser: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  cpdHours: z.number().nullable(),
  reflection: z.string().nullable(),
});
export type CourseFields = z.infer<typeof ZCourseFields>;

// ---- clinical skills and procedures

/** How the clinician does it now: on their own, under supervision, or has only watched it done. */
export const SUPERVISION_LEVELS = ['independent', 'supervised', 'observed'] as const;
export const ZSupervision = z.enum(SUPERVISION_LEVELS);
export const ZSkillInput = z.object({
  name: text(200).describe('The skill or procedure, e.g. "Central venous catheter insertion", or a group such as "Airway"'),
  supervision: ZSupervision.nullable().optional().describe('independent, supervised or observed'),
  proficiency: optionalText(100).describe("A level in the clinician's own words (JSON Resume's level), e.g. Foundation, Advanced"),
  // A refinement, not .int(): its message reaches the clinician ("must be a whole number").
  count: z.number().refine(Number.isInteger, 'must be a whole number').min(0).max(100_000).nullable().optional().describe('How many performed, from a logbook'),
  periodStart: ZIsoDate.nullable().optional().describe('The start of the period the count covers'),
  periodEnd: ZIsoDate.nullable().optional().describe('The end of that period, or the date the count stands at ("as of")'),
  keywords: z.array(text(200)).max(50).optional().describe('What it includes, e.g. the procedures of a group'),
  logbook: optionalText(LONG_TEXT).describe('A summary of the logbook: settings, complications, outcomes'),
});
export type SkillInput = z.infer<typeof ZSkillInput>;
export const ZSkillFields = z.object({
  name: z.string(),
  supervision: ZSupervision.nullable(),
  proficiency: z.string().nullable(),
  count: z.number().int().nullable(),
  periodStart: z.string().nullable(),
  periodEnd: z.string().nullable(),
  keywords: z.array(z.string()),
  logbook: z.string().nullable(),
});
export type SkillFields = z.infer<typeof ZSkillFields>;

// ---- languages

export const ZLanguageInput = z.object({
  language: text(100),
  fluency: optionalText(200).describe('In your words or a scale: native, fluent, conversational, CEFR C1, IELTS 8.0...'),
});
export type LanguageInput = z.infer<typeof ZLanguageInput>;
export const ZLanguageFields = z.object({ language: z.string(), fluency: z.string().nullable() });
export type LanguageFields = z.infer<typeof ZLanguageFields>;

// ---- memberships (royal colleges, BMA, RCN...)

export const ZMembershipInput = z.object({
  organisation: text(300).describe('e.g. Royal College of Emergency Medicine, BMA, RCN'),
  grade: optionalText(200).describe('e.g. Member, Fellow, Associate, Student member'),
  postNominals: optionalText(60).describe('Letters after your name it gives, e.g. MRCEM'),
  since: ZIsoDate.nullable().optional(),
  until: ZIsoDate.nullable().optional(),
});
export type MembershipInput = z.infer<typeof ZMembershipInput>;
export const ZMembershipFields = z.object({ organisation: z.string(), grade: z.string().nullable(), postNominals: z.string().nullable(), since: z.string().nullable(), until: z.string().nullable() });
export type MembershipFields = z.infer<typeof ZMembershipFields>;

// ---- referees

/** The clinician's referees for a CV. Their contact details are shared on request only and never reach a model. */
export const ZRefereeInput = z.object({
  name: text(200),
  position: optionalText(200).describe('e.g. Consultant in Emergency Medicine'),
  organisation: optionalText(200),
  relationship: optionalText(200).describe('e.g. Educational supervisor, 2023 to 2025'),
  email: z.email({ message: 'must be an email address' }).max(320).nullable().optional(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[\d\s()-]{7,20}$/, 'must be a phone number')
    .nullable()
    .optional(),
  reference: optionalText(LONG_TEXT).describe('What they wrote about you, if you hold it'),
  showOnCv: z.boolean().optional().describe('Print the name, position and organisation on CVs; otherwise CVs say "available on request"'),
});
export type RefereeInput = z.infer<typeof ZRefereeInput>;
export const ZRefereeFields = z.object({
  name: z.string(),
  position: z.string().nullable(),
  organisation: z.string().nullable(),
  relationship: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  reference: z.string().nullable(),
  showOnCv: z.boolean(),
});
export type RefereeFields = z.infer<typeof ZRefereeFields>;

/** Each path's own fields (the API items add `ZRecordMeta`): typed by the one list above. */
export const RECORD_FIELDS = {
  posts: ZPostFields,
  registrations: ZRegistrationFields,
  training: ZTrainingFields,
  dbs: ZDbsFields,
  education: ZEducationFields,
  activities: ZActivityFields,
  publications: ZPublicationFields,
  awards: ZAwardFields,
  courses: ZCourseFields,
  skills: ZSkillFields,
  languages: ZLanguageFields,
  memberships: ZMembershipFields,
  referees: ZRefereeFields,
} satisfies Record<RecordPath, z.ZodObject>;

// ---- catalogue

export const ZCatalogueEntry = z.object({
  id: z.string(),
  name: z.string(),
  validityMonths: z.number().int(),
  endOfMonth: z.boolean().describe('Valid to the end of the month it expires in (AHA cards)'),
});
export const ZCatalogue = z.object({ entries: z.array(ZCatalogueEntry) });
export const ZUpdateCatalogueEntry = z.object({ validityMonths: z.number().int().min(1).max(240), endOfMonth: z.boolean() }).partial();
