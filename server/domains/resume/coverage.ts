import type { ImportReport, JsonResume } from './schema.ts';
import { KEPT_SECTIONS } from './schema.ts';
import { RECORD_KINDS } from '../record/kinds.ts';
import { ZLocumProfileInput } from '../profile/schema.ts';

/**
 * Which fields of a JSON Resume Medfolio keeps, and a report of every other field present in a
 * file, so an import never drops anything without saying so (issue 15 item 6). The importer
 * (import.ts) maps exactly the fields listed here; the export writes them back.
 */
type NotImported = ImportReport['notImported'];

const CLINICAL_WORK_FIELDS = ['grade', 'specialty', 'contract', 'site', 'employerOdsCode', 'wte', 'supervisor'];

/** Per item of a mapped section: the fields that become part of the record item. */
export const KEPT_ITEM_FIELDS = {
  work: ['name', 'position', 'location', 'description', 'url', 'startDate', 'endDate', 'summary', 'highlights', ...CLINICAL_WORK_FIELDS],
  education: ['institution', 'url', 'area', 'studyType', 'startDate', 'endDate', 'score', 'courses'],
  certificates: ['name', 'date', 'issuer', 'url', 'expiryDate'],
  'clinical.registrations': ['body', 'number', 'jurisdiction', 'status', 'conditions', 'renewalDate', 'revalidationDate'],
  'clinical.dbs': ['level', 'workforce', 'certificateNumber', 'issueDate', 'updateService', 'updateServiceRenewalDate'],
  // A shift's status is a claim; the importer ignores it and says so in its warnings.
  'clinical.timecards': ['employer', 'site', 'role', 'start', 'end', 'breakMinutes', 'status'],
} as const;

/** The locum profile's fields (`clinical.locumProfile`), all kept. */
const LOCUM_PROFILE_FIELDS = Object.keys(ZLocumProfileInput.shape);

/** A section of the file: a standard one, or one of the clinical extension (`clinical.memberships`). */
export const sectionIn = (resume: JsonResume, section: string): unknown =>
  section.startsWith('clinical.') ? (resume.clinical as Record<string, unknown> | undefined)?.[section.slice('clinical.'.length)] : (resume as Record<string, unknown>)[section];

/** The sections the record kinds map themselves (each kind's `resume` in record/kinds.ts), with their kept fields. */
export const KIND_SECTIONS = RECORD_KINDS.flatMap((k) => (k.resume ? [k.resume] : []));

/** basics fields kept on the profile (name and email belong to the account and are reported when they differ). */
const KEPT_BASICS = ['label', 'phone', 'url', 'summary', 'location', 'profiles'];
const BASICS_REASONS: Record<string, string> = {
  image: 'Medfolio does not keep a photo',
};

const FILE_DESCRIPTION_REASON = 'describes the file, not your career; an export writes its own';
const UNKNOWN_FIELD_REASON = 'not a field Medfolio keeps';

const isPresent = (value: unknown) => value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);

function unknownFields(item: unknown, kept: readonly string[], path: string, out: NotImported) {
  if (!item || typeof item !== 'object') return;
  for (const [field, value] of Object.entries(item)) {
    if (!kept.includes(field) && isPresent(value)) out.push({ path: `${path}.${field}`, reason: UNKNOWN_FIELD_REASON });
  }
}

function sectionAt(resume: JsonResume, section: keyof typeof KEPT_ITEM_FIELDS): unknown[] {
  const value = section.startsWith('clinical.') ? (resume.clinical as Record<string, unknown> | undefined)?.[section.slice('clinical.'.length)] : resume[section as keyof JsonResume];
  return Array.isArray(value) ? value : [];
}

/**
 * Every present field the import will not keep. `skippedPaths` are whole items already reported
 * as skipped; their fields are not listed again.
 */
export function findNotImportedFields(resume: JsonResume, account: { email: string }, skippedPaths: Set<string>): NotImported {
  const out: NotImported = [];
  const root = resume as Record<string, unknown>;
  for (const field of ['$schema', 'meta']) if (isPresent(root[field])) out.push({ path: field, reason: FILE_DESCRIPTION_REASON });

  const known = new Set<string>([
    '$schema',
    'meta',
    'basics',
    'clinical',
    ...KEPT_SECTIONS,
    'work',
    'education',
    'certificates',
    ...KIND_SECTIONS.map((k) => k.section).filter((s) => !s.startsWith('clinical.')),
  ]);
  for (const [field, value] of Object.entries(root)) if (!known.has(field) && isPresent(value)) out.push({ path: field, reason: UNKNOWN_FIELD_REASON });

  const basics = (resume.basics ?? {}) as Record<string, unknown>;
  for (const [field, value] of Object.entries(basics)) {
    if (!isPresent(value) || KEPT_BASICS.includes(field) || field === 'name') continue;
    if (field === 'email') {
      if (String(value).trim().toLowerCase() !== account.email.toLowerCase()) out.push({ path: 'basics.email', reason: 'your account email is kept' });
      continue;
    }
    out.push({ path: `basics.${field}`, reason: BASICS_REASONS[field] ?? UNKNOWN_FIELD_REASON });
  }

  const clinicalKinds = KIND_SECTIONS.flatMap((k) => (k.section.startsWith('clinical.') ? [k.section.slice('clinical.'.length)] : []));
  if (resume.clinical) unknownFields(resume.clinical, ['registrations', 'dbs', 'timecards', 'locumProfile', ...clinicalKinds], 'clinical', out);
  unknownFields(resume.clinical?.locumProfile, LOCUM_PROFILE_FIELDS, 'clinical.locumProfile', out);
  for (const section of Object.keys(KEPT_ITEM_FIELDS) as Array<keyof typeof KEPT_ITEM_FIELDS>) {
    sectionAt(resume, section).forEach((item, i) => {
      const path = `${section}.${i}`;
      if (!skippedPaths.has(path)) unknownFields(item, KEPT_ITEM_FIELDS[section], path, out);
    });
  }
  for (const { section, keptFields, valuesNotKept } of KIND_SECTIONS) {
    const items = sectionIn(resume, section);
    (Array.isArray(items) ? items : []).forEach((item, i) => {
      const path = `${section}.${i}`;
      if (skippedPaths.has(path)) return;
      unknownFields(item, keptFields, path, out);
      if (item && typeof item === 'object') for (const { field, reason } of valuesNotKept?.(item as Record<string, unknown>) ?? []) out.push({ path: `${path}.${field}`, reason });
    });
  }
  return out;
}
