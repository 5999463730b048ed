import { z } from 'zod';
import { defineRoute } from '../../platform/http/route.ts';
import type { DbOrTx } from '../../platform/db/transaction.ts';
import { ZIdParams } from '../record/schema.ts';
import { ZConversationDetail, ZConversationList } from './schema.ts';
import { deleteConversation, getConversation, listConversations } from './service.ts';

export function assistantRoutes(deps: { db: DbOrTx }) {
  const tags = ['assistant'];
  return [
    defineRoute({
      method: 'get',
      path: '/api/conversations',
      summary: 'Your conversations with the assistant',
      tags,
      auth: 'user',
      response: ZConversationList,
      handler: async ({ user }) => ({ conversations: await listConversations(deps.db, user.id) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/conversations/:id',
      summary: 'A conversation and its messages, as stored (redacted)',
      tags,
      auth: 'user',
      params: ZIdParams,
      response: ZConversationDetail,
      handler: ({ user, params }) => getConversation(deps.db, user.id, params.id),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/conversations/:id',
      summary: 'Delete a conversation and its messages',
      tags,
      auth: 'user',
      params: ZIdParams,
      status: 204,
      response: z.void(),
      handler: ({ user, params }) => deleteConversation(deps.db, user.id, params.id),
    }),
  ];
}
