import { z } from 'zod';
import { RECORD_KIND_NAMES, type RecordPath } from '../record/schema.ts';

/**
 * JSON Resume 1.x as Medfolio reads it, with the clinical extension (see the README, "The career record").
 * Lenient where the standard is (every field optional, extra properties kept); the importer
 * then applies the record's own rules to each item.
 */
// An empty string is read as "no date": theme samples and CV tools write "" for a current post.
const ZPartialDate = z.union([z.literal(''), z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD')]);
// No length limit per value, as in the schema: a real CV may have long summaries. The request
// body limit (server/app.ts) bounds the whole file, with a 413; the record's own limits apply after.
const str = z.string();

export const ZResumeWork = z
  .object({
    name: str.optional(),
    position: str.optional(),
    location: str.optional(),
    url: str.optional(),
    startDate: ZPartialDate.optional(),
    endDate: ZPartialDate.optional(),
    summary: str.optional(),
    description: str.optional(),
    highlights: z.array(str).optional(),
    // clinical fields riding along on a work item
    grade: str.optional(),
    specialty: str.optional(),
    contract: str.optional(),
    site: str.optional(),
    employerOdsCode: str.optional(),
    wte: z.number().optional(),
    supervisor: str.optional(),
  })
  .loose();

export const ZResumeEducation = z
  .object({
    institution: str.optional(),
    url: str.optional(),
    area: str.optional(),
    studyType: str.optional(),
    startDate: ZPartialDate.optional(),
    endDate: ZPartialDate.optional(),
    score: str.optional(),
    courses: z.array(str).optional(),
  })
  .loose();

export const ZResumeCertificate = z.object({ name: str.optional(), date: ZPartialDate.optional(), issuer: str.optional(), url: str.optional(), expiryDate: ZPartialDate.optional() }).loose();

export const ZClinicalRegistration = z
  .object({
    body: str,
    number: str,
    jurisdiction: str.optional(),
    status: str.optional(),
    conditions: str.optional(),
    renewalDate: ZPartialDate.optional(),
    revalidationDate: ZPartialDate.optional(),
  })
  .loose();

export const ZClinicalDbs = z
  .object({
    level: str,
    workforce: str,
    certificateNumber: str,
    issueDate: ZPartialDate,
    updateService: z.boolean().optional(),
    updateServiceRenewalDate: ZPartialDate.optional(),
  })
  .loose();

export const ZClinicalTimecard = z
  .object({
    employer: str,
    site: str.optional(),
    role: str.optional(),
    start: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with an offset' }),
    end: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with an offset' }),
    breakMinutes: z.number().int().min(0).optional(),
    status: z.enum(['open', 'submitted', 'approved', 'rejected']).optional().describe('Exported as it stands in Medfolio; ignored on import: an imported shift is always unsubmitted'),
  })
  .loose();

export const ZJsonResume = z
  .object({
    $schema: str.optional(),
    basics: z
      .object({
        name: str.optional(),
        label: str.optional(),
        image: str.optional(),
        email: str.optional(),
        phone: str.optional(),
        url: str.optional(),
        summary: str.optional(),
        location: z.record(z.string(), z.unknown()).optional(),
        profiles: z.array(z.record(z.string(), z.unknown())).optional(),
      })
      .loose()
      .optional(),
    work: z.array(ZResumeWork).optional(),
    volunteer: z.array(z.unknown()).optional(),
    education: z.array(ZResumeEducation).optional(),
    awards: z.array(z.unknown()).optional(),
    certificates: z.array(ZResumeCertificate).optional(),
    publications: z.array(z.unknown()).optional(),
    skills: z.array(z.unknown()).optional(),
    languages: z.array(z.unknown()).optional(),
    interests: z.array(z.unknown()).optional(),
    references: z.array(z.unknown()).optional(),
    projects: z.array(z.unknown()).optional(),
    meta: z.record(z.string(), z.unknown()).optional(),
    clinical: z
      .object({
        registrations: z.array(ZClinicalRegistration).max(50).optional(),
        dbs: z.array(ZClinicalDbs).max(50).optional(),
        timecards: z.array(ZClinicalTimecard).max(5000).optional(),
        // Read leniently here; the importer applies the profile's own rules, naming each field.
        locumProfile: z.record(z.string(), z.unknown()).optional().describe('Specialties and availability (domains/profile)'),
      })
      .loose()
      .optional(),
  })
  .loose();
export type JsonResume = z.infer<typeof ZJsonResume>;

/** Sections Medfolio keeps as they are (exported back unchanged); the record kinds own `projects`, `publications`, `awards`, `skills`, `languages` and `references`. */
export const KEPT_SECTIONS = ['interests', 'volunteer'] as const;

/** Created and updated items per record kind (by its path) and time cards. */
const ZCounts = z.object({ ...Object.fromEntries(RECORD_KIND_NAMES.map((k) => [k.path, z.number().int()])), timecards: z.number().int() } as { [P in RecordPath | 'timecards']: z.ZodNumber });
export const ZImportReport = z.object({
  created: ZCounts,
  updated: ZCounts,
  skipped: z.array(z.object({ path: z.string(), reason: z.string() })).describe('Items Medfolio could not use, and why'),
  notImported: z
    .array(z.object({ path: z.string(), reason: z.string() }))
    .describe('Fields of imported items (or of the file) that Medfolio does not keep, and why: nothing is dropped without saying so'),
  warnings: z.array(z.string()),
});
export type ImportReport = z.infer<typeof ZImportReport>;
