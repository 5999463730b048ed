import { defineRoute } from '../../platform/http/route.ts';
import type { Db } from '../../platform/db/database.ts';
import { ZAuditPage, ZAuditQuery, ZAuditVerification } from './schema.ts';
import { listTimeline, verifyChain } from './service.ts';

export function auditRoutes(deps: { db: Db }) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/audit',
      summary: 'Your audit timeline, newest first',
      tags: ['audit'],
      auth: 'user',
      query: ZAuditQuery,
      response: ZAuditPage,
      handler: ({ user, query }) => listTimeline(deps.db, user.id, query),
    }),
    defineRoute({
      method: 'get',
      path: '/api/audit/verify',
      summary: 'Recompute your audit chain and report the first broken link',
      tags: ['audit'],
      auth: 'user',
      response: ZAuditVerification,
      handler: ({ user }) => verifyChain(deps.db, user.id, { mustExist: true }),
    }),
  ];
}
