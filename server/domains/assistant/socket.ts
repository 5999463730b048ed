import type { Server as SocketServer } from 'socket.io';
import { isAppError } from '../../platform/errors.ts';
import { socketAuth, type SocketAuthenticator } from '../../adapters/realtime.ts';
import type { AuthenticatedUser } from '../../platform/http/route.ts';
import type { Limiter } from '../../platform/rate-limit.ts';
import { ZChatMessage } from './schema.ts';
import { handleChatMessage, type AssistantDeps } from './service.ts';

/**
 * socket.io namespace `/assistant`. Client: `message` {conversationId?, text}. Server: `token`
 * {conversationId, text} while replying, then `done` {conversationId, messageId, cvRequestId,
 * usage}, or `error` {code, message, details}. One turn at a time per socket.
 */
export function attachAssistant(io: SocketServer, authenticate: SocketAuthenticator, deps: AssistantDeps & { messagesPerUser: Limiter }) {
  const nsp = io.of('/assistant');
  nsp.use(socketAuth(authenticate));
  nsp.on('connection', (socket) => {
    const user = socket.data.user as AuthenticatedUser;
    let busy = false;
    socket.on('message', async (raw: unknown) => {
      const parsed = ZChatMessage.safeParse(raw);
      if (!parsed.success) {
        socket.emit('error', { code: 'VALIDATION', message: 'The message is not valid', details: { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) } });
        return;
      }
      if (busy) {
        socket.emit('error', { code: 'CONFLICT', message: 'Wait for the reply to your last message' });
        return;
      }
      busy = true;
      let conversationId = parsed.data.conversationId;
      try {
        // The session is checked again for every message, not only at connection: a socket
        // opened before sign-out, a revoked session or an erasure request must stop working.
        // The rate limit is counted meanwhile (the clinician waits on both); a dead session
        // answers as such even when the limit is also reached.
        const [current, admitted] = await Promise.allSettled([authenticate(socket), deps.messagesPerUser.consume(user.id)]);
        if (current.status === 'rejected' || current.value?.id !== user.id) {
          socket.emit('error', { code: 'UNAUTHENTICATED', message: 'Please sign in again' });
          socket.disconnect(true);
          return;
        }
        if (admitted.status === 'rejected') throw admitted.reason;
        const sink = {
          // A new conversation's id is known before the first token: every token carries it.
          conversation: (id: string) => void (conversationId = id),
          token: (text: string) => void socket.emit('token', { conversationId, text }),
        };
        const result = await handleChatMessage(deps, user, parsed.data, sink, new Date());
        conversationId = result.conversationId;
        socket.emit('done', result);
      } catch (err) {
        if (isAppError(err)) socket.emit('error', { code: err.code, message: err.message, details: err.details });
        else {
          // Never the message text: only the failure's kind.
          deps.logger.error({ err: err instanceof Error ? err.name : 'unknown', userId: user.id }, 'assistant turn failed');
          // Whatever failed (a store, a provider), the person is told plainly and can retry.
          socket.emit('error', {
            code: err instanceof Error && err.name === 'LlmError' ? 'LLM_UNAVAILABLE' : 'SERVICE_UNAVAILABLE',
            message: 'The assistant is unavailable just now. Please try again in a minute.',
          });
        }
      } finally {
        busy = false;
      }
    });
  });
  return nsp;
}
