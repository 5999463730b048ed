import { z } from 'zod';
import { ZImportance, ZJobDescription, ZRequirementKind, ZRequirementStatus } from '../../ai/jd-analysis/schema.ts';

/** The requirement preview: what an advert asks for, against the clinician's record, before tailoring. */
export const ZJobAnalysisRequest = z.object({
  jobDescription: ZJobDescription,
  asOf: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
    .optional()
    .describe('Judge expiry as of this day (for example a start date); today by default'),
});

export const ZAssessedLine = z.object({
  text: z.string().describe('The requirement in the words of the advert'),
  kind: ZRequirementKind,
  key: z.string(),
  importance: ZImportance,
  status: ZRequirementStatus,
  note: z.string().describe('Why, in words the clinician can act on'),
  evidence: z.array(z.object({ type: z.string(), id: z.string(), label: z.string() })).describe('The records it rests on'),
});
export type AssessedLine = z.infer<typeof ZAssessedLine>;

const ZCounts = z.object({ met: z.number().int(), probablyMet: z.number().int(), unmet: z.number().int(), expired: z.number().int(), expiring: z.number().int() });

export const ZJobAnalysisResponse = z.object({
  title: z.string(),
  employer: z.string().nullable(),
  country: z.enum(['UK', 'US']).nullable(),
  asOf: z.string(),
  analysedWith: z.string().describe('offline, or the LLM model that read the advert'),
  requirements: z.array(ZAssessedLine),
  essential: ZCounts,
  desirable: ZCounts,
  notice: z.string().nullable().describe('Set when nothing could be read: is this a job advert?'),
});
export type JobAnalysisResponse = z.infer<typeof ZJobAnalysisResponse>;
