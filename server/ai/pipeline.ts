import type { DbOrTx } from '../platform/db/transaction.ts';
import type { Embedder } from '../adapters/embedder.ts';
import { analyseRecord } from '../domains/prescreen/analyse.ts';
import { loadAiRecord } from './record-view.ts';
import { retrieveRelevant } from './retrieval.ts';
import { analyseJobOffline } from './jd-analysis/offline.ts';
import { assessRequirements, summariseAssessment } from './jd-analysis/assess.ts';
import { composeOffline } from './cv-draft/offline-composer.ts';
import { checkGrounding } from './grounding.ts';

export type Stage = 'analysing' | 'retrieving' | 'drafting' | 'checking';

/**
 * The CV pipeline: analyse the job, retrieve the evidence, draft, check grounding. Rendering
 * to PDF follows as its own job. Every stage is reported so the clinician can watch progress.
 */
export async function runCvPipeline(
  deps: { db: DbOrTx; embedder: Embedder },
  input: { userId: string; jobDescription: string; asOf: string; now: Date },
  onStage: (stage: Stage) => Promise<void>,
) {
  await onStage('analysing');
  const analysis = analyseJobOffline(input.jobDescription);

  await onStage('retrieving');
  const [record, relevant] = await Promise.all([loadAiRecord(deps.db, input.userId, input.now), retrieveRelevant(deps.db, deps.embedder, input.userId, input.jobDescription)]);
  const assessment = assessRequirements(analysis, record, input.asOf);

  await onStage('drafting');
  const draft = await composeOffline(record, input.jobDescription, assessment, input.asOf, deps.embedder);

  await onStage('checking');
  const checked = checkGrounding(draft, record);
  const expiries = analyseRecord(record, input.asOf, undefined).filter((f) => f.kind === 'expired' || (f.kind === 'expiring' && f.withinDays === 30));
  return {
    composer: 'offline' as const,
    analysis,
    assessment,
    relevant: relevant.slice(0, 10),
    draft: checked.draft,
    removed: checked.removed,
    warnings: expiries.map((f) => f.message),
    requirements: summariseAssessment(assessment),
  };
}
