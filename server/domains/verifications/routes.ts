import { z } from 'zod';
import { defineRoute } from '../../platform/http/route.ts';
import { AppError, isAppError } from '../../platform/errors.ts';
import { clientInfo } from '../../platform/http/client-info.ts';
import type { Limiter } from '../../platform/rate-limit.ts';
import { ZIdParams } from '../record/schema.ts';
import { answeredPage, gonePage, requesterPage, verifierPage } from './pages.ts';
import { ZRequestVerification, ZVerification, ZVerificationList, ZVerifierResponse } from './schema.ts';
import { cancelVerification, getVerification, isRequester, listVerifications, openVerifierLink, requestVerification, respondToVerification, type VerificationDeps } from './service.ts';

export function verificationRoutes(deps: VerificationDeps & { verifierPerIp: Limiter; requestsPerUser: Limiter }) {
  const tags = ['verifications'];
  const ZToken = z.object({ token: z.string().max(100) });
  const dateFmt = (d: Date) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/London' }).format(d);
  return [
    defineRoute({
      method: 'post',
      path: '/api/verifications',
      summary: 'Ask a referee to confirm a post (they get a single-use link by email)',
      tags,
      auth: 'user',
      body: ZRequestVerification,
      status: 201,
      response: ZVerification,
      handler: async ({ user, body, requestId, now }) => {
        await deps.requestsPerUser.consume(user.id);
        return requestVerification(deps, user.id, body, { requestId, now });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/verifications',
      summary: 'Your verification requests and their status',
      tags,
      auth: 'user',
      response: ZVerificationList,
      handler: async ({ user, now }) => ({ verifications: await listVerifications(deps.db, user.id, now) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/verifications/:id',
      summary: 'One verification request',
      tags,
      auth: 'user',
      params: ZIdParams,
      response: ZVerification,
      handler: ({ user, params, now }) => getVerification(deps.db, user.id, params.id, now),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/verifications/:id',
      summary: 'Withdraw a request that has not been answered',
      tags,
      auth: 'user',
      params: ZIdParams,
      status: 204,
      response: z.void(),
      handler: ({ user, params, requestId, now }) => cancelVerification(deps, user.id, params.id, { requestId, now }),
    }),
    defineRoute({
      kind: 'raw',
      method: 'get',
      path: '/verify/:token',
      summary: "The verifier's page (no account): what to confirm, and the form",
      tags,
      auth: 'public',
      params: ZToken,
      produces: 'text/html',
      handler: async ({ req, res, params, user, now }) => {
        await deps.verifierPerIp.consume(clientInfo(req).ip);
        res.setHeader('Cache-Control', 'no-store');
        const opened = await openVerifierLink(deps.db, params.token, now);
        if ('gone' in opened) {
          res
            .status(410)
            .type('html')
            .send(gonePage(opened.gone ?? ''));
          return;
        }
        const v = opened.verification;
        if (isRequester(v, user?.id)) {
          res.status(403).type('html').send(requesterPage(v.subject_type));
          return;
        }
        res.type('html').send(
          verifierPage({
            clinicianName: v.clinician_name,
            kind: v.subject_type,
            fields: opened.snapshot.fields,
            expiresAt: dateFmt(v.expires_at),
            action: `/verify/${params.token}`,
            suggestedName: v.verifier_name,
          }),
        );
      },
    }),
    defineRoute({
      kind: 'raw',
      method: 'post',
      path: '/verify/:token',
      summary: "The verifier's answer: confirm (approve) or dispute (reject) with a comment",
      tags,
      auth: 'public',
      params: ZToken,
      body: ZVerifierResponse,
      produces: 'text/html',
      handler: async ({ req, res, params, body, user, requestId, now }) => {
        await deps.verifierPerIp.consume(clientInfo(req).ip);
        res.setHeader('Cache-Control', 'no-store');
        try {
          const v = await respondToVerification(deps, params.token, body, { requestId, now, viewerId: user?.id });
          res.type('html').send(answeredPage(body.decision, v.subject_type));
        } catch (err) {
          if (!isAppError(err)) throw err;
          if (err.code === 'GONE') {
            res.status(410).type('html').send(gonePage(err.message));
            return;
          }
          const opened = await openVerifierLink(deps.db, params.token, now);
          if ('gone' in opened) throw new AppError('GONE', opened.gone ?? 'This link no longer works');
          const v = opened.verification;
          if (err.code === 'FORBIDDEN') {
            res.status(403).type('html').send(requesterPage(v.subject_type));
            return;
          }
          if (err.code !== 'VALIDATION') throw err;
          res
            .status(422)
            .type('html')
            .send(
              verifierPage({
                clinicianName: v.clinician_name,
                kind: v.subject_type,
                fields: opened.snapshot.fields,
                expiresAt: dateFmt(v.expires_at),
                action: `/verify/${params.token}`,
                suggestedName: v.verifier_name,
                values: body,
                issues: err.details.issues ?? [],
              }),
            );
        }
      },
    }),
  ];
}
