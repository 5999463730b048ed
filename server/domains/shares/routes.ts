import type { Request, Response } from 'express';
import { z } from 'zod';
import { defineRoute, type AnyRoute } from '../../platform/http/route.ts';
import { isAppError } from '../../platform/errors.ts';
import { clientInfo } from '../../platform/http/client-info.ts';
import { appendCookie, cookieSecurity, requestCookie } from '../../platform/http/cookies.ts';
import type { Limiter } from '../../platform/rate-limit.ts';
import type { GuessGuard } from '../../platform/guess-guard.ts';
import { durationInWords } from '../accounts/jobs.ts';
import { ZIdParams } from '../record/schema.ts';
import { goneSharePage, packSection, passcodePage, sharePage } from './pages.ts';
import { loadPack, readPackCredential, readPackDocument } from './pack.ts';
import { ZCreateShare, ZPasscodeForm, ZShare, ZShareCreated, ZShareList } from './schema.ts';
import * as shares from './service.ts';
import { findPdfCheck } from '../cv-checks/service.ts';

const ZToken = z.object({ token: z.string().max(100) });
const ZPackItemParams = ZToken.extend({ itemId: z.uuid({ message: 'must be an id' }) });
const unlockCookie = (shareId: string) => `mf_share_${shareId.replace(/-/g, '')}`;
const longDate = (d: Date) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/London' }).format(d);
const dateTime = (d: Date) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/London' }).format(d);

/** A link that no longer works gets a 410 page with its reason, and nothing else. */
async function recruiterPage(res: Response, fn: () => Promise<void>) {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Robots-Tag', 'noindex, nofollow');
  try {
    await fn();
  } catch (err) {
    if (isAppError(err) && err.code === 'GONE') {
      res.status(410).type('html').send(goneSharePage(err.message));
      return;
    }
    throw err;
  }
}

export function shareRoutes(deps: shares.ShareDeps & { env: string; viewsPerIp: Limiter; passcodeGuard: GuessGuard }): AnyRoute[] {
  const tags = ['shares'];
  const client = (req: Request) => {
    const info = clientInfo(req);
    return { ipPrefix: info.ipPrefix, userAgent: info.userAgent };
  };
  return [
    defineRoute({
      method: 'post',
      path: '/api/cvs/:id/shares',
      summary: "Share a CV's PDF with one recipient through a link that expires",
      tags,
      auth: 'user',
      params: ZIdParams,
      body: ZCreateShare,
      status: 201,
      response: ZShareCreated,
      handler: ({ user, params, body, requestId, now }) => shares.createShare(deps, user.id, params.id, body, { requestId, now }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/shares',
      summary: 'Your share links, with their status and every view',
      tags,
      auth: 'user',
      response: ZShareList,
      handler: async ({ user, now }) => ({ shares: await shares.listShares(deps.db, user.id, now) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/shares/:id',
      summary: 'One share link and its views',
      tags,
      auth: 'user',
      params: ZIdParams,
      response: ZShare,
      handler: ({ user, params, now }) => shares.getShare(deps.db, user.id, params.id, now),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/shares/:id',
      summary: 'Revoke a share link: it stops working at once',
      tags,
      auth: 'user',
      params: ZIdParams,
      status: 204,
      response: z.void(),
      handler: ({ user, params, requestId, now }) => shares.revokeShare(deps, user.id, params.id, { requestId, now }),
    }),
    defineRoute({
      kind: 'raw',
      method: 'get',
      path: '/s/:token',
      summary: "The recruiter's page (no account)",
      tags,
      auth: 'public',
      params: ZToken,
      produces: 'text/html',
      handler: ({ req, res, params, requestId, now }) =>
        recruiterPage(res, async () => {
          await deps.viewsPerIp.consume(clientInfo(req).ip);
          const row = await shares.openShare(deps.db, params.token, now);
          if (row.passcode_hash && !shares.isUnlocked(deps.secretBox, row.id, requestCookie(req, unlockCookie(row.id)), now)) {
            res.type('html').send(passcodePage({ clinicianName: row.clinician_name, action: `/s/${params.token}` }));
            return;
          }
          await shares.logView(deps, row, 'page', client(req), { requestId, now });
          const [check, pack] = await Promise.all([findPdfCheck(deps, row.user_id, row.pdf_id), loadPack(deps.db, row.user_id, row.id)]);
          res.type('html').send(
            sharePage({
              clinicianName: row.clinician_name,
              recipient: row.recipient_name ?? row.recipient_email,
              message: row.message,
              expiresAt: dateTime(row.expires_at),
              pdfHref: `/s/${params.token}/pdf`,
              checkHref: `${deps.appOrigin}/check`,
              check: check && { issuedOn: longDate(new Date(check.issuedAt)), items: check.items, withdrawnOn: check.withdrawnAt ? longDate(new Date(check.withdrawnAt)) : null },
              pack: packSection({
                items: pack,
                hrefOf: (item) => `/s/${params.token}/${item.type === 'document' ? 'documents' : 'credentials'}/${item.id}`,
                jwksHref: `${deps.appOrigin}/.well-known/jwks.json`,
                issuer: deps.keys.did,
              }),
            }),
          );
        }),
    }),
    defineRoute({
      kind: 'raw',
      method: 'post',
      path: '/s/:token',
      summary: 'Unlock a passcode-protected link (5 tries per 15 minutes per network; the link pauses after 50 an hour from anywhere)',
      tags,
      auth: 'public',
      params: ZToken,
      body: ZPasscodeForm,
      produces: 'text/html',
      handler: ({ req, res, params, body, requestId, now }) =>
        recruiterPage(res, async () => {
          const { ip } = clientInfo(req);
          await deps.viewsPerIp.consume(ip);
          const row = await shares.openShare(deps.db, params.token, now);
          // Wrong passcodes from other networks never lock out the recruiter who has the right one.
          const attempt = { subject: row.id, client: ip, trusted: false };
          try {
            await deps.passcodeGuard.admit(attempt, (pausedForSeconds) => shares.recordPasscodePause(deps, row, pausedForSeconds, { requestId, now }));
          } catch (err) {
            if (!isAppError(err) || err.code !== 'RATE_LIMITED') throw err;
            const seconds = Number(err.details.retryAfterSeconds ?? 900);
            res.status(429).setHeader('Retry-After', String(seconds));
            res.type('html').send(passcodePage({ clinicianName: row.clinician_name, action: `/s/${params.token}`, error: `${err.message} Try again in ${durationInWords(seconds)}.` }));
            return;
          }
          if (!(await shares.checkPasscode(row, body.passcode))) {
            res
              .status(401)
              .type('html')
              .send(passcodePage({ clinicianName: row.clinician_name, action: `/s/${params.token}`, error: 'That passcode is not right.' }));
            return;
          }
          await deps.passcodeGuard.succeeded(attempt);
          appendCookie(res, unlockCookie(row.id), shares.sealUnlock(deps.secretBox, row.id, now), {
            httpOnly: true,
            sameSite: 'strict',
            ...cookieSecurity(deps.env),
            path: `/s/${params.token}`,
            maxAge: shares.UNLOCK_TTL_MS / 1000,
          });
          res.redirect(303, `/s/${params.token}`);
        }),
    }),
    defineRoute({
      kind: 'raw',
      method: 'get',
      path: '/s/:token/pdf',
      summary: 'The shared PDF, watermarked with the recipient and date',
      tags,
      auth: 'public',
      params: ZToken,
      produces: 'application/pdf',
      handler: ({ req, res, params, requestId, now }) =>
        recruiterPage(res, async () => {
          await deps.viewsPerIp.consume(clientInfo(req).ip);
          const row = await shares.openShare(deps.db, params.token, now);
          if (row.passcode_hash && !shares.isUnlocked(deps.secretBox, row.id, requestCookie(req, unlockCookie(row.id)), now)) {
            res.redirect(303, `/s/${params.token}`);
            return;
          }
          // Link checkers and previews send HEAD: they must not use up a view or notify anyone.
          if (req.method === 'HEAD') {
            res.status(200).type('application/pdf').end();
            return;
          }
          const { pdf } = await shares.viewSharedPdf(deps, row, client(req), { requestId, now });
          const filename = `CV - ${row.clinician_name}.pdf`.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
          res.setHeader('Content-Type', 'application/pdf');
          res.setHeader('Content-Length', String(pdf.length));
          res.setHeader('Content-Disposition', `${req.query.download ? 'attachment' : 'inline'}; filename="${filename}"`);
          res.end(pdf);
        }),
    }),
    defineRoute({
      kind: 'raw',
      method: 'get',
      path: '/s/:token/documents/:itemId',
      summary: 'A document of the compliance pack (PDFs stamped with the recipient); every download is logged',
      tags,
      auth: 'public',
      params: ZPackItemParams,
      produces: 'application/octet-stream',
      handler: ({ req, res, params, requestId, now }) =>
        recruiterPage(res, async () => {
          await deps.viewsPerIp.consume(clientInfo(req).ip);
          const row = await shares.openShare(deps.db, params.token, now);
          if (row.passcode_hash && !shares.isUnlocked(deps.secretBox, row.id, requestCookie(req, unlockCookie(row.id)), now)) {
            res.redirect(303, `/s/${params.token}`);
            return;
          }
          const file = await readPackDocument(deps, row, params.itemId, shares.shareStamp(row));
          await shares.logView(deps, row, 'document', client(req), { requestId, now }, params.itemId);
          res.setHeader('Content-Type', file.mimeType);
          res.setHeader('Content-Length', String(file.data.length));
          res.setHeader('Content-Disposition', `attachment; filename="${file.filename.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '')}"`);
          res.end(file.data);
        }),
    }),
    defineRoute({
      kind: 'raw',
      method: 'get',
      path: '/s/:token/credentials/:itemId',
      summary: 'A credential of the compliance pack (application/vc+jwt); every download is logged',
      tags,
      auth: 'public',
      params: ZPackItemParams,
      produces: 'application/vc+jwt',
      handler: ({ req, res, params, requestId, now }) =>
        recruiterPage(res, async () => {
          await deps.viewsPerIp.consume(clientInfo(req).ip);
          const row = await shares.openShare(deps.db, params.token, now);
          if (row.passcode_hash && !shares.isUnlocked(deps.secretBox, row.id, requestCookie(req, unlockCookie(row.id)), now)) {
            res.redirect(303, `/s/${params.token}`);
            return;
          }
          const credential = await readPackCredential(deps.db, row, params.itemId);
          await shares.logView(deps, row, 'credential', client(req), { requestId, now }, params.itemId);
          res.setHeader('Content-Type', 'application/vc+jwt');
          res.setHeader('Content-Disposition', `attachment; filename="medfolio-credential-${credential.id}.jwt"`);
          res.end(credential.jwt);
        }),
    }),
  ];
}
