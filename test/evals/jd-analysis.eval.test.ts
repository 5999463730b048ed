import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config/env.ts';
import { createLlmProvider } from '../../server/adapters/llm.ts';
import { analyseJobOffline } from '../../server/ai/jd-analysis/offline.ts';
import { loadPrompt } from '../../server/ai/prompts.ts';
import { ZJobAnalysis } from '../../server/ai/jd-analysis/schema.ts';
import { jobs } from '../support/fixtures.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai-server.ts';
import { HOLDOUT_DIR, HOLDOUT_PAIRS_FILE, JOBS_DIR, labelledAdverts, matchingAgreement, PAIRS_FILE, scoreAdvert, summarise } from './jd-eval.ts';

/**
 * The job-analysis eval (the same scoring `npm run eval:jd` prints in full): essential recall and
 * precision on every labelled advert, adverts where nothing was found, agreement with the
 * labelled persona x advert pairs, and the LLM prompt's round trip through the fake provider.
 * The thresholds are the targets the product is held to on the team's corpus; the held-out set
 * (written by someone who never saw the analyser) is held to a lower floor that guards against
 * regressions on adverts nobody tuned for.
 */
const analyse = (dir: string) =>
  summarise(
    labelledAdverts(dir).map(({ slug, text, labels }) => {
      const a = analyseJobOffline(text);
      return scoreAdvert(slug, labels, a.requirements, a.title);
    }),
  );

describe('eval: job analysis', () => {
  let fake: FakeOpenAI;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
  });
  afterAll(async () => {
    await fake?.close();
  });

  it('offline analyser on the labelled adverts: recall >= 0.95, precision >= 0.90, nothing empty', () => {
    const total = analyse(JOBS_DIR);
    console.log(`jd-analysis offline: ${total.adverts} adverts, recall ${total.recall.toFixed(3)}, precision ${total.precision.toFixed(3)}, empty ${total.empty}`);
    expect(total.adverts).toBeGreaterThanOrEqual(40);
    expect(total.recall).toBeGreaterThanOrEqual(0.95);
    expect(total.precision).toBeGreaterThanOrEqual(0.9);
    expect(total.empty).toBe(0);
  });

  it('offline analyser on the held-out adverts: no collapse on adverts nobody tuned for', () => {
    const total = analyse(HOLDOUT_DIR);
    console.log(`jd-analysis offline (held out): ${total.adverts} adverts, recall ${total.recall.toFixed(3)}, precision ${total.precision.toFixed(3)}, empty ${total.empty}`);
    expect(total.recall).toBeGreaterThanOrEqual(0.9);
    expect(total.precision).toBeGreaterThanOrEqual(0.85);
    expect(total.empty).toBe(0);
  });

  it('matching agrees with the labelled persona x advert pairs', () => {
    const tuned = matchingAgreement(JOBS_DIR, PAIRS_FILE);
    const heldOut = matchingAgreement(HOLDOUT_DIR, HOLDOUT_PAIRS_FILE);
    console.log(
      `jd-analysis matching: agreement ${tuned.agreement.toFixed(3)} on ${tuned.total} labelled requirements in ${tuned.results.length} pairs; held out ${heldOut.agreement.toFixed(3)} on ${heldOut.total} in ${heldOut.results.length} pairs`,
    );
    expect(tuned.results.length).toBeGreaterThanOrEqual(20);
    expect(tuned.agreement).toBeGreaterThanOrEqual(0.9);
    // Pairs labelled before the matcher was tuned: a floor against collapse, not the target.
    expect(heldOut.results.length).toBeGreaterThanOrEqual(15);
    expect(heldOut.agreement).toBeGreaterThanOrEqual(0.75);
  });

  it('LLM prompt: renders the advert, asks for strict json_schema, and parses an answer', async () => {
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
    expect(loadPrompt('jd-analysis').version).toBe('2');
  });
});
