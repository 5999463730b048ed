import { z } from 'zod';
import { defineRoute, type AnyRoute } from '../../platform/http/route.ts';
import type { AnyRecordKind } from './kind.ts';
import { RECORD_KINDS } from './kinds.ts';
import { ZCatalogue, ZCatalogueEntry, ZIdParams, ZRecordMeta, ZUpdateCatalogueEntry } from './schema.ts';
import { createRecord, deleteRecord, getRecord, listRecords, updateRecord, type RecordDeps } from './service.ts';
import { listCatalogue, updateCatalogueEntry } from './catalogue-service.ts';

/** List, create, read, update (rectify) and delete for one kind, all owner-scoped. */
function kindRoutes(kind: AnyRecordKind, deps: RecordDeps): AnyRoute[] {
  const ZItem = (kind.fields as z.ZodObject).extend(ZRecordMeta.shape);
  const base = `/api/${kind.path}`;
  const tags = ['record'];
  return [
    defineRoute({
      method: 'get',
      path: base,
      summary: `Your ${kind.label.toLowerCase()} records`,
      tags,
      auth: 'user',
      response: z.object({ items: z.array(ZItem) }),
      handler: async ({ user }) => ({ items: await listRecords(deps, kind, user.id) }),
    }),
    defineRoute({
      method: 'post',
      path: base,
      summary: `Add a ${kind.label.toLowerCase()}`,
      tags,
      auth: 'user',
      body: kind.input,
      status: 201,
      response: ZItem,
      handler: ({ user, body, requestId, now }) => createRecord(deps, kind, user.id, body, { requestId, now }),
    }),
    defineRoute({
      method: 'get',
      path: `${base}/:id`,
      summary: `One ${kind.label.toLowerCase()}`,
      tags,
      auth: 'user',
      params: ZIdParams,
      response: ZItem,
      handler: ({ user, params }) => getRecord(deps, kind, user.id, params.id),
    }),
    defineRoute({
      method: 'patch',
      path: `${base}/:id`,
      summary: `Correct a ${kind.label.toLowerCase()} (the old values stay in your audit trail)`,
      tags,
      auth: 'user',
      params: ZIdParams,
      body: (kind.input as z.ZodObject).partial(),
      response: ZItem,
      handler: ({ user, params, body, requestId, now }) => updateRecord(deps, kind, user.id, params.id, body, { requestId, now }),
    }),
    defineRoute({
      method: 'delete',
      path: `${base}/:id`,
      summary: `Delete a ${kind.label.toLowerCase()}`,
      tags,
      auth: 'user',
      params: ZIdParams,
      status: 204,
      response: z.void(),
      handler: ({ user, params, requestId, now }) => deleteRecord(deps, kind, user.id, params.id, { requestId, now }),
    }),
  ];
}

export function recordRoutes(deps: RecordDeps): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/training-catalogue',
      summary: 'Training courses Medfolio recognises, with their validity periods',
      tags: ['record'],
      auth: 'public',
      response: ZCatalogue,
      handler: async () => ({ entries: await listCatalogue(deps.db) }),
    }),
    defineRoute({
      method: 'patch',
      path: '/api/admin/training-catalogue/:id',
      summary: 'Change the validity of a catalogue course (platform admins)',
      tags: ['admin'],
      auth: 'admin',
      params: z.object({ id: z.string().regex(/^[a-z0-9-]{2,40}$/) }),
      body: ZUpdateCatalogueEntry,
      response: ZCatalogueEntry,
      handler: ({ user, params, body, requestId, now }) => updateCatalogueEntry(deps.db, user.id, params.id, body, { requestId, now }),
    }),
    ...RECORD_KINDS.flatMap((kind) => kindRoutes(kind, deps)),
  ];
}
