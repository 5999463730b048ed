import type { Db } from '../platform/db/database.ts';
import { isAppError } from '../platform/errors.ts';
import type { ChatMessage, LlmProvider, LlmUsage } from '../adapters/llm.ts';
import { release, reserve, settle } from '../domains/quotas/service.ts';
import { stripBidiControls } from '../domains/accounts/schema.ts';
import { loadPrompt } from './prompts.ts';
import { redact, type Pseudonymiser } from './redaction/index.ts';
import { ZJobAnalysis, type AssessedRequirement, type JobAnalysis } from './jd-analysis/schema.ts';
import { normaliseAnalysis } from './jd-analysis/offline.ts';
import { ZDraft, type Draft } from './cv-draft/schema.ts';
import { assessmentForPrompt, pseudonymisedRecord, recordRedactor } from './context.ts';
import type { AiRecord } from './record-view.ts';

/**
 * The LLM steps of the CV pipeline. Each call reserves its worst-case token cost first and
 * settles the actual use after (or releases it on failure), so a provider call never runs
 * without quota and a failed one costs nothing.
 */
export interface LlmStepDeps {
  db: Db;
  llm: LlmProvider;
  userId: string;
  /** Quota request ids are derived from it, so a retried job settles each call once. */
  requestId: string;
  now: () => Date;
}

const estimateTokens = (messages: ChatMessage[]) => Math.ceil(messages.reduce((n, m) => n + m.content.length, 0) / 4);

async function metered<T>(deps: LlmStepDeps, step: string, messages: ChatMessage[], call: () => Promise<{ value: T; usage: LlmUsage }>): Promise<T> {
  const reservation = await reserve(deps.db, {
    userId: deps.userId,
    metric: 'llm_tokens',
    amount: estimateTokens(messages) + deps.llm.maxTokens,
    requestId: `${deps.requestId}:${step}`,
    now: deps.now(),
  });
  try {
    const { value, usage } = await call();
    await settle(deps.db, reservation, usage.totalTokens || estimateTokens(messages), deps.now());
    return value;
  } catch (err) {
    await release(deps.db, reservation, deps.now());
    throw err;
  }
}

export async function analyseJobWithLlm(deps: LlmStepDeps, jobDescription: string): Promise<JobAnalysis> {
  // Job adverts name recruiters and give phone numbers: those never leave.
  const messages = loadPrompt('jd-analysis').render({ jobDescription: redact(jobDescription).text });
  const analysis = await metered(deps, 'analysis', messages, () => deps.llm.structured(ZJobAnalysis, 'job_analysis', messages));
  // Only keys the product knows may drive the assessment: the vocabulary has the last word.
  return normaliseAnalysis(analysis, jobDescription);
}

export async function draftWithLlm(deps: LlmStepDeps, input: { record: AiRecord; jobDescription: string; assessed: AssessedRequirement[]; pseudonymiser: Pseudonymiser }): Promise<Draft> {
  const messages = loadPrompt('cv-draft').render({
    jobDescription: redact(input.jobDescription).text,
    assessment: JSON.stringify(assessmentForPrompt(input.assessed, recordRedactor(input.record, input.pseudonymiser))),
    record: JSON.stringify(pseudonymisedRecord(input.record, input.pseudonymiser)),
  });
  const draft = await metered(deps, 'draft', messages, () => deps.llm.structured(ZDraft, 'cv_draft', messages));
  // Names the model saw as [PERSON_n] go back to what the record says, before grounding; any
  // bidirectional control the model wrote goes (a recruiter reads this text: accounts/schema.ts).
  const restore = (text: string) => stripBidiControls(input.pseudonymiser.restore(text));
  return {
    sections: draft.sections.map((s) => ({
      ...s,
      title: restore(s.title),
      items: s.items.map((i) => ({ ...i, title: restore(i.title), subtitle: i.subtitle && restore(i.subtitle), dates: i.dates && restore(i.dates), bullets: i.bullets.map(restore) })),
    })),
  };
}

/** Why an LLM step was skipped or failed, for the CV's record (no provider text). */
export function fallbackReason(err: unknown): string {
  if (isAppError(err) && err.code === 'QUOTA_EXCEEDED') return 'your LLM token allowance for this month is used up';
  if (err instanceof Error && err.name === 'LlmError') return err.message;
  return 'the LLM step failed';
}
