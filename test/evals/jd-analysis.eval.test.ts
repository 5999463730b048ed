import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config/env.ts';
import { createLlmProvider } from '../../server/adapters/llm.ts';
import { analyseJobOffline } from '../../server/ai/jd-analysis/offline.ts';
import { loadPrompt } from '../../server/ai/prompts.ts';
import { ZJobAnalysis, type Requirement } from '../../server/ai/jd-analysis/schema.ts';
import { JOBS_DIR, jobs } from '../support/fixtures.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai-server.ts';

/**
 * Eval of job analysis over the team's labelled adverts (test/fixtures/jobs/<slug>.json, see the
 * README there): recall and precision of the offline analyser on the core adverts, and the
 * prompt + schema round trip through the provider.
 */
interface Label { kind: string; key: string; years?: number; text: string; alternatives?: string[] }
const labelsOf = (file: string) => JSON.parse(fs.readFileSync(path.join(JOBS_DIR, file.replace(/\.txt$/, '.json')), 'utf8')) as { essential: Label[]; desirable: Label[] };
const contentWords = (t: string) => new Set((t.toLowerCase().match(/[a-z0-9]+/g) ?? []).filter((w) => w.length > 3));

function matches(label: Label, r: Requirement): boolean {
  const keys = [label.key, ...(label.alternatives ?? [])];
  switch (r.kind) {
    case 'registration':
      return label.kind === 'registration' && keys.includes(r.registrationBody ?? '');
    case 'certification':
      return label.kind === 'course' && r.certifications.some((c) => keys.includes(c));
    case 'dbs':
      return label.kind === 'check' && label.key === 'dbs';
    case 'experience':
      return label.kind === 'experience' && label.years === r.years;
    case 'gaps':
      return label.kind === 'experience' && label.key === 'gaps';
    default: {
      const wanted = contentWords(label.text);
      const have = contentWords(r.text);
      return (label.kind === 'skill' || label.kind === 'qualification') && [...wanted].filter((w) => have.has(w)).length >= Math.ceil(wanted.size / 2);
    }
  }
}

function score(labels: { essential: Label[] }, found: Requirement[]) {
  const essential = found.filter((r) => r.importance === 'essential');
  const missed = labels.essential.filter((l) => !essential.some((r) => matches(l, r)));
  const precise = essential.filter((r) => labels.essential.some((l) => matches(l, r)));
  return { recall: 1 - missed.length / labels.essential.length, precision: essential.length ? precise.length / essential.length : 1, missed: missed.map((l) => `${l.kind}:${l.key}`) };
}

describe('eval: job analysis', () => {
  let fake: FakeOpenAI;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
  });
  afterAll(async () => {
    await fake?.close();
  });

  it('offline analyser: recall and precision on every labelled advert', () => {
    const rows = jobs().map(({ file: job, text }) => ({ job, ...score(labelsOf(job), analyseJobOffline(text).requirements) }));
    console.log(rows.map((r) => `jd-analysis offline ${r.job}: recall ${r.recall.toFixed(2)} precision ${r.precision.toFixed(2)}${r.missed.length ? ` missed ${r.missed.join(', ')}` : ''}`).join('\n'));
    const meanRecall = rows.reduce((s, r) => s + r.recall, 0) / rows.length;
    const meanPrecision = rows.reduce((s, r) => s + r.precision, 0) / rows.length;
    console.log(`jd-analysis offline mean: recall ${meanRecall.toFixed(2)} precision ${meanPrecision.toFixed(2)}`);
    expect(meanRecall).toBeGreaterThanOrEqual(0.7);
    expect(meanPrecision).toBeGreaterThanOrEqual(0.6);
  });

  it('LLM prompt: renders the advert, asks for strict json_schema, and parses a labelled answer', async () => {
    const llm = createLlmProvider(loadConfig({ LLM_BASE_URL: fake.url, LLM_MODEL: 'fake-model', LLM_API_KEY: 'k' }).llm, { attempts: 1 })!;
    for (const { text } of jobs()) {
      fake.replyOnce({ json: analyseJobOffline(text) });
      const messages = loadPrompt('jd-analysis').render({ jobDescription: text });
      const { value } = await llm.structured(ZJobAnalysis, 'job_analysis', messages);
      expect(value.requirements.length).toBeGreaterThan(0);
      const body = fake.requests.at(-1)!.body;
      expect(body.messages[1].content).toContain(text.split('\n')[0]);
      expect(body.response_format.json_schema.strict).toBe(true);
    }
    expect(loadPrompt('jd-analysis').version).toBe('1');
  });
});
