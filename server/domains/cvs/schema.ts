import { z } from 'zod';
import { ZDraft, ZRemovedItem } from '../../ai/cv-draft/schema.ts';
import { ZJobDescription, ZRequirementKind, ZRequirementStatus } from '../../ai/jd-analysis/schema.ts';
import { ZCheckedItem } from '../cv-checks/schema.ts';

/**
 * CV templates (server/cv-render/layouts.ts lays each out). 'full' lets the record and the advert
 * choose the profession's layout; the others name one outright.
 */
export const CV_TEMPLATES = ['full', 'locum', 'uk-doctor', 'uk-nurse', 'uk-ahp', 'us-clinician'] as const;
export type CvTemplate = (typeof CV_TEMPLATES)[number];
export const ZCvTemplate = z.enum(CV_TEMPLATES);

export const ZCreateCvRequest = z.object({
  jobDescription: ZJobDescription,
  template: ZCvTemplate.optional().describe(
    'full (default): the full CV in the layout of the profession and country the record and the advert point to; locum: a one-page locum profile; uk-doctor (GMC order), uk-nurse (NMC), uk-ahp (HCPC, GPhC), us-clinician (licensure, US Letter): that layout outright',
  ),
  showRefereeNames: z.boolean().optional().describe('Print referees\' names in "Confirmed by" marks (their role and organisation are always printed)'),
});

export const ZUpdateCv = z.object({
  showRefereeNames: z.boolean().describe('Print referees\' names in "Confirmed by" marks; the PDF is made again'),
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
  template: ZCvTemplate,
  jobTitle: z.string().nullable(),
  composer: z.string().nullable().describe('offline, or the LLM model that drafted it'),
  promptVersions: z.record(z.string(), z.string()).describe('The version of each prompt an LLM step used (prompt task -> version); empty when composed offline'),
  summary: ZCvSummary.nullable(),
  draft: ZDraft.nullable(),
  error: z.string().nullable(),
  pdf: z.object({ url: z.string(), pages: z.number().int() }).nullable().describe('Ready when rendering is done'),
  docx: z.object({ url: z.string() }).nullable().describe('The same CV as a Word document, ready with the PDF'),
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

const ZComparedCvHead = z.object({ id: z.uuid(), jobTitle: z.string().nullable(), createdAt: z.string() });
const ZComparisonItem = z.object({ section: z.string().describe('The section heading it sits under'), title: z.string(), subtitle: z.string().nullable() });
const ZComparisonRequirement = z.object({
  text: z.string().describe('The requirement in the words of the advert'),
  kind: ZRequirementKind,
  key: z.string(),
  importance: z.enum(['essential', 'desirable']),
  status: ZRequirementStatus,
  statusWords: z.string().describe('The status as a person says it'),
});
export const ZCvComparison = z.object({
  first: ZComparedCvHead.describe('The CV compared from (:id)'),
  second: ZComparedCvHead.describe('The CV compared with (:otherId)'),
  sameJob: z.boolean().describe('Whether both were tailored to a job of the same title'),
  items: z.object({
    added: z.array(ZComparisonItem).describe('Entries in the second CV only'),
    removed: z.array(ZComparisonItem).describe('Entries in the first CV only'),
    unchanged: z.number().int().describe('Entries in both (the same records, or the same section and title)'),
  }),
  requirements: z.object({
    changed: z
      .array(ZComparisonRequirement.omit({ status: true, statusWords: true }).extend({ from: ZRequirementStatus, to: ZRequirementStatus, fromWords: z.string(), toWords: z.string() }))
      .describe('Requirements of both adverts whose status differs'),
    onlyInFirst: z.array(ZComparisonRequirement).describe("Requirements of the first CV's advert only"),
    onlyInSecond: z.array(ZComparisonRequirement).describe("Requirements of the second CV's advert only"),
    unchanged: z.number().int(),
  }),
});
export type CvComparison = z.infer<typeof ZCvComparison>;
export type CvComparisonItem = z.infer<typeof ZComparisonItem>;
export type CvComparisonRequirement = z.infer<typeof ZComparisonRequirement>;
export const ZCompareParams = z.object({ id: z.uuid({ message: 'must be an id' }), otherId: z.uuid({ message: 'must be an id' }) });
