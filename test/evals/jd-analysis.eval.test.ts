import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config/env.ts';
import { createLlmProvider } from '../../server/adapters/llm.ts';
import { analyseJobOffline } from '../../server/ai/jd-analysis/offline.ts';
import { loadPrompt } from '../../server/ai/prompts.ts';
import { ZJobAnalysis, type Requirement } from '../../server/ai/jd-analysis/schema.ts';
import { jobs } from '../support/fixtures.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai-server.ts';

/**
 * Eval of job analysis over hand-labelled adverts (prompts/jd-analysis/examples): recall and
 * precision of the offline analyser, and the prompt + schema round trip through the provider.
 * Labels: "kind[:detail]"; a skill label matches a skill whose text contains its words.
 */
const EXAMPLES = path.resolve(import.meta.dirname, '../../prompts/jd-analysis/examples');
const examples = fs.readdirSync(EXAMPLES).map((f) => JSON.parse(fs.readFileSync(path.join(EXAMPLES, f), 'utf8')) as { job: string; expected: string[] });

function matches(label: string, r: Requirement): boolean {
  const [kind, detail, extra] = label.split(':');
  if (kind !== r.kind) return false;
  switch (kind) {
    case 'grade':
      return r.grade === detail;
    case 'registration':
      return r.registrationBody === detail;
    case 'certification':
      return r.certifications.includes(detail!);
    case 'experience':
      return r.years === Number(detail) && (r.specialty ?? undefined) === extra;
    case 'dbs':
      return r.dbsLevel === detail;
    case 'skill':
      return r.text.toLowerCase().includes(detail!.toLowerCase());
    default:
      return true;
  }
}

function score(expected: string[], found: Requirement[]) {
  const recalled = expected.filter((label) => found.some((r) => matches(label, r)));
  const precise = found.filter((r) => expected.some((label) => matches(label, r)));
  return { recall: recalled.length / expected.length, precision: found.length ? precise.length / found.length : 1, missed: expected.filter((l) => !recalled.includes(l)) };
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
    const rows = examples.map(({ job, expected }) => {
      const text = jobs().find((j) => j.file === job)!.text;
      return { job, ...score(expected, analyseJobOffline(text).requirements) };
    });
    console.log(rows.map((r) => `jd-analysis offline ${r.job}: recall ${r.recall.toFixed(2)} precision ${r.precision.toFixed(2)}${r.missed.length ? ` missed ${r.missed.join(', ')}` : ''}`).join('\n'));
    const meanRecall = rows.reduce((s, r) => s + r.recall, 0) / rows.length;
    const meanPrecision = rows.reduce((s, r) => s + r.precision, 0) / rows.length;
    console.log(`jd-analysis offline mean: recall ${meanRecall.toFixed(2)} precision ${meanPrecision.toFixed(2)}`);
    expect(meanRecall).toBeGreaterThanOrEqual(0.85);
    expect(meanPrecision).toBeGreaterThanOrEqual(0.8);
    for (const r of rows) expect(r.missed.filter((m) => !m.startsWith('skill'))).toEqual([]);
  });

  it('LLM prompt: renders the advert, asks for strict json_schema, and parses a labelled answer', async () => {
    const llm = createLlmProvider(loadConfig({ LLM_BASE_URL: fake.url, LLM_MODEL: 'fake-model', LLM_API_KEY: 'k' }).llm, { attempts: 1 })!;
    for (const { job } of examples) {
      const text = jobs().find((j) => j.file === job)!.text;
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
