import path from 'node:path';
import { z } from 'zod';

/**
 * The one place that reads the environment. Everything else receives a typed `Config`.
 * Unset service variables select the embedded defaults (docs/ARCHITECTURE.md, Embedded defaults).
 */

const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const optionalUrl = (protocols: string[]) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .url()
      .refine((v) => URL.canParse(v) && protocols.includes(new URL(v).protocol), {
        message: `must start with ${protocols.map((p) => `${p}//`).join(' or ')}`,
      })
      .optional(),
  );
const intInRange = (min: number, max: number, fallback: number) => z.preprocess(emptyToUndefined, z.coerce.number().int().min(min).max(max).default(fallback));

const ZEnv = z
  .object({
    NODE_ENV: z.preprocess(emptyToUndefined, z.enum(['development', 'production', 'test']).default('development')),
    HOST: z.preprocess(emptyToUndefined, z.string().default('127.0.0.1')),
    PORT: intInRange(0, 65535, 3000),
    APP_ORIGIN: optionalUrl(['http:', 'https:']),
    TRUST_PROXY: z.preprocess(emptyToUndefined, z.union([z.enum(['true', 'false']), z.coerce.number().int().min(0).max(10)]).default('false')),
    LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
    DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('./data')),
    DATABASE_URL: optionalUrl(['postgres:', 'postgresql:']),
    DATABASE_POOL_MAX: intInRange(1, 100, 10),
    REDIS_URL: optionalUrl(['redis:', 'rediss:']),
    REDIS_PREFIX: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be lower-case letters, digits and dashes')
        .default('medfolio'),
    ),
    OPENAI_API_KEY: optionalString,
    LLM_BASE_URL: optionalUrl(['http:', 'https:']),
    LLM_MODEL: optionalString,
    LLM_API_KEY: optionalString,
    LLM_TIMEOUT_MS: intInRange(1000, 600_000, 60_000),
    LLM_CHAT_DEADLINE_MS: intInRange(1000, 600_000, 30_000),
    LLM_STEP_DEADLINE_MS: intInRange(1000, 600_000, 60_000),
    LLM_MAX_TOKENS: intInRange(64, 32_000, 2_000),
    EMBEDDING_MODEL: optionalString,
    EMBEDDING_DIMENSIONS: intInRange(8, 4096, 384),
    SMTP_URL: optionalUrl(['smtp:', 'smtps:']),
    MAIL_FROM: z.preprocess(emptyToUndefined, z.string().default('Medfolio <no-reply@medfolio.local>')),
    CHROMIUM_PATH: optionalString,
    DATA_ENCRYPTION_KEY: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^[A-Za-z0-9+/]{43}=$/, 'must be 32 bytes in base64 (openssl rand -base64 32)')
        .optional(),
    ),
    // A dead worker's job runs again within stuck + sweep interval (45 s by default; goal 60 s).
    JOB_STUCK_AFTER_SECONDS: intInRange(5, 86_400, 30),
    JOB_SWEEP_INTERVAL_SECONDS: intInRange(1, 3600, 15),
    ERASURE_GRACE_DAYS: intInRange(0, 365, 30),
    // Files (documents, CV PDFs, exports) in an S3-compatible bucket rather than DATA_DIR/files.
    S3_ENDPOINT: optionalUrl(['http:', 'https:']),
    S3_BUCKET: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name (3-63 lower-case letters, digits, dots and dashes)')
        .optional(),
    ),
    S3_REGION: z.preprocess(emptyToUndefined, z.string().default('us-east-1')),
    S3_ACCESS_KEY_ID: optionalString,
    S3_SECRET_ACCESS_KEY: optionalString,
    S3_FORCE_PATH_STYLE: z.preprocess(emptyToUndefined, z.enum(['true', 'false']).default('false')),
    // Self-service subscriptions through Stripe; unset, plans stay assigned by platform admins.
    STRIPE_SECRET_KEY: optionalString,
    STRIPE_WEBHOOK_SECRET: optionalString,
    STRIPE_PRICE_PRO: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^price_[A-Za-z0-9_]+$/, 'must be a Stripe price id (price_...)')
        .optional(),
    ),
    STRIPE_PRICE_TEAM: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^price_[A-Za-z0-9_]+$/, 'must be a Stripe price id (price_...)')
        .optional(),
    ),
    // Where the Stripe client sends requests (a test server, or a proxy); the real API by default.
    STRIPE_API_URL: optionalUrl(['http:', 'https:']),
  })
  .superRefine((env, ctx) => {
    if ((env.LLM_BASE_URL || env.OPENAI_API_KEY) && !env.LLM_MODEL) {
      ctx.addIssue({ code: 'custom', path: ['LLM_MODEL'], message: 'is required when OPENAI_API_KEY or LLM_BASE_URL is set' });
    }
    // With Redis the API only enqueues and separate workers do the work; a worker cannot open
    // the API's embedded database (PGlite is one process's), so CVs would never be made.
    if (env.REDIS_URL && !env.DATABASE_URL) {
      ctx.addIssue({ code: 'custom', path: ['REDIS_URL'], message: 'needs DATABASE_URL: workers cannot share the embedded database; unset REDIS_URL to run jobs inside the API' });
    }
    if (env.S3_BUCKET) {
      for (const key of ['S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const) {
        if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'is required when S3_BUCKET is set' });
      }
    } else if (env.S3_ENDPOINT || env.S3_ACCESS_KEY_ID || env.S3_SECRET_ACCESS_KEY) {
      // Otherwise files would quietly stay on local disk.
      ctx.addIssue({ code: 'custom', path: ['S3_BUCKET'], message: 'is required when S3_ENDPOINT or the S3 keys are set' });
    }
    // Half a billing set-up would take money without ever hearing that it was paid.
    if (env.STRIPE_SECRET_KEY) {
      if (!env.STRIPE_WEBHOOK_SECRET) ctx.addIssue({ code: 'custom', path: ['STRIPE_WEBHOOK_SECRET'], message: 'is required when STRIPE_SECRET_KEY is set' });
      if (!env.STRIPE_PRICE_PRO && !env.STRIPE_PRICE_TEAM) ctx.addIssue({ code: 'custom', path: ['STRIPE_PRICE_PRO'], message: 'or STRIPE_PRICE_TEAM is required when STRIPE_SECRET_KEY is set' });
    } else if (env.STRIPE_WEBHOOK_SECRET || env.STRIPE_PRICE_PRO || env.STRIPE_PRICE_TEAM) {
      ctx.addIssue({ code: 'custom', path: ['STRIPE_SECRET_KEY'], message: 'is required when the other STRIPE_ settings are set' });
    }
  });

export type Env = z.infer<typeof ZEnv>;

export interface Config {
  env: Env['NODE_ENV'];
  host: string;
  port: number;
  appOrigin: string;
  /** How many proxy hops in front of the API set X-Forwarded-For (0: none, trust nothing). */
  trustProxy: number;
  logLevel: Env['LOG_LEVEL'];
  dataDir: string;
  database: { url: string | undefined; poolMax: number };
  redisUrl: string | undefined;
  /** Namespace for every Redis key (queues, rate limits, socket.io), so deployments can share a server. */
  redisPrefix: string;
  llm: {
    mode: 'openai' | 'compatible' | 'offline';
    baseUrl: string | undefined;
    apiKey: string | undefined;
    model: string | undefined;
    embeddingModel: string | undefined;
    embeddingDimensions: number;
    /** Bound on one call (one try). */
    timeoutMs: number;
    /** Bound on one chat reply, every try included; then the offline answer. */
    chatDeadlineMs: number;
    /** Bound on one CV step (job analysis, drafting), every try included; then the offline step. */
    stepDeadlineMs: number;
    maxTokens: number;
  };
  mail: { smtpUrl: string | undefined; from: string };
  chromiumPath: string | undefined;
  dataEncryptionKey: string | undefined;
  jobs: { stuckAfterMs: number; sweepIntervalMs: number };
  erasureGraceDays: number;
  /** Undefined: files on local disk under DATA_DIR/files (the embedded default). */
  s3: { endpoint: string | undefined; bucket: string; region: string; accessKeyId: string; secretAccessKey: string; forcePathStyle: boolean } | undefined;
  /** Undefined: no billing; plans are assigned by platform admins (the embedded default). */
  stripe: StripeConfig | undefined;
}

export interface StripeConfig {
  secretKey: string;
  webhookSecret: string;
  /** The Stripe price of each plan that can be bought (plan id -> price id). */
  prices: Partial<Record<'pro' | 'team', string>>;
  api: { protocol: 'http' | 'https'; host: string; port: number } | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ZEnv.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'} ${issue.message}`));
  }
  const env = parsed.data;
  const llmMode = env.LLM_BASE_URL ? 'compatible' : env.OPENAI_API_KEY ? 'openai' : 'offline';
  return {
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    appOrigin: (env.APP_ORIGIN ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
    trustProxy: env.TRUST_PROXY === 'true' ? 1 : env.TRUST_PROXY === 'false' ? 0 : env.TRUST_PROXY,
    logLevel: env.LOG_LEVEL,
    dataDir: path.resolve(env.DATA_DIR),
    database: { url: env.DATABASE_URL, poolMax: env.DATABASE_POOL_MAX },
    redisUrl: env.REDIS_URL,
    redisPrefix: env.REDIS_PREFIX,
    llm: {
      mode: llmMode,
      baseUrl: env.LLM_BASE_URL,
      apiKey: env.LLM_API_KEY ?? env.OPENAI_API_KEY,
      model: env.LLM_MODEL,
      embeddingModel: env.EMBEDDING_MODEL,
      embeddingDimensions: env.EMBEDDING_DIMENSIONS,
      timeoutMs: env.LLM_TIMEOUT_MS,
      chatDeadlineMs: env.LLM_CHAT_DEADLINE_MS,
      stepDeadlineMs: env.LLM_STEP_DEADLINE_MS,
      maxTokens: env.LLM_MAX_TOKENS,
    },
    mail: { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM },
    chromiumPath: env.CHROMIUM_PATH,
    dataEncryptionKey: env.DATA_ENCRYPTION_KEY,
    jobs: { stuckAfterMs: env.JOB_STUCK_AFTER_SECONDS * 1000, sweepIntervalMs: env.JOB_SWEEP_INTERVAL_SECONDS * 1000 },
    erasureGraceDays: env.ERASURE_GRACE_DAYS,
    s3:
      env.S3_BUCKET && env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
        ? {
            endpoint: env.S3_ENDPOINT,
            bucket: env.S3_BUCKET,
            region: env.S3_REGION,
            accessKeyId: env.S3_ACCESS_KEY_ID,
            secretAccessKey: env.S3_SECRET_ACCESS_KEY,
            forcePathStyle: env.S3_FORCE_PATH_STYLE === 'true',
          }
        : undefined,
    stripe: env.STRIPE_SECRET_KEY
      ? {
          secretKey: env.STRIPE_SECRET_KEY,
          webhookSecret: env.STRIPE_WEBHOOK_SECRET!,
          prices: { ...(env.STRIPE_PRICE_PRO ? { pro: env.STRIPE_PRICE_PRO } : {}), ...(env.STRIPE_PRICE_TEAM ? { team: env.STRIPE_PRICE_TEAM } : {}) },
          api: env.STRIPE_API_URL
            ? (() => {
                const url = new URL(env.STRIPE_API_URL);
                const protocol = url.protocol === 'http:' ? 'http' : 'https';
                return { protocol, host: url.hostname, port: Number(url.port || (protocol === 'http' ? 80 : 443)) };
              })()
            : undefined,
        }
      : undefined,
  };
}

/** Loads `.env` from the working directory when present, without overriding the real environment. */
export function loadDotEnvFile(file = '.env'): void {
  try {
    process.loadEnvFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

/** Entry points: load `.env`, parse, and stop with a message naming the variable (exit 1). */
export function loadConfigOrExit(): Config {
  loadDotEnvFile();
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}

/** Every variable Medfolio reads (the README's table and .env.example are checked against it). */
export const ENV_VARIABLES = Object.keys(ZEnv.shape) as Array<keyof Env>;
