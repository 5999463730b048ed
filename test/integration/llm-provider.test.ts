import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig } from '../../server/config/env.ts';
import { createLlmProvider, createProviderEmbedder, LlmError } from '../../server/adapters/llm.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai-server.ts';

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(async () => {
  await fake?.close();
});
beforeEach(() => fake.reset());

const llmConfig = (extra: Record<string, string> = {}) =>
  loadConfig({ LLM_BASE_URL: fake.url, LLM_MODEL: 'fake-model', LLM_API_KEY: 'test-key', LLM_TIMEOUT_MS: '1000', EMBEDDING_MODEL: 'fake-embed', ...extra }).llm;
const provider = () => createLlmProvider(llmConfig(), { attempts: 3, retryBaseDelayMs: 10 })!;
const ZAnswer = z.object({ answer: z.string(), confidence: z.number().nullable() });

describe('LLM provider over the OpenAI wire format', () => {
  it('is absent when no provider is configured', () => {
    expect(createLlmProvider(loadConfig({}).llm)).toBeUndefined();
    expect(createProviderEmbedder(loadConfig({}).llm)).toBeUndefined();
  });

  it('returns structured output parsed by zod, with usage, using json_schema', async () => {
    fake.replyOnce({ json: { answer: 'ALS', confidence: 0.9 } });
    const result = await provider().structured(ZAnswer, 'answer', [{ role: 'user', content: 'Which course?' }]);
    expect(result.value).toEqual({ answer: 'ALS', confidence: 0.9 });
    expect(result.usage.totalTokens).toBeGreaterThan(0);
    const body = fake.requests[0]!.body;
    expect(body).toMatchObject({ model: 'fake-model', max_tokens: 2000, response_format: { type: 'json_schema' } });
    expect(fake.requests[0]!.apiKey).toBe('test-key');
  });

  it('streams tokens and reports usage', async () => {
    fake.replyOnce({ content: 'Your ALS expires in 2028.', chunks: ['Your ', 'ALS ', 'expires ', 'in 2028.'] });
    const tokens: string[] = [];
    const result = await provider().stream([{ role: 'user', content: 'When does my ALS expire?' }], (t) => tokens.push(t));
    expect(tokens.join('')).toBe('Your ALS expires in 2028.');
    expect(result.text).toBe('Your ALS expires in 2028.');
    expect(result.usage.outputTokens).toBeGreaterThan(0);
    expect(fake.requests[0]!.body.stream_options).toEqual({ include_usage: true });
  });

  it('retries a 429 (even without Retry-After) and a 503, then succeeds', async () => {
    fake.replyOnce({ status: 429 });
    fake.replyOnce({ status: 503 });
    fake.replyOnce({ json: { answer: 'ok', confidence: null } });
    const result = await provider().structured(ZAnswer, 'answer', [{ role: 'user', content: 'x' }]);
    expect(result.value.answer).toBe('ok');
    expect(fake.requests).toHaveLength(3);
  });

  it('fails with a typed error and no prompt text: repeated 500s, a timeout, malformed output, a refusal', async () => {
    for (let i = 0; i < 3; i++) fake.replyOnce({ status: 500 });
    const unavailable = await provider()
      .structured(ZAnswer, 'answer', [{ role: 'user', content: 'secret patient text' }])
      .catch((e: unknown) => e);
    expect(unavailable).toBeInstanceOf(LlmError);
    expect((unavailable as LlmError).kind).toBe('unavailable');
    expect((unavailable as LlmError).message).not.toContain('secret');

    fake.reply({ hang: true });
    const started = Date.now();
    const timeout = await createLlmProvider(llmConfig(), { attempts: 1 })!
      .structured(ZAnswer, 'answer', [{ role: 'user', content: 'x' }])
      .catch((e: unknown) => e);
    expect((timeout as LlmError).kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(5000);
    fake.reset();

    fake.replyOnce({ malformed: true });
    const malformed = await createLlmProvider(llmConfig(), { attempts: 1 })!
      .structured(ZAnswer, 'answer', [{ role: 'user', content: 'x' }])
      .catch((e: unknown) => e);
    expect((malformed as LlmError).kind).toBe('malformed');

    fake.replyOnce({ status: 401 });
    const refused = await provider()
      .structured(ZAnswer, 'answer', [{ role: 'user', content: 'x' }])
      .catch((e: unknown) => e);
    expect((refused as LlmError).kind).toBe('refused');
    expect(fake.requestsTo('chat').length).toBeGreaterThan(0);
  });

  it('a hanging provider gets one deadline per CV step, every try included, not one per try', async () => {
    // Each try may take 2 s and three tries are allowed: without one deadline that is 6 s or more.
    fake.reply({ hang: true });
    const slow = createLlmProvider(llmConfig({ LLM_TIMEOUT_MS: '2000', LLM_STEP_DEADLINE_MS: '2500' }), { attempts: 3, retryBaseDelayMs: 10 })!;
    const started = performance.now();
    const failure = await slow.structured(ZAnswer, 'answer', [{ role: 'user', content: 'x' }]).catch((e: unknown) => e);
    const elapsed = performance.now() - started;
    expect(failure).toBeInstanceOf(LlmError);
    expect((failure as LlmError).kind).toBe('timeout');
    expect(elapsed).toBeGreaterThanOrEqual(2400);
    expect(elapsed).toBeLessThan(3500);
    expect(fake.requestsTo('chat').length).toBeLessThanOrEqual(2);
  });

  it('a chat reply has its own deadline, also when the model stalls after the first tokens', async () => {
    fake.reply({ hang: true });
    const chat = createLlmProvider(llmConfig({ LLM_TIMEOUT_MS: '1000', LLM_CHAT_DEADLINE_MS: '1500' }), { attempts: 3, retryBaseDelayMs: 10 })!;
    let started = performance.now();
    const silent = await chat.stream([{ role: 'user', content: 'x' }], () => {}).catch((e: unknown) => e);
    expect((silent as LlmError).kind).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(2300);

    fake.reset();
    fake.reply({ content: 'Your ALS is valid until 2028.', chunks: ['Your ALS ', 'is valid ', 'until 2028.'], hangAfterChunks: 2 });
    const stalling = createLlmProvider(llmConfig({ LLM_TIMEOUT_MS: '60000', LLM_CHAT_DEADLINE_MS: '1500' }), { attempts: 3, retryBaseDelayMs: 10 })!;
    const tokens: string[] = [];
    started = performance.now();
    const stalled = await stalling.stream([{ role: 'user', content: 'x' }], (t) => tokens.push(t)).catch((e: unknown) => e);
    expect((stalled as LlmError).kind).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(2300);
    expect(tokens).toEqual(['Your ALS ', 'is valid ']);
    // Tokens reached the person: no second try that would repeat them.
    expect(fake.requestsTo('chat')).toHaveLength(1);
  });

  it('defaults to 30 s for a chat reply and 60 s for a CV step', () => {
    expect(loadConfig({}).llm).toMatchObject({ chatDeadlineMs: 30_000, stepDeadlineMs: 60_000 });
  });

  it('embeds with the configured dimensions', async () => {
    const embedder = createProviderEmbedder(llmConfig())!;
    const [a, b] = await embedder.embed(['Advanced Life Support', 'Advanced Life Support']);
    expect(a).toHaveLength(384);
    expect(a).toEqual(b);
    expect(embedder.model).toBe('fake-embed@384');
    expect(fake.requestsTo('embeddings')[0]!.body).toMatchObject({ model: 'fake-embed', dimensions: 384 });
  });
});
