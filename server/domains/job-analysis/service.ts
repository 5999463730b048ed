import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/database.ts';
import type { Logger } from '../../platform/logger.ts';
import type { LlmProvider } from '../../adapters/llm.ts';
import { analyseAdvert } from '../../ai/pipeline.ts';
import { assessRequirements } from '../../ai/jd-analysis/assess.ts';
import type { AssessedRequirement, RequirementStatus } from '../../ai/jd-analysis/schema.ts';
import { loadAiRecord } from '../../ai/record-view.ts';
import { isProcessingRestricted } from '../accounts/restriction.ts';
import { todayIn } from '../record/dates.ts';
import { findUserTimeZone } from '../record/repo.ts';
import type { AssessedLine, JobAnalysisResponse } from './schema.ts';

export interface JobAnalysisDeps {
  db: Db;
  llm: LlmProvider | undefined;
  logger: Logger;
}

/** Common words of English adverts: text with almost none of them is not an English advert. */
const ENGLISH = /\b(?:the|and|of|to|in|with|for|you|will|be|experience|must|have|a|an|or|is|are|our|we|your)\b/gi;

export function explainEmpty(text: string): string {
  const words = text.split(/\s+/).filter(Boolean).length;
  const english = text.match(ENGLISH)?.length ?? 0;
  if (words >= 20 && english / words < 0.08) return 'This does not look like an advert in English: Medfolio reads job adverts written in English.';
  return 'No requirements found: is this a job advert? Paste the part that says what the employer is looking for (often headed "Person specification", "Essential" or "Requirements").';
}

const counts = (rows: AssessedRequirement[]) => {
  const n = (s: RequirementStatus) => rows.filter((r) => r.status === s).length;
  return { met: n('met'), probablyMet: n('probably-met'), unmet: n('unmet'), expired: n('expired'), expiring: n('expiring') };
};

export function toLines(assessed: AssessedRequirement[]): AssessedLine[] {
  return assessed.map((r) => ({
    text: r.text,
    kind: r.kind,
    key: r.key,
    importance: r.importance,
    status: r.status,
    note: r.note,
    evidence: r.evidence,
  }));
}

/**
 * What a job asks for, assessed against the clinician's record, without drafting anything: no
 * CV is charged. The advert is read exactly as a CV request would read it (the LLM when one is
 * configured and the clinician has not restricted AI processing, else the offline analyser).
 */
export async function previewJobAnalysis(deps: JobAnalysisDeps, userId: string, input: { jobDescription: string; asOf?: string | undefined }, now: Date): Promise<JobAnalysisResponse> {
  const restricted = await isProcessingRestricted(deps.db, userId);
  const llm = deps.llm && !restricted ? { db: deps.db, llm: deps.llm, userId, requestId: `preview:${randomUUID()}`, now: () => now } : undefined;
  const [{ analysis, analysedWith }, record, timeZone] = await Promise.all([
    analyseAdvert(llm, input.jobDescription, deps.logger),
    loadAiRecord(deps.db, userId, now),
    findUserTimeZone(deps.db, userId),
  ]);
  const asOf = input.asOf ?? todayIn(timeZone, now);
  const assessed = assessRequirements(analysis, record, asOf);
  return {
    title: analysis.title,
    employer: analysis.employer,
    country: analysis.country,
    asOf,
    analysedWith,
    requirements: toLines(assessed),
    essential: counts(assessed.filter((r) => r.importance === 'essential')),
    desirable: counts(assessed.filter((r) => r.importance === 'desirable')),
    notice: assessed.length ? null : explainEmpty(input.jobDescription),
  };
}
