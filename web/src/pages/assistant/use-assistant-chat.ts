import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import type { ZConversationDetail, ZConversationList } from '../../../../server/domains/assistant/schema.ts';
import { ApiError, api } from '../../lib/api.ts';
import { useSocket } from '../../lib/socket.ts';

export type ConversationList = z.infer<typeof ZConversationList>;
export type ConversationDetail = z.infer<typeof ZConversationDetail>;
export type ChatMessage = ConversationDetail['messages'][number];

export const conversationKeys = {
  list: ['conversations', 'list'] as const,
  one: (id: string) => ['conversations', 'one', id] as const,
};

export function useConversations() {
  return useQuery({ queryKey: conversationKeys.list, queryFn: ({ signal }) => api.get<ConversationList>('/api/conversations', { signal }) });
}

export function useConversation(id: string | undefined) {
  return useQuery({
    queryKey: conversationKeys.one(id ?? 'new'),
    queryFn: ({ signal }) => api.get<ConversationDetail>(`/api/conversations/${id}`, { signal }),
    enabled: Boolean(id),
  });
}

const STATUS_OF: Record<string, number> = {
  QUOTA_EXCEEDED: 429,
  RATE_LIMITED: 429,
  PROCESSING_RESTRICTED: 403,
  VALIDATION: 422,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNAUTHENTICATED: 401,
  LLM_UNAVAILABLE: 503,
  SERVICE_UNAVAILABLE: 503,
};

/** The socket's `error` {code, message, details} as an ApiError, so it is explained like any other. */
export function socketError(payload: { code?: unknown; message?: unknown; details?: unknown }): ApiError {
  const code = typeof payload.code === 'string' ? payload.code : 'INTERNAL';
  const message = typeof payload.message === 'string' ? payload.message : 'The assistant could not answer just now. Please try again.';
  const details = typeof payload.details === 'object' && payload.details !== null ? (payload.details as Record<string, unknown>) : {};
  return new ApiError(STATUS_OF[code] ?? 500, code, message, details);
}

export interface PendingTurn {
  /** What the clinician sent (shown at once, before the server stores it). */
  text: string;
  /** The reply so far, token by token. */
  reply: string;
  conversationId: string | undefined;
}

interface DonePayload {
  conversationId: string;
  messageId: string;
  cvRequestId: string | null;
}

export interface UseAssistantChat {
  pending: PendingTurn | undefined;
  error: ApiError | undefined;
  /** Turns finished in this session (shown until the stored conversation is refetched). */
  finished: Array<{ text: string; reply: string; conversationId: string; cvRequestId: string | null; messageId: string }>;
  connection: 'connecting' | 'connected' | 'disconnected';
  send: (text: string) => boolean;
  clearError: () => void;
  /** The text of the last turn that failed, so the composer can give it back. */
  unsent: string | undefined;
}

/**
 * The chat over socket.io `/assistant`: `message` out; `token`s in, then `done` or `error`.
 * One turn at a time (the server refuses a second one anyway).
 */
export function useAssistantChat(options: { conversationId: string | undefined; onDone: (done: DonePayload) => void }): UseAssistantChat {
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<PendingTurn | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const [finished, setFinished] = useState<UseAssistantChat['finished']>([]);
  const [unsent, setUnsent] = useState<string | undefined>();
  const pendingRef = useRef<PendingTurn | undefined>(undefined);
  const onDoneRef = useRef(options.onDone);
  useEffect(() => {
    onDoneRef.current = options.onDone;
  });
  const update = (next: PendingTurn | undefined) => {
    pendingRef.current = next;
    setPending(next);
  };

  const { state, socket } = useSocket(
    '/assistant',
    {
      token: (payload: { conversationId?: string; text?: string }) => {
        const turn = pendingRef.current;
        if (!turn || typeof payload.text !== 'string') return;
        // A new conversation's tokens carry no id yet; an existing one's must match.
        if (payload.conversationId && turn.conversationId && payload.conversationId !== turn.conversationId) return;
        update({ ...turn, reply: turn.reply + payload.text });
      },
      done: (payload: DonePayload) => {
        const turn = pendingRef.current;
        if (!turn) return;
        update(undefined);
        setFinished((prev) => [...prev, { text: turn.text, reply: turn.reply, conversationId: payload.conversationId, cvRequestId: payload.cvRequestId, messageId: payload.messageId }]);
        void queryClient.invalidateQueries({ queryKey: conversationKeys.list });
        void queryClient.invalidateQueries({ queryKey: conversationKeys.one(payload.conversationId) });
        onDoneRef.current(payload);
      },
      error: (payload: { code?: unknown; message?: unknown; details?: unknown }) => {
        // The refused message goes back to the composer rather than vanishing.
        if (pendingRef.current) setUnsent(pendingRef.current.text);
        update(undefined);
        setError(socketError(payload ?? {}));
      },
      disconnect: () => {
        // A reply cut off by a lost connection will not resume: say so rather than wait forever.
        if (pendingRef.current) {
          setUnsent(pendingRef.current.text);
          update(undefined);
          setError(new ApiError(0, 'NETWORK', 'The connection was lost before the reply finished. Check the conversation and send again if needed.'));
        }
      },
    },
    {},
  );

  const send = useCallback(
    (text: string) => {
      if (!socket || pendingRef.current) return false;
      setError(undefined);
      setUnsent(undefined);
      update({ text, reply: '', conversationId: options.conversationId });
      socket.emit('message', { ...(options.conversationId ? { conversationId: options.conversationId } : {}), text });
      return true;
    },
    [socket, options.conversationId],
  );

  // Another conversation: forget this one's session turns.
  useEffect(() => {
    setFinished((prev) => prev.filter((f) => f.conversationId === options.conversationId));
  }, [options.conversationId]);

  return { pending, error, finished, connection: state, send, clearError: () => setError(undefined), unsent };
}
