import { defineRoute } from '../../platform/http/route.ts';
import type { DbOrTx } from '../../platform/db/transaction.ts';
import { ZPrescreen, ZPrescreenQuery } from './schema.ts';
import { prescreen } from './service.ts';

export function prescreenRoutes(deps: { db: DbOrTx }) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/prescreen',
      summary: 'Pre-screening: gaps, overlaps, expired and expiring items, unverified posts, and what a role usually needs (advice, not a decision)',
      tags: ['record'],
      auth: 'user',
      query: ZPrescreenQuery,
      response: ZPrescreen,
      handler: ({ user, query, now }) => prescreen(deps.db, user!.id, query, now),
    }),
  ];
}
