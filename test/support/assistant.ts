import { io as connect, type Socket } from 'socket.io-client';
import type { TestApp } from './app.ts';
import type { TestClient } from './client.ts';

/** A signed-in socket on the /assistant namespace. */
export async function assistantSocket(app: TestApp, client: TestClient): Promise<Socket> {
  const socket = connect(`${app.server.url}/assistant`, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie: client.cookieHeader(), origin: app.config.appOrigin } });
  await new Promise<void>((resolve, reject) => {
    socket.on('connect', resolve);
    socket.on('connect_error', reject);
  });
  return socket;
}

/** Sends one message and collects the streamed reply until `done` or `error`. */
export function turn(socket: Socket, message: { conversationId?: string; text: string }) {
  return new Promise<{ tokens: string[]; done?: any; error?: any }>((resolve) => {
    const tokens: string[] = [];
    const onToken = (e: { text: string }) => tokens.push(e.text);
    const finish = (result: { done?: any; error?: any }) => {
      socket.off('token', onToken);
      socket.off('done');
      socket.off('error');
      resolve({ tokens, ...result });
    };
    socket.on('token', onToken);
    socket.once('done', (done) => finish({ done }));
    socket.once('error', (error) => finish({ error }));
    socket.emit('message', message);
  });
}
