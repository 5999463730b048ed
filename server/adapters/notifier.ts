import { Emitter } from '@socket.io/redis-emitter';
import { createRedisClient } from '../platform/redis.ts';
import type { Logger } from '../platform/logger.ts';
import type { Realtime } from './realtime.ts';
import { userRoom } from './realtime.ts';

/**
 * How services tell a user's open tabs that something changed, from any process. With Redis,
 * events go through the socket.io Redis emitter, so a worker on another machine reaches the
 * user wherever they are connected. Without Redis everything runs in one process and events go
 * straight to the local socket.io server once it is attached.
 */
export interface Notifier {
  notify(userId: string, event: string, payload: unknown): void;
  /** Embedded mode: the API process hands over its socket.io server when it starts. */
  attachLocal(realtime: Realtime): void;
  close(): void;
}

export function createNotifier(options: { redisUrl: string | undefined; redisPrefix: string; logger: Logger }): Notifier {
  if (options.redisUrl) {
    const client = createRedisClient(options.redisUrl, 'request', options.logger, 'live updates');
    // Best effort: a lost progress event is not lost work (the page reads the row again). The
    // emitter ignores what publish returns, so its failure is caught here, or it would surface
    // as an unhandled rejection for every event sent while Redis is down.
    const publisher = { publish: (channel: string, message: string | Buffer) => client.publish(channel, message).catch(() => 0) };
    const emitter = new Emitter(publisher, { key: `${options.redisPrefix}:socket.io` });
    return {
      notify: (userId, event, payload) => void emitter.to(userRoom(userId)).emit(event, payload),
      attachLocal: () => {},
      close: () => client.disconnect(),
    };
  }
  let local: Realtime | undefined;
  return {
    notify: (userId, event, payload) => local?.emitToUser(userId, event, payload),
    attachLocal: (realtime) => {
      local = realtime;
    },
    close: () => {},
  };
}
