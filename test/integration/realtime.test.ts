import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { attachRealtime, type Realtime, type SocketAuthenticator } from '../../server/adapters/realtime.ts';
import { createLogger } from '../../server/platform/logger.ts';
import { hasService, serviceEnv } from '../support/env.ts';

const logger = createLogger({ level: 'silent' });
// Stands in for the session lookup of the accounts domain: a known token maps to a user.
const authenticate: SocketAuthenticator = async (socket) => {
  const token = (socket.handshake.auth as { token?: string }).token;
  return token === 'good-token' ? { id: 'user-1', role: 'clinician', sessionId: 's1' } : undefined;
};

const opened: Array<{ server: http.Server; realtime: Realtime }> = [];
const clients: ClientSocket[] = [];
afterAll(async () => {
  for (const c of clients) c.close();
  for (const { realtime } of opened) await realtime.close();
});

async function startInstance(redisUrl: string | undefined) {
  const server = http.createServer();
  const realtime = attachRealtime(server, { redisUrl, appOrigin: 'http://localhost', authenticate, logger });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  opened.push({ server, realtime });
  return { realtime, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function client(url: string, token?: string) {
  const socket = connect(url, { auth: token ? { token } : {}, transports: ['websocket'], reconnection: false });
  clients.push(socket);
  return socket;
}

describe('socket.io', () => {
  it('refuses a connection without valid credentials', async () => {
    const { url } = await startInstance(undefined);
    const socket = client(url, 'stolen-token');
    const error = await new Promise<Error>((resolve) => socket.on('connect_error', resolve));
    expect(error.message).toBe('UNAUTHENTICATED');
    expect(socket.connected).toBe(false);
  });

  it('delivers events to the user room of an authenticated socket', async () => {
    const { url, realtime } = await startInstance(undefined);
    const socket = client(url, 'good-token');
    await new Promise<void>((resolve) => socket.on('connect', resolve));
    const received = new Promise((resolve) => socket.on('cv:progress', resolve));
    realtime.emitToUser('user-1', 'cv:progress', { id: 'cv-1', stage: 'drafting' });
    expect(await received).toEqual({ id: 'cv-1', stage: 'drafting' });
  });

  it.skipIf(!hasService(Boolean(serviceEnv.redisUrl), 'Redis (REDIS_URL)'))('reaches a user connected to another instance through the Redis adapter', async () => {
    const a = await startInstance(serviceEnv.redisUrl);
    const b = await startInstance(serviceEnv.redisUrl);
    const socket = client(a.url, 'good-token');
    await new Promise<void>((resolve) => socket.on('connect', resolve));
    const received = new Promise((resolve) => socket.on('timecard:updated', resolve));
    // Give the adapter's subscription a moment to be active on both instances.
    await new Promise((resolve) => setTimeout(resolve, 200));
    b.realtime.emitToUser('user-1', 'timecard:updated', { id: 't-1' });
    expect(await received).toEqual({ id: 't-1' });
  });
});
