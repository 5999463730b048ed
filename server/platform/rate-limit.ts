import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { Redis } from 'ioredis';
import { RateLimiterPostgres, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppError } from './errors.ts';
import type { Logger } from './logger.ts';
import { createCircuit } from './deadline.ts';

/**
 * Rate limits shared by every API instance: in Redis when configured, otherwise in the
 * `rate_limits` table (never per-process memory). Keys are hashed, so no email address or IP
 * sits in the store.
 *
 * When Redis is configured but unreachable (down, or connected and silent), the same limits are
 * kept in the `rate_limits` table instead (docs/ARCHITECTURE.md, Failure policy). Falling back,
 * rather than refusing with 503, keeps sign-in, sign-up and the recruiter's and referee's pages
 * working through a Redis outage while every limit still holds: Postgres is the store the
 * embedded mode uses, and it is up whenever the request could do anything useful at all. The
 * price is that counts made in Redis before the outage are not carried over, so an attacker
 * gains at most one window's worth of attempts per outage. A store that fails entirely (Postgres
 * too) still refuses the request.
 */
export type RateLimitStore = { kind: 'redis'; client: Redis; prefix: string; fallback: pg.Pool; logger: Logger } | { kind: 'postgres'; pool: pg.Pool };

export interface LimitPolicy {
  points: number;
  durationSeconds: number;
  /** Once exhausted, refuse for this long (a lockout), instead of until the window ends. */
  blockSeconds?: number;
  message: string;
}

export interface LimitState {
  /** Attempts left in this window (0 when refused). */
  remaining: number;
  /** Milliseconds until the window (or the block) ends. */
  msBeforeNext: number;
}

export interface Hit {
  allowed: boolean;
  /** Points counted in this window, this one included (past `points` once refused). */
  consumed: number;
  msBeforeNext: number;
}

export interface Limiter {
  /** Counts one attempt; throws RATE_LIMITED with the retry time when over the limit. */
  consume(key: string, points?: number): Promise<Hit>;
  /** Counts one attempt and says whether it was within the limit, without throwing. */
  hit(key: string, points?: number): Promise<Hit>;
  /** Throws RATE_LIMITED if the key is currently locked out, without counting an attempt. */
  assertNotBlocked(key: string): Promise<void>;
  /** The key's state, without counting an attempt (undefined when it has none). */
  peek(key: string): Promise<LimitState | undefined>;
  /** Refuses the key for `seconds` from now, whatever its count (a lockout with backoff). */
  block(key: string, seconds: number): Promise<void>;
  reset(key: string): Promise<void>;
}

/** After a Redis failure, go straight to Postgres for this long instead of waiting on Redis again. */
export const REDIS_RETRY_AFTER_MS = 5_000;

const hashKey = (key: string) => createHash('sha256').update(key).digest('base64url').slice(0, 32);

export function createLimiterFactory(store: RateLimitStore) {
  const redisCircuit = createCircuit(REDIS_RETRY_AFTER_MS);
  /** Runs `op` on Redis, or on Postgres while Redis is failing. A refusal is an answer, not a failure. */
  async function onStore<T>(redis: RateLimiterAbstract | undefined, postgres: RateLimiterAbstract, op: (l: RateLimiterAbstract) => Promise<T>): Promise<T> {
    if (!redis || store.kind !== 'redis' || redisCircuit.isOpen()) return op(postgres);
    try {
      const result = await op(redis);
      if (redisCircuit.succeeded()) store.logger.info('rate limits are back in Redis');
      return result;
    } catch (err) {
      if (err instanceof RateLimiterRes) {
        redisCircuit.succeeded();
        throw err;
      }
      if (redisCircuit.trip()) store.logger.warn({ err: err instanceof Error ? err.name : 'unknown' }, 'rate limits are kept in Postgres while Redis is unreachable');
      return op(postgres);
    }
  }

  return function createLimiter(name: string, policy: LimitPolicy): Limiter {
    const common = { points: policy.points, duration: policy.durationSeconds, blockDuration: policy.blockSeconds ?? 0 };
    const postgres = new RateLimiterPostgres({
      ...common,
      keyPrefix: name,
      storeClient: store.kind === 'redis' ? store.fallback : store.pool,
      storeType: 'pool',
      tableName: 'rate_limits',
      tableCreated: true,
      clearExpiredByTimeout: false,
    });
    const redis = store.kind === 'redis' ? new RateLimiterRedis({ ...common, keyPrefix: `${store.prefix}:rl:${name}`, storeClient: store.client, rejectIfRedisNotReady: true }) : undefined;
    const run = <T>(op: (l: RateLimiterAbstract) => Promise<T>) => onStore(redis, postgres, op);
    const refuse = (res: RateLimiterRes) => new AppError('RATE_LIMITED', policy.message, { retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) });
    const state = (res: RateLimiterRes | null): LimitState | undefined => (res ? { remaining: Math.max(0, res.remainingPoints), msBeforeNext: Math.max(0, res.msBeforeNext) } : undefined);
    const hit = async (key: string, points = 1): Promise<Hit> => {
      try {
        const res = await run((l) => l.consume(hashKey(key), points));
        return { allowed: true, consumed: res.consumedPoints, msBeforeNext: res.msBeforeNext };
      } catch (err) {
        if (err instanceof RateLimiterRes) return { allowed: false, consumed: err.consumedPoints, msBeforeNext: err.msBeforeNext };
        throw err; // every store failed: refuse rather than let the request through unlimited
      }
    };
    return {
      hit,
      async consume(key, points = 1) {
        const result = await hit(key, points);
        if (!result.allowed) throw new AppError('RATE_LIMITED', policy.message, { retryAfterSeconds: Math.max(1, Math.ceil(result.msBeforeNext / 1000)) });
        return result;
      },
      async assertNotBlocked(key) {
        const res = await run((l) => l.get(hashKey(key)));
        if (res && res.remainingPoints <= 0 && res.msBeforeNext > 0) throw refuse(res);
      },
      peek: async (key) => state(await run((l) => l.get(hashKey(key)))),
      async block(key, seconds) {
        await run((l) => l.block(hashKey(key), seconds));
      },
      async reset(key) {
        // Both stores: a count kept in Postgres during an outage must not outlive a reset.
        await run((l) => l.delete(hashKey(key)));
        if (redis) await postgres.delete(hashKey(key));
      },
    };
  };
}

export type CreateLimiter = ReturnType<typeof createLimiterFactory>;
