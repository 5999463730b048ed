import type { ChatOpenAI, OpenAIEmbeddings } from '@langchain/openai';
import type { BaseMessageLike } from '@langchain/core/messages';
import type { z } from 'zod';
import type { Config } from '../config/env.ts';
import type { Embedder } from './embedder.ts';

/**
 * The LLM behind one small interface: OpenAI, or any OpenAI-compatible server (Ollama, vLLM,
 * llama.cpp, LM Studio, Azure) by base URL, through LangChain's ChatOpenAI. Absent when no
 * provider is configured: callers then use the offline composer.
 *
 * Retries are ours, not LangChain's: it does not retry a 429 without Retry-After, and we want
 * one policy (429, 5xx, timeouts; exponential backoff honouring Retry-After) for every call.
 */
export interface LlmUsage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export type LlmFailure = 'rate_limited' | 'unavailable' | 'timeout' | 'malformed' | 'refused';

/** A provider failure, with no prompt or output text in its message (it is logged and stored). */
export class LlmError extends Error {
  override name = 'LlmError';
  constructor(
    readonly kind: LlmFailure,
    readonly status?: number,
  ) {
    super(`LLM provider failed: ${kind}${status ? ` (HTTP ${status})` : ''}`);
  }
}

export interface LlmProvider {
  readonly mode: 'openai' | 'compatible';
  readonly model: string;
  readonly maxTokens: number;
  structured<T>(schema: z.ZodType<T>, name: string, messages: ChatMessage[]): Promise<{ value: T; usage: LlmUsage }>;
  stream(messages: ChatMessage[], onToken: (token: string) => void): Promise<{ text: string; usage: LlmUsage }>;
}

const toLangChain = (messages: ChatMessage[]): BaseMessageLike[] => messages.map((m) => [m.role === 'assistant' ? 'ai' : m.role, m.content] as BaseMessageLike);

function usageOf(metadata: { input_tokens?: number; output_tokens?: number; total_tokens?: number } | undefined): LlmUsage {
  const input = metadata?.input_tokens ?? 0;
  const output = metadata?.output_tokens ?? 0;
  return { inputTokens: input, outputTokens: output, totalTokens: metadata?.total_tokens ?? input + output };
}

/** Maps whatever the SDK threw to a failure kind, without keeping its message. */
export function classifyLlmError(err: unknown): LlmError {
  if (err instanceof LlmError) return err;
  const e = err as { status?: number; name?: string; code?: string; lc_error_code?: string; message?: string };
  const status = typeof e?.status === 'number' ? e.status : undefined;
  if (status === 429 || e?.lc_error_code === 'MODEL_RATE_LIMIT') return new LlmError('rate_limited', 429);
  if (status !== undefined && status >= 500) return new LlmError('unavailable', status);
  if (status === 400 || status === 401 || status === 403 || status === 404) return new LlmError('refused', status);
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError' || /timed? ?out/i.test(e?.message ?? '')) return new LlmError('timeout');
  if (e?.name === 'SyntaxError' || e?.name === 'OutputParserException' || e?.lc_error_code === 'OUTPUT_PARSING_FAILURE' || e?.name === 'ZodError') return new LlmError('malformed');
  if (e?.code === 'ECONNREFUSED' || e?.code === 'ECONNRESET' || /connection/i.test(e?.message ?? '')) return new LlmError('unavailable');
  return new LlmError('malformed');
}

const RETRYABLE = new Set<LlmFailure>(['rate_limited', 'unavailable', 'timeout']);

/**
 * Tries `fn` up to `attempts` times, all within one deadline: every try gets the same abort
 * signal, which fires `deadlineMs` after the first began, and no retry starts that could not
 * begin before it (docs/ARCHITECTURE.md, Failure policy). Then the caller falls back offline.
 */
async function withRetries<T>(fn: (signal: AbortSignal) => Promise<T>, attempts: number, baseDelayMs: number, deadlineMs: number): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  const signal = AbortSignal.timeout(deadlineMs);
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(signal);
    } catch (err) {
      const failure = signal.aborted ? new LlmError('timeout') : classifyLlmError(err);
      if (attempt >= attempts || !RETRYABLE.has(failure.kind)) throw failure;
      const retryAfter = Number((err as { headers?: Record<string, string> })?.headers?.['retry-after']);
      const delay = Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter * 1000, 30_000) : baseDelayMs * 2 ** (attempt - 1);
      if (Date.now() + delay >= deadline) throw failure;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

export interface LlmOptions {
  /** Tries per call, including the first. */
  attempts?: number;
  retryBaseDelayMs?: number;
}

/**
 * `structured` calls are CV steps, bounded by `llm.stepDeadlineMs`; `stream` is a chat reply,
 * bounded by `llm.chatDeadlineMs`. Each deadline covers every try of the request.
 */
/** LangChain loads on the first call (a third of a second at start-up the offline default never needs). */
const loadLangChain = () => import('@langchain/openai');
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}

export function createLlmProvider(llm: Config['llm'], options: LlmOptions = {}): LlmProvider | undefined {
  if (llm.mode === 'offline' || !llm.model) return undefined;
  const attempts = options.attempts ?? 3;
  const baseDelay = options.retryBaseDelayMs ?? 1000;
  const chatModel = once(
    async (): Promise<ChatOpenAI> =>
      new (await loadLangChain()).ChatOpenAI({
        model: llm.model,
        // Local servers (Ollama, llama.cpp) ignore the key, but the SDK insists on one.
        apiKey: llm.apiKey ?? 'not-needed',
        maxTokens: llm.maxTokens,
        timeout: llm.timeoutMs,
        maxRetries: 0,
        streamUsage: true,
        // The SDK would print raw model output on a malformed stream: output may hold personal data.
        configuration: { ...(llm.baseUrl ? { baseURL: llm.baseUrl } : {}), logLevel: 'off' },
      }),
  );
  return {
    mode: llm.mode,
    model: llm.model,
    maxTokens: llm.maxTokens,
    async structured(schema, name, messages) {
      return withRetries(
        async (signal) => {
          const runnable = (await chatModel()).withStructuredOutput(schema as z.ZodType<Record<string, unknown>>, { name, includeRaw: true });
          const result = (await runnable.invoke(toLangChain(messages), { signal })) as { raw: { usage_metadata?: Parameters<typeof usageOf>[0] }; parsed: unknown };
          if (result.parsed === null || result.parsed === undefined) throw new LlmError('malformed');
          const parsed = schema.safeParse(result.parsed);
          if (!parsed.success) throw new LlmError('malformed');
          return { value: parsed.data, usage: usageOf(result.raw.usage_metadata) };
        },
        attempts,
        baseDelay,
        llm.stepDeadlineMs,
      );
    },
    async stream(messages, onToken) {
      // Only the connection is retried: once tokens have reached the user, a retry would repeat them.
      let started = false;
      return withRetries(
        async (signal) => {
          if (started) throw new LlmError('unavailable');
          let text = '';
          let usage: LlmUsage = { inputTokens: 0, outputTokens: 0, totalTokens: 0 };
          for await (const chunk of await (await chatModel()).stream(toLangChain(messages), { signal })) {
            const token = typeof chunk.content === 'string' ? chunk.content : '';
            if (token) {
              started = true;
              text += token;
              onToken(token);
            }
            if (chunk.usage_metadata) usage = usageOf(chunk.usage_metadata);
          }
          return { text, usage };
        },
        attempts,
        baseDelay,
        llm.chatDeadlineMs,
      );
    },
  };
}

/** OpenAI-compatible embeddings at the configured dimension, or undefined to use the local embedder. */
export function createProviderEmbedder(llm: Config['llm']): Embedder | undefined {
  if (llm.mode === 'offline' || !llm.embeddingModel) return undefined;
  const embeddings = once(
    async (): Promise<OpenAIEmbeddings> =>
      new (await loadLangChain()).OpenAIEmbeddings({
        model: llm.embeddingModel,
        dimensions: llm.embeddingDimensions,
        apiKey: llm.apiKey ?? 'not-needed',
        maxRetries: 2,
        timeout: llm.timeoutMs,
        configuration: { ...(llm.baseUrl ? { baseURL: llm.baseUrl } : {}), logLevel: 'off' },
      }),
  );
  return {
    model: `${llm.embeddingModel}@${llm.embeddingDimensions}`,
    dimensions: llm.embeddingDimensions,
    embed: async (texts) => (texts.length ? (await embeddings()).embedDocuments(texts) : []),
  };
}
