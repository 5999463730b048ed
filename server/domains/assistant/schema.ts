import { z } from 'zod';

/** socket.io `/assistant`: the client emits `message`; the server emits `token`, `done`, `error`. */
export const ZChatMessage = z.object({
  conversationId: z.uuid().optional(),
  text: z.string().trim().min(1, 'is empty').max(30_000),
});
export type ChatMessageInput = z.infer<typeof ZChatMessage>;

export const ZStoredMessage = z.object({
  id: z.uuid(),
  role: z.enum(['user', 'assistant']),
  content: z.string().describe('As stored: redacted, with people as [PERSON_n]'),
  cvRequestId: z.uuid().nullable(),
  createdAt: z.string(),
});
export const ZConversation = z.object({ id: z.uuid(), title: z.string(), createdAt: z.string(), updatedAt: z.string() });
export const ZConversationList = z.object({ conversations: z.array(ZConversation) });
export const ZConversationDetail = ZConversation.extend({ messages: z.array(ZStoredMessage) });
