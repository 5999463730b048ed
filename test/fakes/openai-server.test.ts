import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ChatOpenAI, OpenAIEmbeddings } from '@langchain/openai';
import { HumanMessage, SystemMessage, type AIMessageChunk } from '@langchain/core/messages';
import { estimateTokens, fakeEmbedding, promptText, startFakeOpenAI, type FakeOpenAI } from './openai-server.ts';

// The real @langchain/openai (and the openai SDK under it) against the fake over real HTTP.

let fake: FakeOpenAI;

const chat = (fields: Partial<ConstructorParameters<typeof ChatOpenAI>[0] & object> = {}) =>
  new ChatOpenAI({ model: 'fake-model', apiKey: 'test-key', configuration: { baseURL: fake.url }, maxRetries: 0, ...fields });

const embeddings = (fields: Partial<ConstructorParameters<typeof OpenAIEmbeddings>[0] & object> = {}) =>
  new OpenAIEmbeddings({ model: 'fake-embed', dimensions: 384, apiKey: 'test-key', configuration: { baseURL: fake.url }, maxRetries: 0, ...fields });

const messages = [new SystemMessage('You write CVs for clinicians.'), new HumanMessage('Summarise my ICU experience.')];

beforeEach(async () => {
  fake ??= await startFakeOpenAI();
  fake.reset();
});
afterAll(async () => {
  await fake?.close();
});

describe('chat completions through ChatOpenAI', () => {
  it('invoke returns the scripted text and usage, and sends the documented request shape', async () => {
    fake.replyOnce({ content: 'Four years of ICU nursing.' });
    const result = await chat().invoke(messages);

    expect(result.content).toBe('Four years of ICU nursing.');
    const body = fake.requestsTo('chat')[0]?.body;
    const prompt = estimateTokens(promptText(body));
    expect(prompt).toBe(Math.ceil(('You write CVs for clinicians.' + 'Summarise my ICU experience.').length / 4));
    expect(result.usage_metadata).toMatchObject({ input_tokens: prompt, output_tokens: estimateTokens('Four years of ICU nursing.'), total_tokens: prompt + 7 });

    const [request] = fake.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/v1/chat/completions', route: 'chat', apiKey: 'test-key' });
    expect(request?.headers.authorization).toBe('Bearer test-key');
    expect(request?.body).toEqual({
      model: 'fake-model',
      stream: false,
      messages: [
        { role: 'system', content: 'You write CVs for clinicians.' },
        { role: 'user', content: 'Summarise my ICU experience.' },
      ],
    });
  });

  it('passes temperature and max_tokens through when set', async () => {
    await chat({ temperature: 0.2, maxTokens: 256 }).invoke('Hi');
    expect(fake.requests[0]?.body).toMatchObject({ model: 'fake-model', temperature: 0.2, max_tokens: 256, stream: false });
  });

  it('answers a default text when nothing is scripted', async () => {
    const result = await chat().invoke('Hello?');
    expect(result.content).toBe('This is a reply from the fake model.');
  });

  it('stream yields chunks that join to the text, then the usage (stream_options.include_usage)', async () => {
    const text = 'Led a team of twelve nurses on a twenty-bed unit.';
    fake.replyOnce({ content: text });
    const stream = await chat({ streamUsage: true }).stream(messages);
    const parts: string[] = [];
    let total: AIMessageChunk | undefined;
    for await (const chunk of stream) {
      if (typeof chunk.content === 'string' && chunk.content) parts.push(chunk.content);
      total = total ? total.concat(chunk) : chunk;
    }
    expect(parts.length).toBeGreaterThan(3);
    expect(parts.join('')).toBe(text);
    const prompt = estimateTokens(promptText(fake.requests[0]?.body));
    expect(total?.usage_metadata).toMatchObject({ input_tokens: prompt, output_tokens: estimateTokens(text), total_tokens: prompt + estimateTokens(text) });

    expect(fake.requests[0]?.body).toEqual({
      model: 'fake-model',
      stream: true,
      stream_options: { include_usage: true },
      messages: [
        { role: 'system', content: 'You write CVs for clinicians.' },
        { role: 'user', content: 'Summarise my ICU experience.' },
      ],
    });
  });

  it('honours scripted chunking and leaves out stream_options when streamUsage is false', async () => {
    fake.replyOnce({ content: 'abc', chunks: ['a', 'b', 'c'] });
    const parts: string[] = [];
    let total: AIMessageChunk | undefined;
    for await (const chunk of await chat({ streamUsage: false }).stream('x')) {
      if (typeof chunk.content === 'string' && chunk.content) parts.push(chunk.content);
      total = total ? total.concat(chunk) : chunk;
    }
    expect(parts).toEqual(['a', 'b', 'c']);
    expect(total?.usage_metadata).toBeUndefined();
    expect(fake.requests[0]?.body.stream_options).toBeUndefined();
  });

  it('tool calling: bindTools gets tool_calls with parsed JSON arguments', async () => {
    fake.replyOnce({ toolCall: { name: 'find_record', arguments: { kind: 'training', query: 'ALS' } } });
    const tool = {
      type: 'function' as const,
      function: { name: 'find_record', description: 'Find a record', parameters: { type: 'object', properties: { kind: { type: 'string' }, query: { type: 'string' } }, required: ['kind', 'query'] } },
    };
    const result = await chat().bindTools([tool]).invoke('Do I hold ALS?');
    expect(result.tool_calls).toEqual([expect.objectContaining({ name: 'find_record', args: { kind: 'training', query: 'ALS' }, id: 'call_fake_1' })]);
    expect(fake.requests[0]?.body.tools).toEqual([tool]);

    // Streamed, the arguments arrive in fragments and LangChain reassembles them.
    fake.replyOnce({ toolCall: { name: 'find_record', arguments: { kind: 'registration', query: 'NMC PIN' } } });
    let total: AIMessageChunk | undefined;
    for await (const chunk of await chat().bindTools([tool]).stream('x')) total = total ? total.concat(chunk) : chunk;
    expect(total?.tool_calls).toEqual([expect.objectContaining({ name: 'find_record', args: { kind: 'registration', query: 'NMC PIN' } })]);
    expect(total?.usage_metadata?.output_tokens).toBeGreaterThan(0);
  });
});

const Requirement = z.object({
  grade: z.string(),
  years: z.number(),
  registrations: z.array(z.enum(['GMC', 'NMC', 'HCPC'])),
});

describe('structured output', () => {
  it('withStructuredOutput (default method) sends response_format json_schema and parses the JSON content', async () => {
    const value = { grade: 'ST4', years: 3, registrations: ['GMC'] };
    fake.replyOnce({ json: value });
    const result = await chat().withStructuredOutput(Requirement, { name: 'requirements' }).invoke('Extract the requirements.');
    expect(result).toEqual(value);

    const body = fake.requests[0]?.body;
    expect(body.stream).toBe(false);
    expect(body.tools).toBeUndefined();
    expect(body.response_format.type).toBe('json_schema');
    expect(body.response_format.json_schema).toMatchObject({ name: 'requirements', strict: true });
    expect(body.response_format.json_schema.schema).toMatchObject({
      type: 'object',
      properties: { grade: { type: 'string' }, years: { type: 'number' }, registrations: { type: 'array', items: { enum: ['GMC', 'NMC', 'HCPC'] } } },
      required: ['grade', 'years', 'registrations'],
      additionalProperties: false,
    });
  });

  it('names the schema "extract" when no name is given', async () => {
    fake.replyOnce({ json: { grade: 'Band 6', years: 2, registrations: ['NMC'] } });
    await chat().withStructuredOutput(Requirement).invoke('x');
    expect(fake.requests[0]?.body.response_format.json_schema.name).toBe('extract');
  });

  it('withStructuredOutput({method: functionCalling}) sends tools + tool_choice and parses the tool arguments', async () => {
    const value = { grade: 'Band 7', years: 5, registrations: ['NMC'] };
    fake.replyOnce({ json: value });
    const result = await chat().withStructuredOutput(Requirement, { name: 'requirements', method: 'functionCalling' }).invoke('Extract.');
    expect(result).toEqual(value);

    const body = fake.requests[0]?.body;
    expect(body.response_format).toBeUndefined();
    expect(body.tool_choice).toEqual({ type: 'function', function: { name: 'requirements' } });
    expect(body.tools).toHaveLength(1);
    expect(body.tools[0]).toMatchObject({ type: 'function', function: { name: 'requirements', parameters: { type: 'object', required: ['grade', 'years', 'registrations'] } } });
  });

  it('with nothing scripted, answers a minimal instance of the schema (both methods)', async () => {
    expect(await chat().withStructuredOutput(Requirement).invoke('x')).toEqual({ grade: 'fake', years: 0, registrations: [] });
    expect(await chat().withStructuredOutput(Requirement, { method: 'functionCalling' }).invoke('x')).toEqual({ grade: 'fake', years: 0, registrations: [] });
  });

  it('like OpenAI, refuses a strict schema with an optional (not required) property; nullable is fine', async () => {
    const Optional = z.object({ grade: z.string(), years: z.number().optional() });
    const error = await chat()
      .withStructuredOutput(Optional, { name: 'req' })
      .invoke('x')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400 });
    expect((error as Error).message).toContain("Invalid schema for response_format 'req'");
    expect((error as Error).message).toContain("Missing 'years'");

    const Nullable = z.object({ grade: z.string(), years: z.number().nullable() });
    fake.replyOnce({ json: { grade: 'ST4', years: null } });
    expect(await chat().withStructuredOutput(Nullable).invoke('x')).toEqual({ grade: 'ST4', years: null });

    const lax = await startFakeOpenAI({ checkStrictSchemas: false });
    try {
      lax.replyOnce({ json: { grade: 'ST4' } });
      const model = new ChatOpenAI({ model: 'fake-model', apiKey: 'k', configuration: { baseURL: lax.url }, maxRetries: 0 });
      expect(await model.withStructuredOutput(Optional).invoke('x')).toEqual({ grade: 'ST4' });
    } finally {
      await lax.close();
    }
  });

  it('rejects JSON that does not match the schema', async () => {
    fake.replyOnce({ json: { grade: 4 } });
    await expect(chat().withStructuredOutput(Requirement).invoke('x')).rejects.toThrow();
  });
});

describe('embeddings through OpenAIEmbeddings', () => {
  it('returns deterministic, normalised 384-dimension vectors for embedDocuments and embedQuery (base64 on the wire)', async () => {
    const model = embeddings();
    const docs = await model.embedDocuments(['Registered with the NMC', 'ALS provider course']);
    const query = await model.embedQuery('Registered with the NMC');

    expect(docs).toHaveLength(2);
    for (const v of docs) expect(v).toHaveLength(384);
    expect(query).toHaveLength(384);
    expect(query).toEqual(docs[0]);
    expect(docs[0]).toEqual(fakeEmbedding('Registered with the NMC', 384));
    expect(docs[0]).not.toEqual(docs[1]);
    const norm = Math.sqrt(query.reduce((s, x) => s + x * x, 0));
    expect(norm).toBeCloseTo(1, 5);
    expect(await embeddings().embedDocuments(['ALS provider course'])).toEqual([docs[1]]);

    const [batch, single] = fake.requestsTo('embeddings');
    expect(batch).toMatchObject({ path: '/v1/embeddings', apiKey: 'test-key' });
    expect(batch?.body).toEqual({ model: 'fake-embed', input: ['Registered with the NMC', 'ALS provider course'], dimensions: 384, encoding_format: 'base64' });
    expect(single?.body).toEqual({ model: 'fake-embed', input: 'Registered with the NMC', dimensions: 384, encoding_format: 'base64' });
  });

  it('answers float arrays when encoding_format is float, with the same values', async () => {
    const vector = await embeddings({ encodingFormat: 'float' }).embedQuery('Registered with the NMC');
    expect(fake.requests[0]?.body.encoding_format).toBe('float');
    expect(vector).toEqual(fakeEmbedding('Registered with the NMC', 384));
  });

  it('returns scripted vectors', async () => {
    fake.replyOnce({
      embeddings: [
        [1, 0, 0],
        [0, 1, 0],
      ],
    });
    expect(await embeddings({ dimensions: 3 }).embedDocuments(['a', 'b'])).toEqual([
      [1, 0, 0],
      [0, 1, 0],
    ]);
  });
});

describe('failures', () => {
  it('a 429 surfaces as an error with maxRetries 0', async () => {
    fake.replyOnce({ status: 429 });
    const error = await chat()
      .invoke('x')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ status: 429 });
    expect(fake.requests).toHaveLength(1);
  });

  it('a 429 with retry-after is retried with maxRetries 1 and the next reply succeeds', async () => {
    fake.replyOnce({ status: 429, retryAfter: 0 });
    fake.replyOnce({ content: 'second time lucky' });
    const result = await chat({ maxRetries: 1 }).invoke('x');
    expect(result.content).toBe('second time lucky');
    expect(fake.requests).toHaveLength(2);
  });

  it('a 429 without retry-after is NOT retried by LangChain (headerless 429 counts as a capacity error)', async () => {
    fake.replyOnce({ status: 429 });
    fake.replyOnce({ content: 'never reached' });
    const error = await chat({ maxRetries: 1 })
      .invoke('x')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 429, name: 'RateLimitCapacityError' });
    expect(fake.requests).toHaveLength(1);
  });

  it('a 500 or 503 is retried with maxRetries 1', async () => {
    fake.replyOnce({ status: 503 });
    fake.replyOnce({ content: 'recovered' });
    expect((await chat({ maxRetries: 1 }).invoke('x')).content).toBe('recovered');
    expect(fake.requests).toHaveLength(2);
  });

  it('embeddings failures surface too', async () => {
    fake.replyOnce({ status: 500 });
    await expect(embeddings().embedQuery('x')).rejects.toMatchObject({ status: 500 });
  });

  it('{hang: true} with timeout 500 rejects within a few seconds', async () => {
    fake.replyOnce({ hang: true });
    const started = Date.now();
    const error = await chat({ timeout: 500 })
      .invoke('x')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('TimeoutError');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('malformed JSON rejects', async () => {
    fake.replyOnce({ malformed: true });
    await expect(chat().invoke('x')).rejects.toThrow(SyntaxError);
  });

  it('a malformed SSE stream rejects', async () => {
    fake.replyOnce({ malformed: true });
    // By default the SDK console.error()s the raw bad event (model output: mind PII in logs);
    // `logLevel: 'off'` (or a `logger`) in `configuration` silences it.
    const model = chat({ configuration: { baseURL: fake.url, logLevel: 'off' } });
    const consume = async () => {
      for await (const _chunk of await model.stream('x')) {
        // drain
      }
    };
    await expect(consume()).rejects.toThrow(SyntaxError);
  });

  it('a stream that ends early without [DONE] is accepted silently by the SDK', async () => {
    fake.replyOnce({ content: 'one two three four', endStreamAfterChunks: 2 });
    let text = '';
    for await (const chunk of await chat().stream('x')) text += typeof chunk.content === 'string' ? chunk.content : '';
    expect(text).toBe('one two ');
  });

  it('a base URL without /v1 gets 404s', async () => {
    const origin = fake.url.replace(/\/v1$/, '');
    await expect(chat({ configuration: { baseURL: origin } }).invoke('x')).rejects.toMatchObject({ status: 404 });
    expect(fake.requests[0]?.path).toBe('/chat/completions');
  });
});

describe('server behaviour', () => {
  it('requires the configured API key', async () => {
    const strict = await startFakeOpenAI({ apiKey: 'right-key' });
    try {
      const withKey = (apiKey: string) => new ChatOpenAI({ model: 'fake-model', apiKey, configuration: { baseURL: strict.url }, maxRetries: 0 });
      await expect(withKey('wrong-key').invoke('x')).rejects.toMatchObject({ status: 401 });
      expect((await withKey('right-key').invoke('x')).content).toBe('This is a reply from the fake model.');
      expect(strict.requests.map((r) => r.apiKey)).toEqual(['wrong-key', 'right-key']);
    } finally {
      await strict.close();
    }
  });

  it('lists the configured models', async () => {
    const res = await fetch(`${fake.url}/models`, { headers: { authorization: 'Bearer test-key' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      object: 'list',
      data: [
        { id: 'fake-model', object: 'model' },
        { id: 'fake-embed', object: 'model' },
      ],
    });
  });

  it('a standing handler sees the body and route; one-shot replies are consumed first', async () => {
    fake.reply((body, request) => (request.route === 'chat' ? { content: `echo: ${body.messages.at(-1).content}` } : undefined));
    fake.replyOnce({ content: 'first' });
    expect((await chat().invoke('a')).content).toBe('first');
    expect((await chat().invoke('b')).content).toBe('echo: b');
    expect(await embeddings({ dimensions: 8 }).embedQuery('c')).toEqual(fakeEmbedding('c', 8));
  });

  it('close() ends hanging requests and returns promptly', async () => {
    const other = await startFakeOpenAI();
    other.reply({ hang: true });
    const pending = new ChatOpenAI({ model: 'fake-model', apiKey: 'k', configuration: { baseURL: other.url }, maxRetries: 0 }).invoke('x').catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(other.requests).toHaveLength(1);
    const started = Date.now();
    await other.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await pending).toBeInstanceOf(Error);
  });
});
