import { Emitter } from '@socket.io/redis-emitter';
import { Redis } from 'ioredis';
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

export function createNotifier(options: { redisUrl: string | undefined; redisPrefix: string }): Notifier {
  if (options.redisUrl) {
    const client = new Redis(options.redisUrl, { maxRetriesPerRequest: 2 });
    client.on('error', () => {}); // best effort: a lost progress event is not lost work
    const emitter = new Emitter(client, { key: `${options.redisPrefix}:socket.io` });
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
