import type { DbOrTx } from '../platform/db/transaction.ts';
import type { Embedder } from '../adapters/embedder.ts';
import { analyseRecord } from '../domains/prescreen/analyse.ts';
import { loadAiRecord } from './record-view.ts';
import { retrieveRelevant } from './retrieval.ts';
import { analyseJobOffline } from './jd-analysis/offline.ts';
import type { JobAnalysis } from './jd-analysis/schema.ts';
import { assessRequirements, summariseAssessment } from './jd-analysis/assess.ts';
import { loadPrompt } from './prompts.ts';
import { composeOffline } from './cv-draft/offline-composer.ts';
import { checkGrounding } from './grounding.ts';
import { Pseudonymiser } from './redaction/index.ts';
import { analyseJobWithLlm, draftWithLlm, fallbackReason, type LlmStepDeps } from './llm-steps.ts';
import type { Logger } from '../platform/logger.ts';

export type Stage = 'analysing' | 'retrieving' | 'drafting' | 'checking';

export const NO_REQUIREMENTS = 'no requirements were found in the advert: is it the whole job advert?';

/**
 * An advert read the way the CV pipeline reads it: with the LLM when one is configured (and
 * allowed), falling back to the offline analyser on any failure, so the preview and the CV
 * agree about what a job asks for.
 */
export async function analyseAdvert(llm: LlmStepDeps | undefined, jobDescription: string, logger?: Logger): Promise<{ analysis: JobAnalysis; analysedWith: string; fallback?: string }> {
  if (llm) {
    try {
      return { analysis: await analyseJobWithLlm(llm, jobDescription), analysedWith: `llm:${llm.llm.model}` };
    } catch (err) {
      logger?.warn({ step: 'analysis', reason: fallbackReason(err) }, 'LLM step fell back to offline');
      return { analysis: analyseJobOffline(jobDescription), analysedWith: 'offline', fallback: fallbackReason(err) };
    }
  }
  return { analysis: analyseJobOffline(jobDescription), analysedWith: 'offline' };
}

/**
 * The CV pipeline: analyse the job, retrieve the evidence, draft, check grounding. Rendering
 * to PDF follows as its own job. Every stage is reported so the clinician can watch progress.
 */
export async function runCvPipeline(
  deps: { db: DbOrTx; embedder: Embedder; llm?: Omit<LlmStepDeps, 'userId'> | undefined; logger?: Logger },
  input: { userId: string; jobDescription: string; asOf: string; now: Date },
  onStage: (stage: Stage) => Promise<void>,
) {
  const llm = deps.llm ? { ...deps.llm, userId: input.userId } : undefined;
  const fallbacks: string[] = [];
  // With a provider, each LLM step falls back to its offline twin on any failure.
  const withFallback = async <T>(step: string, viaLlm: (() => Promise<T>) | undefined, offline: () => T | Promise<T>): Promise<T> => {
    if (!viaLlm) return offline();
    try {
      return await viaLlm();
    } catch (err) {
      deps.logger?.warn({ step, reason: fallbackReason(err) }, 'LLM step fell back to offline');
      fallbacks.push(`${step}: ${fallbackReason(err)}`);
      return offline();
    }
  };

  await onStage('analysing');
  const read = await analyseAdvert(llm, input.jobDescription, deps.logger);
  if (read.fallback) fallbacks.push(`analysis: ${read.fallback}`);
  const analysis = read.analysis;

  await onStage('retrieving');
  const [record, relevant] = await Promise.all([loadAiRecord(deps.db, input.userId, input.now), retrieveRelevant(deps.db, deps.embedder, input.userId, input.jobDescription)]);
  const assessment = assessRequirements(analysis, record, input.asOf);

  await onStage('drafting');
  const draft = await withFallback('drafting', llm && (() => draftWithLlm(llm, { record, jobDescription: input.jobDescription, assessed: assessment, pseudonymiser: new Pseudonymiser() })), () =>
    composeOffline(record, input.jobDescription, assessment, input.asOf, deps.embedder),
  );

  await onStage('checking');
  const checked = checkGrounding(draft, record);
  const expiries = analyseRecord(record, input.asOf, undefined).filter((f) => f.kind === 'expired' || (f.kind === 'expiring' && f.withinDays === 30));
  const usedLlm = Boolean(llm) && !fallbacks.some((f) => f.startsWith('drafting'));
  // Provenance: which version of each prompt produced what the model contributed.
  const promptTasks = [...(read.analysedWith !== 'offline' ? ['jd-analysis'] : []), ...(usedLlm ? ['cv-draft'] : [])];
  return {
    composer: usedLlm ? `llm:${llm!.llm.model}` : 'offline',
    promptVersions: Object.fromEntries(promptTasks.map((task) => [task, loadPrompt(task).version])),
    fallbacks,
    analysis,
    assessment,
    relevant: relevant.slice(0, 10),
    draft: checked.draft,
    removed: checked.removed,
    warnings: [
      ...(analysis.requirements.length ? [] : [`${NO_REQUIREMENTS[0]!.toUpperCase()}${NO_REQUIREMENTS.slice(1)} The CV was tailored to the advert's wording alone.`]),
      ...expiries.map((f) => f.message),
      ...fallbacks.map((f) => `Prepared without the AI model (${f}); the offline composer was used.`),
    ],
    requirements: summariseAssessment(assessment),
  };
}
