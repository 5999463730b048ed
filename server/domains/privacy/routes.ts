import type { Request } from 'express';
import { defineRoute } from '../../platform/http/route.ts';
import { clientInfo } from '../../platform/http/client-info.ts';
import type { Db } from '../../platform/db/database.ts';
import type { SecretBox } from '../../platform/crypto/secret-box.ts';
import type { FileStorage } from '../../adapters/storage.ts';
import { ZIdParams, ZOk } from '../accounts/schema.ts';
import {
  ZAdminErasureRequest,
  ZAdminPrivacyRequestList,
  ZAdminPrivacyRequestQuery,
  ZDataExport,
  ZDataExportList,
  ZErasureCancelRequest,
  ZErasureRequest,
  ZPasswordCheck,
  ZPasswordChecked,
  ZErasureScheduled,
  ZPrivacyRequestList,
  ZRetentionPolicy,
} from './schema.ts';
import { getExport, listExports, openExport, requestExport } from './export.ts';
import { sendStream } from '../../platform/http/stream-response.ts';
import { adminEraseNow, cancelErasure, checkErasurePassword, requestErasure, type ErasureDeps } from './erasure.ts';
import { listAllRequests, listRequests } from './requests.ts';
import { retentionPolicy, type RetentionDeps } from './retention.ts';

const tags = ['privacy'];

export function privacyRoutes(deps: ErasureDeps & RetentionDeps & { db: Db; storage: FileStorage; secretBox: SecretBox }) {
  const meta = (req: Request, requestId: string, now: Date) => ({ ...clientInfo(req), requestId, now });
  return [
    defineRoute({
      method: 'get',
      path: '/api/privacy/policy',
      summary: 'The retention policy as data: what is kept, and for how long',
      tags,
      auth: 'public',
      response: ZRetentionPolicy,
      handler: () => retentionPolicy(deps),
    }),
    defineRoute({
      method: 'get',
      path: '/api/me/privacy-requests',
      summary: 'Your data-subject requests: received, due (one month later) and completed',
      tags,
      auth: 'user',
      response: ZPrivacyRequestList,
      handler: ({ user, now }) => listRequests(deps.db, user.id, now),
    }),
    defineRoute({
      method: 'post',
      path: '/api/me/export',
      summary: 'Request a copy of everything we hold about you (a ZIP, built in the background; emailed when ready)',
      tags,
      auth: 'user',
      status: 202,
      response: ZDataExport,
      handler: ({ user, requestId, now }) => requestExport(deps, user.id, { requestId, now }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/me/exports',
      summary: 'Your data exports',
      tags,
      auth: 'user',
      response: ZDataExportList,
      handler: ({ user, now }) => listExports(deps.db, user.id, now),
    }),
    defineRoute({
      method: 'get',
      path: '/api/me/export/:id',
      summary: 'One export: its status, and a download link for 24 hours once ready',
      tags,
      auth: 'user',
      params: ZIdParams,
      response: ZDataExport,
      handler: ({ user, params, now }) => getExport(deps.db, user.id, params.id, now),
    }),
    defineRoute({
      kind: 'raw',
      method: 'get',
      path: '/api/me/export/:id/download',
      summary: 'Download a ready export (410 once it has expired)',
      tags,
      auth: 'user',
      params: ZIdParams,
      produces: 'application/zip',
      handler: async ({ user, params, req, res, requestId, now }) => {
        const file = await openExport(deps, user.id, params.id, { requestId, now });
        res.setHeader('Content-Type', 'application/zip');
        if (file.sizeBytes !== null) res.setHeader('Content-Length', String(file.sizeBytes));
        res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
        res.setHeader('Cache-Control', 'private, no-store');
        await sendStream(req, res, file.stream);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/me/erasure/password-check',
      summary: 'Check the password before the erasure is confirmed (nothing is erased; limited like any password check)',
      tags,
      auth: 'user',
      body: ZPasswordCheck,
      response: ZPasswordChecked,
      handler: async ({ user, body, req, requestId, now }) => {
        await checkErasurePassword(deps, user.id, body.password, meta(req, requestId, now));
        return { ok: true as const };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/me/erasure',
      summary: `Erase your account: locked at once, share links stop at once, everything deleted after the grace period (you can cancel until then)`,
      tags,
      auth: 'user',
      body: ZErasureRequest,
      status: 202,
      response: ZErasureScheduled,
      handler: ({ user, body, req, requestId, now }) => requestErasure(deps, user.id, body, meta(req, requestId, now)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/cancel-erasure',
      summary: 'Cancel a pending erasure with your email, password (and two-factor code); then sign in again',
      tags,
      auth: 'public',
      body: ZErasureCancelRequest,
      response: ZOk,
      handler: ({ body, req, requestId, now }) => cancelErasure(deps, body, meta(req, requestId, now)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/privacy-requests',
      summary: 'Every data-subject request, newest first (platform admins)',
      tags: ['admin'],
      auth: 'admin',
      query: ZAdminPrivacyRequestQuery,
      response: ZAdminPrivacyRequestList,
      handler: ({ query, now }) => listAllRequests(deps.db, query, now),
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/users/:id/erasure',
      summary: 'Erase an account now, for a legal request (platform admins: your password and code; the reason is logged)',
      tags: ['admin'],
      auth: 'admin',
      params: ZIdParams,
      body: ZAdminErasureRequest,
      status: 202,
      response: ZErasureScheduled,
      handler: ({ user, params, body, req, requestId, now }) => adminEraseNow(deps, user.id, params.id, body, meta(req, requestId, now)),
    }),
  ];
}
