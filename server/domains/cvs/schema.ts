import { z } from 'zod';
import { ZDraft, ZRemovedItem } from '../../ai/cv-draft/schema.ts';
import { ZJobDescription } from '../../ai/jd-analysis/schema.ts';
import { ZCheckedItem } from '../cv-checks/schema.ts';

export const ZCreateCvRequest = z.object({
  jobDescription: ZJobDescription,
  template: z.enum(['full', 'locum']).optional().describe('full: clinical CV in the GMC order; locum: one-page profile'),
  showRefereeNames: z.boolean().optional().describe("Print referees' names in \"Confirmed by\" marks (their role and organisation are always printed)"),
});

export const ZUpdateCv = z.object({
  showRefereeNames: z.boolean().describe("Print referees' names in \"Confirmed by\" marks; the PDF is made again"),
});

const ZRequirementLine = z.object({
  text: z.string(),
  importance: z.enum(['essential', 'desirable']),
  note: z.string().describe('Why, in words the clinician can act on'),
  evidence: z.array(z.string()).default([]).describe('The records it rests on, named'),
});
export const ZCvSummary = z.object({
  requirements: z.object({
    met: z.array(ZRequirementLine),
    probablyMet: z.array(ZRequirementLine).default([]).describe('The record suggests it: check the wording'),
    unmet: z.array(ZRequirementLine),
    expired: z.array(ZRequirementLine),
    expiring: z.array(ZRequirementLine),
  }),
  removed: z.array(ZRemovedItem).describe('What the grounding check removed, and why'),
  warnings: z.array(z.string()).describe('Expired or soon expiring items in your record'),
});

export const ZCvStage = z.enum(['queued', 'analysing', 'retrieving', 'drafting', 'checking', 'rendering', 'done', 'failed']);
export const ZCv = z.object({
  id: z.uuid(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  stage: ZCvStage,
  template: z.enum(['full', 'locum']),
  jobTitle: z.string().nullable(),
  composer: z.string().nullable().describe('offline, or the LLM model that drafted it'),
  summary: ZCvSummary.nullable(),
  draft: ZDraft.nullable(),
  error: z.string().nullable(),
  pdf: z.object({ url: z.string(), pages: z.number().int() }).nullable().describe('Ready when rendering is done'),
  showRefereeNames: z.boolean(),
  check: z
    .object({
      issuedAt: z.string(),
      withdrawnAt: z.string().nullable(),
      items: z.array(ZCheckedItem).describe('Each entry of the PDF with its evidence mark, as the signed manifest says'),
    })
    .nullable()
    .describe("The PDF's signed record, as anyone checking it sees it"),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
});
export type Cv = z.infer<typeof ZCv>;
export const ZCvList = z.object({ cvs: z.array(ZCv.omit({ draft: true, check: true })) });
export const ZCvAccepted = z.object({ id: z.uuid(), status: z.literal('queued') });
