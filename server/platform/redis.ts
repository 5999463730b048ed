import { Redis } from 'ioredis';
import type { Logger } from './logger.ts';

/**
 * The two kinds of Redis connection (docs/ARCHITECTURE.md, Failure policy).
 *
 * - `request`: used while someone waits (rate limits, job dispatch, progress events). A command
 *   fails at once while the connection is down (no offline queue) and after
 *   `REDIS_COMMAND_TIMEOUT_MS` when Redis is connected but silent; the caller then falls back
 *   (rate limits to Postgres, dispatch to the sweeper, events are dropped).
 * - `background`: BullMQ's blocking worker connections and socket.io's adapter, which must
 *   wait for Redis to come back rather than fail (BullMQ requires `maxRetriesPerRequest: null`).
 *
 * Every client gets an 'error' listener: an 'error' event with no listener would end the process.
 */
export const REDIS_COMMAND_TIMEOUT_MS = 1_000;

export type RedisRole = 'request' | 'background';

export function redisOptions(role: RedisRole) {
  return role === 'request'
    ? { maxRetriesPerRequest: 1, enableOfflineQueue: false, commandTimeout: REDIS_COMMAND_TIMEOUT_MS, connectTimeout: 5_000 }
    : { maxRetriesPerRequest: null, connectTimeout: 5_000 };
}

export function createRedisClient(url: string, role: RedisRole, logger: Logger, purpose: string): Redis {
  const client = new Redis(url, redisOptions(role));
  listenForErrors(client, logger, purpose);
  return client;
}

/**
 * Logs a client's connection errors once per outage instead of once per reconnection attempt.
 * The message is a driver's (a host and port at most), never data.
 */
export function listenForErrors(client: Redis, logger: Logger, purpose: string): void {
  let reported = false;
  client.on('error', (err: Error) => {
    if (reported) return;
    reported = true;
    logger.warn({ err: err.message, purpose }, 'redis connection error');
  });
  client.on('ready', () => {
    if (reported) logger.info({ purpose }, 'redis connection restored');
    reported = false;
  });
}

/**
 * A warning logged at most once a minute per `key`: a client that retries every second during
 * an outage would otherwise write a line per attempt per queue.
 */
export function createThrottledWarning(logger: Logger, everyMs = 60_000) {
  const last = new Map<string, number>();
  return (key: string, fields: Record<string, unknown>, message: string) => {
    const at = Date.now();
    if (at - (last.get(key) ?? -Infinity) < everyMs) return;
    last.set(key, at);
    logger.warn(fields, message);
  };
}
