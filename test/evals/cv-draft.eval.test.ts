import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { signUp } from '../support/accounts.ts';
import { jobs, personas } from '../support/fixtures.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai-server.ts';
import { loadAiRecord, type AiRecord } from '../../server/ai/record-view.ts';
import { analyseJobOffline } from '../../server/ai/jd-analysis/offline.ts';
import { assessRequirements } from '../../server/ai/jd-analysis/assess.ts';
import { composeOffline } from '../../server/ai/cv-draft/offline-composer.ts';
import { checkGrounding } from '../../server/ai/grounding.ts';
import { draftWithLlm } from '../../server/ai/llm-steps.ts';
import { createLlmProvider } from '../../server/adapters/llm.ts';
import { createHashingEmbedder } from '../../server/adapters/embedder.ts';
import { loadConfig } from '../../server/config/env.ts';
import { Pseudonymiser } from '../../server/ai/redaction/index.ts';
import type { Draft } from '../../server/ai/cv-draft/schema.ts';

/**
 * Eval of CV drafting on every persona x job: how much of the evidence for met requirements
 * the draft cites (coverage), and that grounding removes nothing from the offline composer
 * and every planted hallucination from a model's draft.
 */
const AS_OF = '2026-11-22';
let app: TestApp;
let fake: FakeOpenAI;
const records = new Map<string, { userId: string; record: AiRecord }>();

beforeAll(async () => {
  fake = await startFakeOpenAI();
  app = await startTestApp({ TRUST_PROXY: 'true' });
  for (const { file, resume } of personas()) {
    const { client, userId } = await signUp(app, { name: resume.basics.name });
    await client.post('/api/import/json-resume', resume);
    records.set(file, { userId, record: await loadAiRecord(app.server.platform.database.db, userId, new Date(`${AS_OF}T12:00:00Z`)) });
  }
});
afterAll(async () => {
  await app?.close();
  await fake?.close();
});

const HALLUCINATIONS: Array<(d: Draft) => void> = [
  (d) => d.sections.find((s) => s.kind === 'experience')!.items[0]!.bullets.push('Reduced mortality by 45% across the trust'),
  (d) => (d.sections.find((s) => s.kind === 'experience')!.items[0]!.subtitle = 'Imaginary General Hospital NHS Trust'),
  (d) => d.sections.find((s) => s.kind === 'experience')!.items[0]!.bullets.push('Holds current ATLS and APLS provider status'),
  (d) => (d.sections.find((s) => s.kind === 'experience')!.items[0]!.dates = '2015-01-01 to present'),
];

describe('eval: CV drafting', () => {
  it('offline composer: grounded, and cites the evidence of the requirements it meets', async () => {
    const lines: string[] = [];
    for (const [persona, { record }] of records) {
      for (const job of jobs()) {
        const assessed = assessRequirements(analyseJobOffline(job.text), record, AS_OF);
        const draft = await composeOffline(record, job.text, assessed, AS_OF, createHashingEmbedder(384));
        const { removed } = checkGrounding(draft, record);
        const cited = new Set(draft.sections.flatMap((s) => s.items.flatMap((i) => i.cites.map((c) => `${c.type}:${c.id}`))));
        const evidence = assessed.filter((r) => r.status === 'met').flatMap((r) => r.evidence.map((e) => `${e.type}:${e.id}`));
        const coverage = evidence.length ? evidence.filter((e) => cited.has(e)).length / evidence.length : 1;
        lines.push(`cv-draft offline ${persona} x ${job.file}: items ${draft.sections.reduce((n, s) => n + s.items.length, 0)}, removed ${removed.length}, evidence coverage ${coverage.toFixed(2)}`);
      }
    }
    console.log(lines.join('\n'));
    for (const line of lines) {
      expect(line).toContain('removed 0,');
      expect(Number(/coverage ([\d.]+)/.exec(line)![1])).toBeGreaterThanOrEqual(0.9);
    }
  });

  it('model drafts through the provider: every planted hallucination is removed', async () => {
    const llm = createLlmProvider(loadConfig({ LLM_BASE_URL: fake.url, LLM_MODEL: 'fake-model', LLM_API_KEY: 'k' }).llm, { attempts: 1 })!;
    let planted = 0;
    let caught = 0;
    for (const [persona, { userId, record }] of records) {
      const job = jobs().find((j) => j.file === 'ed-trust-registrar.txt')!;
      const assessed = assessRequirements(analyseJobOffline(job.text), record, AS_OF);
      for (const [i, plant] of HALLUCINATIONS.entries()) {
        const modelDraft = await composeOffline(record, job.text, assessed, AS_OF, createHashingEmbedder(384));
        plant(modelDraft);
        fake.replyOnce({ json: modelDraft });
        const draft = await draftWithLlm(
          { db: app.server.platform.database.db, llm, userId, requestId: `eval-${persona}-${i}`, now: () => new Date() },
          { record, jobDescription: job.text, assessed, pseudonymiser: new Pseudonymiser() },
        );
        planted++;
        if (checkGrounding(draft, record).removed.length === 1) caught++;
      }
    }
    console.log(`cv-draft model: ${caught}/${planted} planted hallucinations removed`);
    expect(caught).toBe(planted);
  });
});
