import { z } from 'zod';

/**
 * What a job asks for, as structured data. The same shape comes from the offline analyser and
 * (with `.describe()` guiding the model) from the LLM's structured output.
 */
export const ZRequirementKind = z.enum(['registration', 'certification', 'grade', 'experience', 'dbs', 'qualification', 'skill', 'gaps']);

export const ZRequirement = z.object({
  text: z.string().describe('The requirement in the words of the job description'),
  importance: z.enum(['essential', 'desirable']).describe('Whether the job lists it as essential or desirable'),
  kind: ZRequirementKind.describe('registration (GMC/NMC/HCPC...), certification (a course such as ALS), grade (grade or band), experience (years), dbs, qualification (degree or exam), skill, gaps (explained employment gaps)'),
  registrationBody: z.string().nullable().describe('For registration: GMC, NMC, HCPC, GDC, GPhC'),
  certifications: z.array(z.string()).describe('For certification: catalogue ids that satisfy it, e.g. ["atls"]; empty otherwise'),
  grade: z.string().nullable().describe('For grade: e.g. ST4, Band 6, consultant'),
  years: z.number().nullable().describe('For experience: minimum years'),
  specialty: z.string().nullable().describe('For experience: the specialty the years must be in, if any'),
  dbsLevel: z.enum(['basic', 'standard', 'enhanced', 'enhanced-barred']).nullable().describe('For dbs: the level required'),
});
export type Requirement = z.infer<typeof ZRequirement>;

export const ZJobAnalysis = z.object({
  title: z.string().describe('Job title'),
  employer: z.string().nullable().describe('Employer or site, if stated'),
  specialty: z.string().nullable(),
  requirements: z.array(ZRequirement),
});
export type JobAnalysis = z.infer<typeof ZJobAnalysis>;

export const ZEvidenceRef = z.object({ type: z.string(), id: z.string() });
export type EvidenceRef = z.infer<typeof ZEvidenceRef>;

export const ZAssessedRequirement = ZRequirement.extend({
  status: z.enum(['met', 'unmet', 'expired', 'expiring']),
  evidence: z.array(ZEvidenceRef).describe('Records that meet (or once met) it'),
  note: z.string().describe('Why, in a sentence the clinician can act on'),
});
export type AssessedRequirement = z.infer<typeof ZAssessedRequirement>;
