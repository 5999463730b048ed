import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { Redis } from 'ioredis';
import { RateLimiterPostgres, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppError } from './errors.ts';

/**
 * Rate limits shared by every API instance: in Redis when configured, otherwise in the
 * `rate_limits` table (never per-process memory). Keys are hashed, so no email address or IP
 * sits in the store.
 */
export type RateLimitStore = { kind: 'redis'; client: Redis; prefix: string } | { kind: 'postgres'; pool: pg.Pool };

export interface LimitPolicy {
  points: number;
  durationSeconds: number;
  /** Once exhausted, refuse for this long (a lockout), instead of until the window ends. */
  blockSeconds?: number;
  message: string;
}

export interface Limiter {
  /** Counts one attempt; throws RATE_LIMITED with the retry time when over the limit. */
  consume(key: string, points?: number): Promise<void>;
  /** Throws RATE_LIMITED if the key is currently locked out, without counting an attempt. */
  assertNotBlocked(key: string): Promise<void>;
  reset(key: string): Promise<void>;
}

const hashKey = (key: string) => createHash('sha256').update(key).digest('base64url').slice(0, 32);

export function createLimiterFactory(store: RateLimitStore) {
  return function createLimiter(name: string, policy: LimitPolicy): Limiter {
    const common = {
      keyPrefix: store.kind === 'redis' ? `${store.prefix}:rl:${name}` : name,
      points: policy.points,
      duration: policy.durationSeconds,
      blockDuration: policy.blockSeconds ?? 0,
    };
    const limiter: RateLimiterAbstract =
      store.kind === 'redis'
        ? new RateLimiterRedis({ ...common, storeClient: store.client })
        : new RateLimiterPostgres({
            ...common,
            storeClient: store.pool,
            storeType: 'pool',
            tableName: 'rate_limits',
            tableCreated: true,
            clearExpiredByTimeout: false,
          });
    const refuse = (res: RateLimiterRes) =>
      new AppError('RATE_LIMITED', policy.message, { retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) });
    return {
      async consume(key, points = 1) {
        try {
          await limiter.consume(hashKey(key), points);
        } catch (err) {
          if (err instanceof RateLimiterRes) throw refuse(err);
          throw err; // the store failed: refuse rather than let the request through unlimited
        }
      },
      async assertNotBlocked(key) {
        const res = await limiter.get(hashKey(key));
        if (res && res.remainingPoints <= 0 && res.msBeforeNext > 0) throw refuse(res);
      },
      async reset(key) {
        await limiter.delete(hashKey(key));
      },
    };
  };
}

export type CreateLimiter = ReturnType<typeof createLimiterFactory>;
