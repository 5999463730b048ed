import { z } from 'zod';
import { defineRoute } from '../../platform/http/route.ts';
import { ZIdParams } from '../record/schema.ts';
import { ZCredentialList, ZStatusListParams } from './schema.ts';
import { getCredential, listCredentials, statusListCredential, VC_MEDIA_TYPE, withdrawCredential, type CredentialDeps } from './service.ts';

export function credentialRoutes(deps: CredentialDeps) {
  const tags = ['credentials'];
  return [
    defineRoute({
      method: 'get',
      path: '/api/me/credentials',
      summary: 'Your portable credentials (W3C Verifiable Credentials), kept in step with your record',
      tags,
      auth: 'user',
      response: ZCredentialList,
      handler: async ({ user, now }) => ({ credentials: await listCredentials(deps, user.id, now) }),
    }),
    defineRoute({
      kind: 'raw',
      method: 'get',
      path: '/api/me/credentials/:id',
      summary: 'Download one credential (application/vc+jwt: a compact JWS, EdDSA, checkable against /.well-known/jwks.json)',
      tags,
      auth: 'user',
      params: ZIdParams,
      produces: VC_MEDIA_TYPE,
      handler: async ({ user, params, res }) => {
        const row = await getCredential(deps.db, user.id, params.id);
        res.setHeader('Content-Type', VC_MEDIA_TYPE);
        res.setHeader('Content-Disposition', `attachment; filename="medfolio-credential-${row.id}.jwt"`);
        res.setHeader('Cache-Control', 'private, no-store');
        res.end(row.jwt);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/me/credentials/:id/withdraw',
      summary: 'Withdraw a credential: its status list shows it as revoked from now on',
      tags,
      auth: 'user',
      params: ZIdParams,
      status: 204,
      response: z.void(),
      handler: ({ user, params, requestId, now }) => withdrawCredential(deps, user.id, params.id, { requestId, now }),
    }),
    defineRoute({
      kind: 'raw',
      method: 'get',
      path: '/api/credentials/status/:listId',
      summary: 'A Bitstring Status List credential (revocation), as application/vc+jwt',
      tags,
      auth: 'public',
      params: ZStatusListParams,
      produces: VC_MEDIA_TYPE,
      handler: async ({ params, res, now }) => {
        const jwt = await statusListCredential(deps, params.listId, now);
        res.setHeader('Content-Type', VC_MEDIA_TYPE);
        // Short, so a revocation reaches verifiers quickly.
        res.setHeader('Cache-Control', 'public, max-age=60');
        res.end(jwt);
      },
    }),
  ];
}
