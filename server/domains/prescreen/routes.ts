import { z } from 'zod';
import { defineRoute } from '../../platform/http/route.ts';
import type { Db } from '../../platform/db/database.ts';
import { ZFindingComment, ZFindingCommentParams, ZFindingCommentRequest, ZPrescreen, ZPrescreenQuery } from './schema.ts';
import { prescreen } from './service.ts';
import { deleteFindingComment, setFindingComment } from './comments.ts';

export function prescreenRoutes(deps: { db: Db }) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/prescreen',
      summary: 'Pre-screening: gaps, overlaps, expired and expiring items, unverified posts, and what a role usually needs (advice, not a decision)',
      tags: ['record'],
      auth: 'user',
      query: ZPrescreenQuery,
      response: ZPrescreen,
      handler: ({ user, query, now }) => prescreen(deps.db, user.id, query, now),
    }),
    defineRoute({
      method: 'put',
      path: '/api/prescreen/findings/:findingId/comment',
      summary: 'Comment on a finding (explain or object to it); shown with the finding from then on',
      tags: ['record'],
      auth: 'user',
      params: ZFindingCommentParams,
      body: ZFindingCommentRequest,
      response: ZFindingComment,
      handler: ({ user, params, body, requestId, now }) => setFindingComment(deps.db, user.id, params.findingId, body.comment, { requestId, now }),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/prescreen/findings/:findingId/comment',
      summary: 'Remove your comment on a finding',
      tags: ['record'],
      auth: 'user',
      params: ZFindingCommentParams,
      status: 204,
      response: z.void(),
      handler: ({ user, params, requestId, now }) => deleteFindingComment(deps.db, user.id, params.findingId, { requestId, now }),
    }),
  ];
}
