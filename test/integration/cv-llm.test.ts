import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { signUp } from '../support/accounts.ts';
import { jobs, personas } from '../support/fixtures.ts';
import { waitFor } from '../support/wait.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai-server.ts';
import { loadAiRecord } from '../../server/ai/record-view.ts';
import { analyseJobOffline } from '../../server/ai/jd-analysis/offline.ts';
import { assessRequirements } from '../../server/ai/jd-analysis/assess.ts';
import { loadPrompt } from '../../server/ai/prompts.ts';
import { composeOffline } from '../../server/ai/cv-draft/offline-composer.ts';
import { createHashingEmbedder } from '../../server/adapters/embedder.ts';
import type { TestClient } from '../support/client.ts';

let fake: FakeOpenAI;
let app: TestApp;
beforeAll(async () => {
  fake = await startFakeOpenAI();
  app = await startTestApp({ TRUST_PROXY: 'true', LLM_BASE_URL: fake.url, LLM_MODEL: 'fake-model', LLM_API_KEY: 'test-key', LLM_STEP_DEADLINE_MS: '2000' });
});
afterAll(async () => {
  await app?.close();
  await fake?.close();
});
beforeEach(() => fake.reset());

const persona = () => personas().find((p) => p.file === 'em-st4-locum.json')!.resume;
const job = () => jobs().find((j) => j.file === 'ed-trust-registrar.txt')!.text;

async function generate(client: TestClient) {
  const accepted = await client.post('/api/cvs', { jobDescription: job() });
  expect(accepted.status).toBe(202);
  return waitFor(
    'CV finished',
    async () => {
      const res = await client.get(`/api/cvs/${accepted.body.id}`);
      return res.body.status === 'done' || res.body.status === 'failed' ? res.body : undefined;
    },
    30_000,
  );
}

/** A clinician with `resume` imported, and the offline draft for the job: what a model's answer is made from. */
async function clinicianWithDraft(resume: ReturnType<typeof persona> = persona()) {
  const { client, userId } = await signUp(app, { name: resume.basics.name });
  expect((await client.post('/api/import/json-resume', resume)).status).toBe(200);
  const record = await loadAiRecord(app.server.platform.database.db, userId, new Date());
  const assessed = assessRequirements(analyseJobOffline(job()), record, '2026-11-22');
  const modelDraft = await composeOffline(record, job(), assessed, '2026-11-22', createHashingEmbedder(384));
  return { client, userId, record, modelDraft };
}

/** The fake provider answers the job analysis as the offline reader would, and drafts `draft`. */
const modelDrafts = (draft: unknown) =>
  fake.reply((body) => {
    const schema = body.response_format?.json_schema?.name;
    if (schema === 'job_analysis') return { json: analyseJobOffline(job()) };
    if (schema === 'cv_draft') return { json: draft };
    return undefined;
  });

describe('CV generation with an LLM provider', () => {
  it('drafts with the model on pseudonymised context, and the grounding check removes what the record cannot support', async () => {
    const { client, userId, modelDraft } = await clinicianWithDraft();
    const experience = modelDraft.sections.find((s) => s.kind === 'experience')!;
    experience.items[0]!.bullets.push('Led the trust-wide sepsis programme, saving 200 lives a year');
    modelDrafts(modelDraft);

    const cv = await generate(client);
    expect(cv.status).toBe('done');
    expect(cv.composer).toBe('llm:fake-model');
    // Provenance: the version of each prompt the model was given is kept with the CV.
    expect(cv.promptVersions).toEqual({ 'jd-analysis': loadPrompt('jd-analysis').version, 'cv-draft': loadPrompt('cv-draft').version });
    expect(cv.summary.removed).toEqual([expect.objectContaining({ text: 'Led the trust-wide sepsis programme, saving 200 lives a year', reason: 'the number 200 is not in the cited records' })]);
    expect(JSON.stringify(cv.draft)).not.toContain('saving 200 lives');

    // The provider never saw a direct identifier.
    const sent = JSON.stringify(fake.requestsTo('chat').map((r) => r.body));
    expect(fake.requestsTo('chat')).toHaveLength(2);
    const { basics, clinical } = persona();
    for (const identifier of [...basics.name.replace(/^Dr /, '').split(' '), basics.email, basics.phone, clinical.registrations[0].number, clinical.dbs[0].certificateNumber, userId])
      expect(sent).not.toContain(identifier);
    expect(sent).toContain('[[registration:');
    const plan = await client.get('/api/me/plan');
    expect(plan.body.usage.llmTokens).toBeGreaterThan(0);
    expect(plan.body.usage.cvGenerations).toBe(1);
  });

  it('never sends a referee to the model: not in the context, not through free text, and a drafted referees section is dropped', async () => {
    const referee = {
      name: 'Dr Ngozi Adeyemi',
      position: 'Consultant in Emergency Medicine',
      organisation: 'Calder Valley Hospitals NHS Trust',
      email: 'ngozi.adeyemi@example.org',
      phone: '01632 960123',
      reference: 'Leila is the registrar I would want on nights.',
    };
    const resume = structuredClone(persona());
    // The clinician names the referee in a post's own words too: redaction must catch it there.
    resume.work[0].summary = `${resume.work[0].summary ?? ''} Educational supervisor: Dr Ngozi Adeyemi.`;
    resume.references = [referee];
    const { client, userId, record, modelDraft } = await clinicianWithDraft(resume);
    expect(record.refereeCount).toBe(1);
    // A model that writes a referees section anyway (it cannot know one; it might guess).
    modelDraft.sections.push({
      kind: 'referees',
      title: 'Referees',
      items: [{ title: 'Dr A Guess, Consultant', subtitle: null, dates: null, bullets: [], cites: [{ type: 'post', id: record.posts[0]!.id }] }],
    });
    modelDrafts(modelDraft);

    const cv = await generate(client);
    expect(cv.status).toBe('done');
    expect(cv.composer).toBe('llm:fake-model');
    const sent = JSON.stringify(fake.requestsTo('chat').map((r) => r.body));
    expect(fake.requestsTo('chat').length).toBeGreaterThan(0);
    for (const detail of ['Ngozi', 'Adeyemi', referee.email, '01632', referee.reference, 'registrar I would want']) expect(sent).not.toContain(detail);
    expect(sent).toContain('[PERSON_');
    // The drafted section is the model's, so it is dropped; the CV's own is made from the record.
    expect(cv.summary.removed).toContainEqual(expect.objectContaining({ text: 'Dr A Guess, Consultant', reason: 'referees are added from your record, never written by the model' }));
    // No vector is made of a referee either: an embedder may be a provider outside.
    const db = app.server.platform.database.db;
    const vectors = await db.selectFrom('record_embeddings').select('record_id').where('user_id', '=', userId).where('record_type', '=', 'referee').execute();
    expect(vectors).toEqual([]);
  });

  it('falls back to the offline composer when the provider fails, and charges no tokens', async () => {
    const { client } = await signUp(app, { name: persona().basics.name });
    await client.post('/api/import/json-resume', persona());
    fake.reply({ status: 500 });
    const cv = await generate(client);
    expect(cv.status).toBe('done');
    expect(cv.composer).toBe('offline');
    expect(cv.promptVersions['cv-draft']).toBeUndefined();
    expect(cv.summary.removed).toEqual([]);
    expect(cv.summary.warnings.join(' ')).toContain('Prepared without the AI model');
    const plan = await client.get('/api/me/plan');
    expect(plan.body.usage.llmTokens).toBe(0);
  }, 60_000);

  it('removes bidirectional controls the model writes, so the recruiter reads what the record says', async () => {
    const { client, modelDraft } = await clinicianWithDraft();
    const item = modelDraft.sections.find((s) => s.kind === 'experience')!.items[0]!;
    item.title = `\u202E${item.title}\u202C`;
    item.bullets = item.bullets.map((b) => `\u2067${b}\u2069`);
    modelDrafts(modelDraft);
    const cv = await generate(client);
    expect(cv.status).toBe('done');
    expect(cv.composer).toBe('llm:fake-model');
    expect(JSON.stringify(cv.draft)).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    expect(cv.summary.removed).toEqual([]);
  });

  it('a hanging provider: each CV step gives up at its deadline and the offline composer finishes the CV', async () => {
    const { client } = await signUp(app, { name: persona().basics.name });
    await client.post('/api/import/json-resume', persona());
    fake.reply({ hang: true });
    const started = performance.now();
    const cv = await generate(client);
    const elapsed = performance.now() - started;
    expect(cv.status).toBe('done');
    expect(cv.composer).toBe('offline');
    expect(cv.summary.warnings.join(' ')).toContain('timeout');
    // Two steps (job analysis, drafting), 2 s each, then the offline steps and the PDF.
    expect(elapsed).toBeGreaterThanOrEqual(3900);
    expect(elapsed).toBeLessThan(25_000);
    expect((await client.get('/api/me/plan')).body.usage.llmTokens).toBe(0);
  }, 60_000);
});
