import type { Server as HttpServer } from 'node:http';
import { Server as SocketServer, type Socket } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import { createRedisClient } from '../platform/redis.ts';
import type { AuthenticatedUser } from '../platform/http/route.ts';
import type { Logger } from '../platform/logger.ts';

/**
 * socket.io on the API's HTTP server. With Redis configured, rooms span every API instance
 * (and workers can emit through Redis), so a user's events reach them wherever they connected.
 * Each authenticated socket joins the room `user:<id>`.
 */
export interface Realtime {
  io: SocketServer;
  authenticate: SocketAuthenticator;
  emitToUser(userId: string, event: string, payload: unknown): void;
  close(): Promise<void>;
}

export type SocketAuthenticator = (socket: Socket) => Promise<AuthenticatedUser | undefined>;

export const userRoom = (userId: string) => `user:${userId}`;

/** Refuses a socket without a valid session; an accepted one joins its user's room. */
export function socketAuth(authenticate: SocketAuthenticator) {
  return (socket: Socket, next: (err?: Error) => void) => {
    authenticate(socket)
      .then((user) => {
        if (!user) return next(new Error('UNAUTHENTICATED'));
        socket.data.user = user;
        void socket.join(userRoom(user.id));
        next();
      })
      .catch(() => next(new Error('UNAUTHENTICATED')));
  };
}

export function attachRealtime(
  httpServer: HttpServer,
  options: { redisUrl: string | undefined; redisPrefix?: string; appOrigin: string; authenticate: SocketAuthenticator; logger: Logger },
): Realtime {
  const io = new SocketServer(httpServer, {
    cors: { origin: options.appOrigin, credentials: true },
    serveClient: false,
  });
  const redisClients: Redis[] = [];
  if (options.redisUrl) {
    // Background connections: the adapter's subscription must survive an outage and resume.
    const pub = createRedisClient(options.redisUrl, 'background', options.logger, 'socket.io adapter');
    const sub = createRedisClient(options.redisUrl, 'background', options.logger, 'socket.io adapter (subscriber)');
    redisClients.push(pub, sub);
    io.adapter(createAdapter(pub, sub, { key: `${options.redisPrefix ?? 'medfolio'}:socket.io` }));
  }
  io.use(socketAuth(options.authenticate));
  return {
    io,
    authenticate: options.authenticate,
    emitToUser(userId, event, payload) {
      io.to(userRoom(userId)).emit(event, payload);
    },
    async close() {
      await io.close();
      for (const client of redisClients) client.disconnect();
    },
  };
}
