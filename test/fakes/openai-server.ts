import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A fake OpenAI-compatible HTTP server for tests: real HTTP on 127.0.0.1, the real wire format
 * of /v1/chat/completions (JSON and SSE streaming), /v1/embeddings (float arrays or base64
 * float32) and /v1/models, so `@langchain/openai` and the `openai` SDK run for real against it.
 *
 * Pass `fake.url` (which ends in `/v1`) as `configuration.baseURL`; the SDK appends
 * `/chat/completions`, `/embeddings`. A base URL without `/v1` gets 404s from this fake, as it
 * would from OpenAI.
 *
 * Tests decide the replies: `replyOnce(...)` queues one-shot replies (consumed first, in order),
 * `reply(...)` sets a standing handler, and with nothing scripted a short fixed text (or, when the
 * request demands structured output or a specific tool, a minimal instance of its JSON schema)
 * comes back.
 */

export type FakeRoute = 'chat' | 'embeddings' | 'models' | 'unknown';

export interface CapturedRequest {
  method: string;
  /** Path without the query string, e.g. `/v1/chat/completions`. */
  path: string;
  route: FakeRoute;
  /** The parsed JSON body (`undefined` for GET or an empty body). */
  body: any;
  headers: IncomingHttpHeaders;
  /** The key from `Authorization: Bearer <key>`, if any. */
  apiKey: string | undefined;
}

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

/** Overrides the deterministic token estimate (characters / 4, rounded up). */
export interface UsageOverride {
  promptTokens?: number;
  completionTokens?: number;
}

interface ReplyCommon {
  /** Wait this long before answering (timers are cleared on close). */
  delayMs?: number;
}

/** A text answer. When streaming, `chunks` (joining to `content`) sets how it is split. */
export interface ContentReply extends ReplyCommon {
  content: string;
  chunks?: string[];
  finishReason?: FinishReason;
  usage?: UsageOverride;
  /**
   * Streaming only: after this many content chunks end the response cleanly without a finish
   * chunk, usage or `data: [DONE]` (the SDK accepts this silently; see the tests).
   */
  endStreamAfterChunks?: number;
  /** Streaming only: after this many content chunks stop sending and never finish (a stalled model). */
  hangAfterChunks?: number;
}

/**
 * A JSON value: the message content (as a JSON string) for `response_format` json_schema or any
 * request without tools; the arguments of a call to the requested tool when tools were sent.
 */
export interface JsonReply extends ReplyCommon {
  json: unknown;
  finishReason?: FinishReason;
  usage?: UsageOverride;
}

/** A tool call; `arguments` is sent as given if a string, else JSON-encoded. */
export interface ToolCallReply extends ReplyCommon {
  toolCall: { name: string; arguments: unknown; id?: string };
  content?: string;
  usage?: UsageOverride;
}

/** Explicit vectors for /v1/embeddings, one per input. */
export interface EmbeddingsReply extends ReplyCommon {
  embeddings: number[][];
  usage?: UsageOverride;
}

/** An HTTP error. `retryAfter` (seconds) becomes a `retry-after` header. */
export interface StatusReply extends ReplyCommon {
  status: number;
  body?: unknown;
  retryAfter?: number | string;
  headers?: Record<string, string>;
}

/** Never answers (the socket is destroyed on close). */
export interface HangReply {
  hang: true;
}

/** 200 with invalid JSON, or, when streaming, an SSE stream with an event that is not JSON. */
export interface MalformedReply extends ReplyCommon {
  malformed: true;
}

export type FakeReply = ContentReply | JsonReply | ToolCallReply | EmbeddingsReply | StatusReply | HangReply | MalformedReply;

/** Decides a reply from the parsed body; `undefined` falls through to the default. */
export type ReplyHandler = (body: any, request: CapturedRequest) => FakeReply | undefined | Promise<FakeReply | undefined>;

export interface FakeOpenAIOptions {
  /** When set, any other (or missing) bearer key gets 401. A missing key always gets 401. */
  apiKey?: string;
  /** Listed by GET /v1/models (default `fake-model`). Requests may name any model; it is echoed. */
  model?: string;
  /** Listed by GET /v1/models (default `fake-embed`). */
  embeddingModel?: string;
  /** Vector length when an embeddings request has no `dimensions` (default 384). */
  embeddingDimensions?: number;
  /** The text answered when nothing is scripted (default `DEFAULT_FAKE_REPLY`). */
  defaultContent?: string;
  /**
   * Like OpenAI, answer 400 when a `strict: true` json_schema (or strict tool) has an object whose
   * `required` misses a property or lacks `additionalProperties: false` (default true; local
   * servers such as Ollama or vLLM do not check this).
   */
  checkStrictSchemas?: boolean;
}

export interface ReplyOnceOptions {
  /**
   * Which requests may consume this reply. By default: content/json/toolCall -> chat,
   * embeddings -> embeddings, anything else (failures, handlers) -> chat or embeddings.
   */
  route?: 'chat' | 'embeddings' | 'models';
}

export interface FakeOpenAI {
  /** Base URL including `/v1`, e.g. `http://127.0.0.1:41234/v1`. */
  url: string;
  /** Every request received, in order (also 401s and 404s). */
  requests: CapturedRequest[];
  /** Captured requests to one route. */
  requestsTo(route: FakeRoute): CapturedRequest[];
  /** Sets the standing reply (a handler or a fixed reply); replaces any previous one. */
  reply(handler: ReplyHandler | FakeReply): void;
  /** Queues a one-shot reply, consumed before the standing one. */
  replyOnce(reply: ReplyHandler | FakeReply, options?: ReplyOnceOptions): void;
  /** Forgets captured requests, queued replies and the standing reply; ids count from 1 again. */
  reset(): void;
  /** Closes the server and every socket, including hanging ones. */
  close(): Promise<void>;
}

export const DEFAULT_FAKE_REPLY = 'This is a reply from the fake model.';

/** The deterministic token estimate used for usage: characters / 4, rounded up, at least 1. */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

function partText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content.map((part: any) => (typeof part === 'string' ? part : typeof part?.text === 'string' ? part.text : '')).join('');
  }
  return '';
}

/** The text that counts as prompt: every message's content and tool-call arguments. */
export function promptText(body: any): string {
  const messages: any[] = Array.isArray(body?.messages) ? body.messages : [];
  return messages
    .map((m) => {
      const calls: any[] = Array.isArray(m?.tool_calls) ? m.tool_calls : [];
      return partText(m?.content) + calls.map((c) => String(c?.function?.arguments ?? '')).join('');
    })
    .join('');
}

function hashString(text: string, seed: number): number {
  // FNV-1a, 32 bit.
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * The default embedding of `text`: `dimensions` float32-representable values from a PRNG seeded
 * by a hash of the text, L2-normalised. Identical whether sent as floats or base64.
 */
export function fakeEmbedding(text: string, dimensions: number): number[] {
  // mulberry32
  let state = hashString(text, 0x9e3779b9);
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const raw = Array.from({ length: dimensions }, () => next() * 2 - 1);
  const norm = Math.sqrt(raw.reduce((sum, v) => sum + v * v, 0)) || 1;
  return raw.map((v) => Math.fround(v / norm));
}

/** Little-endian float32 bytes, base64: what the OpenAI SDK decodes. */
export function toBase64Float32(vector: number[]): string {
  const buf = Buffer.alloc(vector.length * 4);
  vector.forEach((v, i) => buf.writeFloatLE(v, i * 4));
  return buf.toString('base64');
}

/** A minimal instance of a JSON schema (first enum value, empty strings become "fake", ...). */
export function exampleFromSchema(schema: any, defs: Record<string, any> = {}, depth = 0): unknown {
  if (!schema || typeof schema !== 'object' || depth > 20) return null;
  const localDefs = { ...defs, ...(schema.$defs ?? {}), ...(schema.definitions ?? {}) };
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.split('/').pop() ?? '';
    return exampleFromSchema(localDefs[name], localDefs, depth + 1);
  }
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(alternatives) && alternatives.length > 0) {
    const nonNull = alternatives.find((s: any) => s?.type !== 'null') ?? alternatives[0];
    return exampleFromSchema(nonNull, localDefs, depth + 1);
  }
  const type = Array.isArray(schema.type) ? (schema.type.find((t: string) => t !== 'null') ?? schema.type[0]) : schema.type;
  switch (type) {
    case 'object':
    case undefined: {
      if (!schema.properties) return type === 'object' ? {} : null;
      const out: Record<string, unknown> = {};
      for (const [key, sub] of Object.entries(schema.properties)) out[key] = exampleFromSchema(sub, localDefs, depth + 1);
      return out;
    }
    case 'array': {
      const min = typeof schema.minItems === 'number' ? schema.minItems : 0;
      return Array.from({ length: min }, () => exampleFromSchema(schema.items, localDefs, depth + 1));
    }
    case 'string':
      return schema.format === 'date' ? '2026-01-01' : schema.format === 'date-time' ? '2026-01-01T00:00:00Z' : 'fake';
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : 0;
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return null;
  }
}

/**
 * OpenAI's strict-mode rules for a schema: every object lists all its properties in `required`
 * and sets `additionalProperties: false`. Returns the first violation, or undefined.
 */
export function strictSchemaViolation(schema: any, where = '(root)'): string | undefined {
  if (!schema || typeof schema !== 'object') return undefined;
  if (Array.isArray(schema)) {
    for (const [i, sub] of schema.entries()) {
      const found = strictSchemaViolation(sub, `${where}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  const isObject = schema.type === 'object' || (Array.isArray(schema.type) && schema.type.includes('object'));
  if (isObject) {
    const keys = Object.keys(schema.properties ?? {});
    const required: unknown[] = Array.isArray(schema.required) ? schema.required : [];
    const missing = keys.filter((k) => !required.includes(k));
    if (missing.length > 0) {
      return `In context=${where}, 'required' is required to be supplied and to be an array including every key in properties. Missing '${missing[0]}'.`;
    }
    if (schema.additionalProperties !== false) {
      return `In context=${where}, 'additionalProperties' is required to be supplied and to be false.`;
    }
  }
  for (const key of ['properties', '$defs', 'definitions']) {
    for (const [name, sub] of Object.entries(schema[key] ?? {})) {
      const found = strictSchemaViolation(sub, `${where}.${name}`);
      if (found) return found;
    }
  }
  for (const key of ['items', 'anyOf', 'oneOf', 'allOf']) {
    const found = strictSchemaViolation(schema[key], `${where}.${key}`);
    if (found) return found;
  }
  return undefined;
}

interface Queued {
  reply: ReplyHandler | FakeReply;
  routes: FakeRoute[];
}

function defaultRoutes(reply: ReplyHandler | FakeReply): FakeRoute[] {
  if (typeof reply === 'function') return ['chat', 'embeddings'];
  if ('embeddings' in reply) return ['embeddings'];
  if ('content' in reply || 'json' in reply || 'toolCall' in reply) return ['chat'];
  return ['chat', 'embeddings'];
}

function routeOf(method: string, path: string): FakeRoute {
  if (method === 'POST' && path === '/v1/chat/completions') return 'chat';
  if (method === 'POST' && path === '/v1/embeddings') return 'embeddings';
  if (method === 'GET' && (path === '/v1/models' || path.startsWith('/v1/models/'))) return 'models';
  return 'unknown';
}

function errorBody(status: number, message: string): unknown {
  const type = status === 401 ? 'invalid_request_error' : status === 429 ? 'requests' : status >= 500 ? 'server_error' : 'invalid_request_error';
  const code = status === 401 ? 'invalid_api_key' : status === 429 ? 'rate_limit_exceeded' : status === 404 ? 'not_found' : null;
  return { error: { message, type, param: null, code } };
}

const DEFAULT_STATUS_MESSAGES: Record<number, string> = {
  429: 'Rate limit reached for the fake model.',
  500: 'The fake server had an error while processing your request.',
  503: 'The fake server is overloaded.',
};

function usageObject(prompt: number, completion: number) {
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
}

/** Splits text at whitespace-to-word boundaries; the pieces join back to the text. */
function splitWords(text: string): string[] {
  if (text === '') return [];
  return text.split(/(?<=\s)(?=\S)/);
}

function splitFixed(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** What a chat request is answered with, resolved from a script reply. */
type ChatAnswer =
  | { kind: 'text'; content: string; chunks?: string[]; finishReason: FinishReason; usage?: UsageOverride; endAfter?: number; hangAfter?: number }
  | { kind: 'tool'; id: string; name: string; arguments: string; content: string | null; usage?: UsageOverride };

export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const chatModel = options.model ?? 'fake-model';
  const embeddingModel = options.embeddingModel ?? 'fake-embed';
  const defaultDimensions = options.embeddingDimensions ?? 384;
  const defaultContent = options.defaultContent ?? DEFAULT_FAKE_REPLY;

  const requests: CapturedRequest[] = [];
  let queue: Queued[] = [];
  let standing: ReplyHandler | FakeReply | undefined;
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;
  let counter = 0;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const sendJson = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
    res.end(text);
  };

  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve, reject) => {
      const parts: Buffer[] = [];
      req.on('data', (c: Buffer) => parts.push(c));
      req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
      req.on('error', reject);
    });

  async function pickReply(route: FakeRoute, body: any, captured: CapturedRequest): Promise<FakeReply | undefined> {
    const index = queue.findIndex((q) => q.routes.includes(route));
    if (index >= 0) {
      const [entry] = queue.splice(index, 1);
      const reply = entry && (typeof entry.reply === 'function' ? await entry.reply(body, captured) : entry.reply);
      if (reply) return reply;
    }
    if (standing && route !== 'models') {
      return typeof standing === 'function' ? await standing(body, captured) : standing;
    }
    return undefined;
  }

  function strictProblem(body: any): string | undefined {
    const format = body?.response_format;
    if (format?.type === 'json_schema' && format.json_schema?.strict === true) {
      const found = strictSchemaViolation(format.json_schema.schema);
      if (found) return `Invalid schema for response_format '${format.json_schema.name}': ${found}`;
    }
    for (const tool of Array.isArray(body?.tools) ? body.tools : []) {
      if (tool?.function?.strict === true) {
        const found = strictSchemaViolation(tool.function.parameters);
        if (found) return `Invalid schema for function '${tool.function.name}': ${found}`;
      }
    }
    return undefined;
  }

  function requestedTool(body: any): { name: string; parameters: any } | undefined {
    const tools: any[] = Array.isArray(body?.tools) ? body.tools : [];
    if (tools.length === 0) return undefined;
    const choice = body.tool_choice;
    const chosen = typeof choice === 'object' && choice?.function?.name ? tools.find((t) => t?.function?.name === choice.function.name) : tools[0];
    const fn = (chosen ?? tools[0])?.function;
    return fn ? { name: String(fn.name), parameters: fn.parameters } : undefined;
  }

  function toChatAnswer(reply: FakeReply | undefined, body: any, seq: number): ChatAnswer {
    const id = `call_fake_${seq}`;
    if (reply && 'toolCall' in reply) {
      const args = reply.toolCall.arguments;
      return {
        kind: 'tool',
        id: reply.toolCall.id ?? id,
        name: reply.toolCall.name,
        arguments: typeof args === 'string' ? args : JSON.stringify(args ?? {}),
        content: reply.content ?? null,
        usage: reply.usage,
      };
    }
    const tool = requestedTool(body);
    const jsonSchema = body?.response_format?.type === 'json_schema' ? body.response_format.json_schema?.schema : undefined;
    if (reply && 'json' in reply) {
      if (tool && !jsonSchema) return { kind: 'tool', id, name: tool.name, arguments: JSON.stringify(reply.json), content: null, usage: reply.usage };
      return { kind: 'text', content: JSON.stringify(reply.json), finishReason: reply.finishReason ?? 'stop', usage: reply.usage };
    }
    if (reply && 'content' in reply) {
      return {
        kind: 'text',
        content: reply.content,
        chunks: reply.chunks,
        finishReason: reply.finishReason ?? 'stop',
        usage: reply.usage,
        endAfter: reply.endStreamAfterChunks,
        hangAfter: reply.hangAfterChunks,
      };
    }
    // Nothing usable scripted: answer like a cooperative model.
    if (jsonSchema) return { kind: 'text', content: JSON.stringify(exampleFromSchema(jsonSchema)), finishReason: 'stop' };
    const forced = body?.tool_choice === 'required' || (typeof body?.tool_choice === 'object' && body.tool_choice !== null);
    if (tool && forced) return { kind: 'tool', id, name: tool.name, arguments: JSON.stringify(exampleFromSchema(tool.parameters) ?? {}), content: null };
    return { kind: 'text', content: defaultContent, finishReason: 'stop' };
  }

  async function answerChat(res: ServerResponse, body: any, reply: FakeReply | undefined, seq: number) {
    const answer = toChatAnswer(reply, body, seq);
    const model = typeof body?.model === 'string' ? body.model : chatModel;
    const base = { id: `chatcmpl-fake-${seq}`, created: Math.floor(Date.now() / 1000), model, system_fingerprint: 'fp_fake' };
    const outputText = answer.kind === 'text' ? answer.content : (answer.content ?? '') + answer.name + answer.arguments;
    const promptTokens = answer.usage?.promptTokens ?? estimateTokens(promptText(body));
    const completionTokens = answer.usage?.completionTokens ?? estimateTokens(outputText);
    const usage = usageObject(promptTokens, completionTokens);

    if (body?.stream !== true) {
      const message =
        answer.kind === 'text'
          ? { role: 'assistant', content: answer.content, refusal: null, annotations: [] }
          : {
              role: 'assistant',
              content: answer.content,
              refusal: null,
              annotations: [],
              tool_calls: [{ id: answer.id, type: 'function', function: { name: answer.name, arguments: answer.arguments } }],
            };
      sendJson(res, 200, {
        ...base,
        object: 'chat.completion',
        choices: [{ index: 0, message, logprobs: null, finish_reason: answer.kind === 'text' ? answer.finishReason : 'tool_calls' }],
        usage,
        service_tier: 'default',
      });
      return;
    }

    const includeUsage = body?.stream_options?.include_usage === true;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-request-id': `req_fake_${seq}`,
    });
    const send = (choices: unknown[], extra: Record<string, unknown> = {}) => {
      const chunk = { ...base, object: 'chat.completion.chunk', service_tier: 'default', choices, ...(includeUsage ? { usage: null } : {}), ...extra };
      res.write(`data: ${JSON.stringify(chunk)}\n\n`);
    };
    const choice = (delta: unknown, finish: string | null = null) => ({ index: 0, delta, logprobs: null, finish_reason: finish });

    if (answer.kind === 'text') {
      send([choice({ role: 'assistant', content: '', refusal: null })]);
      const pieces = answer.chunks ?? splitWords(answer.content);
      let sent = 0;
      for (const piece of pieces) {
        if (answer.endAfter !== undefined && sent >= answer.endAfter) {
          res.end();
          return;
        }
        if (answer.hangAfter !== undefined && sent >= answer.hangAfter) return; // close() destroys the socket
        send([choice({ content: piece })]);
        sent++;
      }
      send([choice({}, answer.finishReason)]);
    } else {
      send([
        choice({
          role: 'assistant',
          content: answer.content,
          refusal: null,
          tool_calls: [{ index: 0, id: answer.id, type: 'function', function: { name: answer.name, arguments: '' } }],
        }),
      ]);
      for (const piece of splitFixed(answer.arguments, 16)) send([choice({ tool_calls: [{ index: 0, function: { arguments: piece } }] })]);
      send([choice({}, 'tool_calls')]);
    }
    if (includeUsage) send([], { usage });
    res.end('data: [DONE]\n\n');
  }

  function answerEmbeddings(res: ServerResponse, body: any, reply: FakeReply | undefined) {
    const rawInput = body?.input;
    const inputs: unknown[] = Array.isArray(rawInput) && !rawInput.every((x) => typeof x === 'number') ? rawInput : [rawInput];
    const texts = inputs.map((x) => (typeof x === 'string' ? x : JSON.stringify(x ?? '')));
    const dimensions = typeof body?.dimensions === 'number' ? body.dimensions : defaultDimensions;
    let vectors: number[][];
    if (reply && 'embeddings' in reply) {
      vectors = reply.embeddings;
    } else if (reply) {
      sendJson(res, 500, errorBody(500, `fake: a ${Object.keys(reply).join('/')} reply cannot answer /v1/embeddings`));
      return;
    } else {
      vectors = texts.map((t) => fakeEmbedding(t, dimensions));
    }
    const base64 = body?.encoding_format === 'base64';
    const promptTokens = (reply && 'usage' in reply ? reply.usage?.promptTokens : undefined) ?? estimateTokens(texts.join(''));
    sendJson(res, 200, {
      object: 'list',
      data: vectors.map((v, index) => ({ object: 'embedding', index, embedding: base64 ? toBase64Float32(v) : v.map((x) => Math.fround(x)) })),
      model: typeof body?.model === 'string' ? body.model : embeddingModel,
      usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const seq = ++counter;
    res.setHeader('x-request-id', `req_fake_${seq}`);
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const route = routeOf(method, path);
    const raw = await readBody(req);
    let body: any;
    let badJson = false;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw);
      } catch {
        badJson = true;
        body = raw;
      }
    }
    const auth = req.headers.authorization;
    const apiKey = typeof auth === 'string' && /^Bearer /i.test(auth) ? auth.slice(7).trim() : undefined;
    const captured: CapturedRequest = { method, path, route, body, headers: req.headers, apiKey };
    requests.push(captured);

    if (!apiKey || (options.apiKey !== undefined && apiKey !== options.apiKey)) {
      sendJson(res, 401, errorBody(401, apiKey ? 'Incorrect API key provided (fake).' : "You didn't provide an API key (fake)."));
      return;
    }
    if (route === 'unknown') {
      sendJson(res, 404, errorBody(404, `fake: no route for ${method} ${path} (is the base URL missing /v1?)`));
      return;
    }
    if (badJson) {
      sendJson(res, 400, errorBody(400, 'fake: the request body is not valid JSON'));
      return;
    }

    if (route === 'chat' && options.checkStrictSchemas !== false) {
      const problem = strictProblem(body);
      if (problem) {
        sendJson(res, 400, { error: { message: problem, type: 'invalid_request_error', param: problem.startsWith('Invalid schema for response_format') ? 'response_format' : 'tools', code: null } });
        return;
      }
    }

    let reply: FakeReply | undefined;
    try {
      reply = await pickReply(route, body, captured);
    } catch (err) {
      sendJson(res, 500, errorBody(500, `fake: the reply handler threw: ${err instanceof Error ? err.message : String(err)}`));
      return;
    }

    if (reply && 'hang' in reply) return; // never answer; close() destroys the socket
    if (reply && 'delayMs' in reply && typeof reply.delayMs === 'number' && reply.delayMs > 0) {
      await sleep(reply.delayMs);
      if (closed) return;
    }
    if (reply && 'status' in reply) {
      const headers: Record<string, string> = { ...reply.headers };
      if (reply.retryAfter !== undefined) headers['retry-after'] = String(reply.retryAfter);
      const message = DEFAULT_STATUS_MESSAGES[reply.status] ?? `Fake error ${reply.status}.`;
      sendJson(res, reply.status, reply.body ?? errorBody(reply.status, message), headers);
      return;
    }
    if (reply && 'malformed' in reply) {
      if (route === 'chat' && body?.stream === true) {
        res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
        res.write(
          `data: ${JSON.stringify({ id: `chatcmpl-fake-${seq}`, object: 'chat.completion.chunk', created: 0, model: body?.model ?? chatModel, choices: [{ index: 0, delta: { role: 'assistant', content: 'Broken' }, finish_reason: null }] })}\n\n`,
        );
        res.end('data: {"id":"chatcmpl-broken","choices":[{"delta":{"content":"tru\n\n');
      } else {
        const text = '{"id":"chatcmpl-broken","object":"chat.completion","choices":[{"index":0,"message":{"role":"assis';
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        res.end(text);
      }
      return;
    }

    if (route === 'models') {
      const all = [chatModel, embeddingModel].map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'fake' }));
      if (path === '/v1/models') {
        sendJson(res, 200, { object: 'list', data: all });
      } else {
        const wanted = decodeURIComponent(path.slice('/v1/models/'.length));
        const found = all.find((m) => m.id === wanted);
        if (found) sendJson(res, 200, found);
        else sendJson(res, 404, errorBody(404, `The model '${wanted}' does not exist (fake).`));
      }
      return;
    }
    if (route === 'embeddings') {
      answerEmbeddings(res, body, reply);
      return;
    }
    if (reply && 'embeddings' in reply) {
      sendJson(res, 500, errorBody(500, 'fake: an embeddings reply cannot answer /v1/chat/completions'));
      return;
    }
    await answerChat(res, body, reply, seq);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent && !closed) sendJson(res, 500, errorBody(500, `fake: ${err instanceof Error ? err.message : String(err)}`));
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    requestsTo: (route) => requests.filter((r) => r.route === route),
    reply(handler) {
      standing = handler;
    },
    replyOnce(reply, opts = {}) {
      queue.push({ reply, routes: opts.route ? [opts.route] : defaultRoutes(reply) });
    },
    reset() {
      requests.length = 0;
      queue = [];
      counter = 0;
      standing = undefined;
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      const done = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      await done;
    },
  };
}
