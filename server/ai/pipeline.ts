import type { DbOrTx } from '../platform/db/transaction.ts';
import type { Embedder } from '../adapters/embedder.ts';
import { analyseRecord } from '../domains/prescreen/analyse.ts';
import { loadAiRecord } from './record-view.ts';
import { retrieveRelevant } from './retrieval.ts';
import { analyseJobOffline } from './jd-analysis/offline.ts';
import { assessRequirements, summariseAssessment } from './jd-analysis/assess.ts';
import { composeOffline } from './cv-draft/offline-composer.ts';
import { checkGrounding } from './grounding.ts';
import { Pseudonymiser } from './redaction/index.ts';
import { analyseJobWithLlm, draftWithLlm, fallbackReason, type LlmStepDeps } from './llm-steps.ts';
import type { Logger } from '../platform/logger.ts';

export type Stage = 'analysing' | 'retrieving' | 'drafting' | 'checking';

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
  const analysis = await withFallback('analysis', llm && (() => analyseJobWithLlm(llm, input.jobDescription)), () => analyseJobOffline(input.jobDescription));

  await onStage('retrieving');
  const [record, relevant] = await Promise.all([loadAiRecord(deps.db, input.userId, input.now), retrieveRelevant(deps.db, deps.embedder, input.userId, input.jobDescription)]);
  const assessment = assessRequirements(analysis, record, input.asOf);

  await onStage('drafting');
  const draft = await withFallback(
    'drafting',
    llm && (() => draftWithLlm(llm, { record, jobDescription: input.jobDescription, assessed: assessment, pseudonymiser: new Pseudonymiser() })),
    () => composeOffline(record, input.jobDescription, assessment, input.asOf, deps.embedder),
  );

  await onStage('checking');
  const checked = checkGrounding(draft, record);
  const expiries = analyseRecord(record, input.asOf, undefined).filter((f) => f.kind === 'expired' || (f.kind === 'expiring' && f.withinDays === 30));
  const usedLlm = Boolean(llm) && !fallbacks.some((f) => f.startsWith('drafting'));
  return {
    composer: usedLlm ? `llm:${llm!.llm.model}` : 'offline',
    fallbacks,
    analysis,
    assessment,
    relevant: relevant.slice(0, 10),
    draft: checked.draft,
    removed: checked.removed,
    warnings: [...expiries.map((f) => f.message), ...fallbacks.map((f) => `Prepared without the AI model (${f}); the offline composer was used.`)],
    requirements: summariseAssessment(assessment),
  };
}
