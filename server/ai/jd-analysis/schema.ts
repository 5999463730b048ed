import { z } from 'zod';

/**
 * What a job asks for, as typed data. The same shape comes from the offline analyser and (with
 * `.describe()` guiding the model) from the LLM's structured output, which the vocabulary then
 * normalises. `key` is the contract between analysis, matching and the evaluation labels
 * (test/fixtures/jobs/README.md lists every key). Every field is nullable rather than optional
 * so the schema works with strict structured output.
 */
export const REQUIREMENT_KINDS = ['registration', 'qualification', 'course', 'check', 'experience', 'skill'] as const;
export const ZRequirementKind = z.enum(REQUIREMENT_KINDS);
export type RequirementKind = z.infer<typeof ZRequirementKind>;

export const ZImportance = z.enum(['essential', 'desirable']);

/** A pasted job advert, checked the same way wherever it arrives (tailor box, preview, chat). */
export const MAX_ADVERT_CHARS = 50_000;
export const ZJobDescription = z
  .string()
  .trim()
  .min(40, 'is too short to be a job advert: paste the whole advert')
  .max(MAX_ADVERT_CHARS, `is longer than ${MAX_ADVERT_CHARS.toLocaleString('en-GB')} characters: paste the advert itself, without the rest of the page`)
  // Control characters (other than tab and line breaks) or replacement characters: a binary file.
  .refine((t) => ![...t].some((c) => (c.charCodeAt(0) < 32 && !'\t\n\r\f\v'.includes(c)) || c === '\uFFFD'), 'contains characters that are not text: paste the advert as text');

/** Every key of every kind: the contract with matching, the LLM and the evaluation labels. */
export const REQUIREMENT_KEYS: Record<RequirementKind, readonly string[]> = {
  registration: ['GMC', 'NMC', 'HCPC', 'GPhC', 'GDC', 'US-LICENSE', 'DEA', 'NPI', 'BOARD-CERT', 'PERFORMERS-LIST'],
  qualification: [
    'primary-medical',
    'mrcp',
    'mrcs',
    'mrcem',
    'frcem',
    'frca',
    'frca-primary',
    'mrcgp',
    'mrcpch',
    'mrcog',
    'mrcpsych',
    'frcr',
    'frcs',
    'nursing-degree',
    'bsn',
    'adn',
    'midwifery-degree',
    'paramedic-degree',
    'ahp-degree',
    'masters',
    'doctorate',
    'pgcert',
    'teaching-qualification',
    'mentorship',
    'prescribing',
    'specialist-course',
  ],
  course: [
    'als',
    'ils',
    'bls',
    'aha-bls',
    'aha-acls',
    'aha-pals',
    'apls',
    'epls',
    'pils',
    'nls',
    'nrp',
    'atls',
    'etc',
    'tncc',
    'phtls',
    'prompt',
    'also',
    'safeguarding-adults',
    'safeguarding-children',
    'safeguarding-l3',
    'information-governance',
    'manual-handling',
    'infection-control',
    'fire-safety',
    'mca-dols',
    'conflict-resolution',
    'mandatory-training',
  ],
  check: ['dbs', 'background-check', 'drug-screen', 'right-to-work', 'occupational-health', 'immunisations', 'epp', 'driving-licence', 'english', 'indemnity', 'references'],
  experience: ['years', 'specialty', 'gaps', 'stage:foundation', 'stage:core', 'stage:higher', 'stage:cct', 'stage:band'],
  skill: ['teaching', 'audit-qi', 'research', 'leadership', 'management', 'communication', 'teamwork', 'it', 'free'],
};

export const ZRequirement = z.object({
  text: z.string().describe('The one requirement, in the words of the advert'),
  importance: ZImportance.describe('essential, or desirable when the advert says desirable, preferred, an advantage, ideally or nice to have'),
  kind: ZRequirementKind.describe(
    'registration (GMC, NMC, HCPC, GPhC, GDC, a US state licence, DEA, NPI, board certification, Performers List), qualification (degree or exam), course (ALS, ILS, BLS, ACLS, PALS, ATLS, safeguarding, mandatory training...), check (DBS, right to work, occupational health, immunisations, driving licence, English, indemnity, references), experience (years, a specialty or setting, a stage of training or band reached), skill',
  ),
  key: z.string().describe(
    Object.entries(REQUIREMENT_KEYS)
      .map(([kind, keys]) => `${kind}: ${keys.join('|')}`)
      .join('; '),
  ),
  alternatives: z.array(z.string()).describe('Other keys that also satisfy it ("ALS or ILS" gives key als, alternatives ["ils"])'),
  detail: z.string().nullable().describe('A qualifier: licence to practise, specialist register, adult, mental health, midwife, paramedic, Part 1...'),
  years: z.number().nullable().describe('For experience: the minimum years (months divided by 12)'),
  specialty: z.string().nullable().describe('For experience: the specialty or setting it must be in, if any'),
  level: z.string().nullable().describe('DBS level (basic, standard, enhanced, enhanced-barred), the band for stage:band, the training year for stage:higher (ST3)'),
});
export type Requirement = z.infer<typeof ZRequirement>;

export const ZJobAnalysis = z.object({
  title: z.string().describe('The job title as the advert gives it, without band, salary or location'),
  employer: z.string().nullable().describe('The employing organisation, if named'),
  specialty: z.string().nullable().describe('The specialty of the post, if any'),
  country: z.enum(['UK', 'US']).nullable().describe('Where the post is'),
  requirements: z.array(ZRequirement),
});
export type JobAnalysis = z.infer<typeof ZJobAnalysis>;

export const ZEvidenceRef = z.object({ type: z.string(), id: z.string() });
export type EvidenceRef = z.infer<typeof ZEvidenceRef>;

export const ZRequirementStatus = z.enum(['met', 'probably-met', 'unmet', 'expired', 'expiring']);
export type RequirementStatus = z.infer<typeof ZRequirementStatus>;

export const ZAssessedRequirement = ZRequirement.extend({
  status: ZRequirementStatus.describe('met; probably-met (the record suggests it: check the wording); unmet; expired; expiring (within 30 days)'),
  evidence: z
    .array(ZEvidenceRef.extend({ label: z.string().describe('The record, named for a person ("ALS, Resuscitation Council UK")') }))
    .describe('Records that meet it, once met it, or suggest it'),
  note: z.string().describe('Why, in a sentence the clinician can act on'),
});
export type AssessedRequirement = z.infer<typeof ZAssessedRequirement>;
