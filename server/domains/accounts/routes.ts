import type { Request, Response } from 'express';
import { defineRoute } from '../../platform/http/route.ts';
import { clientInfo } from '../../platform/http/client-info.ts';
import { appendCookie, cookieSecurity, requestCookie, SESSION_COOKIE } from '../../platform/http/cookies.ts';
import { DEVICE_COOKIE, DEVICE_COOKIE_PATH, DEVICE_TTL_MS } from './devices.ts';
import { issueCsrfToken } from '../../platform/http/csrf.ts';
import type { AccountsDeps } from './deps.ts';
import {
  ZAccepted,
  ZChangePasswordRequest,
  ZCsrfToken,
  ZForgotPasswordRequest,
  ZIdParams,
  ZLoginRequest,
  ZMe,
  ZOk,
  ZPasswordConfirmation,
  ZRecoveryCodes,
  ZRegisterRequest,
  ZResetPasswordRequest,
  ZRestrictionRequest,
  ZSessionList,
  ZTotpDisableRequest,
  ZTotpEnableRequest,
  ZTotpSetup,
  ZTotpSetupRequest,
  ZUnlockSignInRequest,
  ZUpdateProfileRequest,
  ZVerifyEmailRequest,
} from './schema.ts';
import * as accounts from './service.ts';
import { listSessions } from './sessions.ts';
import { setProcessingRestriction } from './restriction.ts';
import { z } from 'zod';

const ZSignedIn = z.object({ user: ZMe, csrfToken: z.string().describe('Send as x-csrf-token on state-changing requests') });

export function accountRoutes(deps: AccountsDeps & { env: string }) {
  const meta = (req: Request, requestId: string, now: Date) => ({ ...clientInfo(req), requestId, now, device: requestCookie(req, DEVICE_COOKIE) ?? null });
  /** Marks this browser as trusted by the account (see devices.ts). */
  const trustDevice = (res: Response, sealed: string) => {
    appendCookie(res, DEVICE_COOKIE, sealed, { httpOnly: true, sameSite: 'lax', ...cookieSecurity(deps.env), path: DEVICE_COOKIE_PATH, maxAge: DEVICE_TTL_MS / 1000 });
  };

  const startSession = (res: Response, session: { token: string; expiresAt: Date }) => {
    appendCookie(res, SESSION_COOKIE, session.token, { httpOnly: true, sameSite: 'lax', ...cookieSecurity(deps.env), expires: session.expiresAt });
  };
  /** Register and login both end by starting a session and handing over the CSRF token. */
  const signedIn = async (req: Request, res: Response, result: { userId: string; session: { token: string; expiresAt: Date }; device?: string }) => {
    startSession(res, result.session);
    if (result.device) trustDevice(res, result.device);
    return { user: await accounts.getMe(deps, result.userId), csrfToken: issueCsrfToken(req, res, deps.env) };
  };
  const endSession = (res: Response) => {
    appendCookie(res, SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', ...cookieSecurity(deps.env), maxAge: 0 });
  };

  return [
    defineRoute({
      method: 'get',
      path: '/api/auth/csrf',
      summary: 'Get the CSRF token (and its cookie) to send as x-csrf-token',
      tags: ['auth'],
      auth: 'public',
      response: ZCsrfToken,
      handler: ({ req, res }) => ({ csrfToken: issueCsrfToken(req, res, deps.env) }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/register',
      summary: 'Create an account and sign in; a verification email follows',
      tags: ['auth'],
      auth: 'public',
      body: ZRegisterRequest,
      status: 201,
      response: ZSignedIn,
      handler: async ({ req, res, body, requestId, now }) => signedIn(req, res, await accounts.register(deps, body, meta(req, requestId, now))),
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/login',
      summary: 'Sign in with email, password and (when enabled) a two-factor or recovery code',
      tags: ['auth'],
      auth: 'public',
      body: ZLoginRequest,
      response: ZSignedIn,
      handler: async ({ req, res, body, requestId, now }) => signedIn(req, res, await accounts.login(deps, body, meta(req, requestId, now))),
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/logout',
      summary: 'End this session',
      tags: ['auth'],
      auth: 'user',
      status: 204,
      response: z.void(),
      handler: async ({ req, res, user, requestId, now }) => {
        await accounts.logout(deps, user, meta(req, requestId, now));
        endSession(res);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/verify-email',
      summary: 'Confirm an email address with the token from the emailed link',
      tags: ['auth'],
      auth: 'public',
      body: ZVerifyEmailRequest,
      response: ZOk,
      handler: async ({ req, body, requestId, now }) => {
        await accounts.verifyEmail(deps, body.token, meta(req, requestId, now));
        return { status: 'ok' as const };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/forgot-password',
      summary: 'Email a password-reset link (same answer whether or not the account exists)',
      tags: ['auth'],
      auth: 'public',
      body: ZForgotPasswordRequest,
      status: 202,
      response: ZAccepted,
      handler: async ({ req, body, requestId, now }) => {
        await accounts.requestPasswordReset(deps, body.email, meta(req, requestId, now));
        return { status: 'accepted' as const, message: 'If an account uses that address, a reset link is on its way.' };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/reset-password',
      summary: 'Set a new password with the token from the emailed link (signs out everywhere)',
      tags: ['auth'],
      auth: 'public',
      body: ZResetPasswordRequest,
      response: ZOk,
      handler: async ({ req, res, body, requestId, now }) => {
        trustDevice(res, (await accounts.resetPassword(deps, body, meta(req, requestId, now))).device);
        return { status: 'ok' as const };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/unlock-sign-in',
      summary: 'Let this browser sign in while sign-in is paused after many wrong passwords, with the token from the emailed link',
      tags: ['auth'],
      auth: 'public',
      body: ZUnlockSignInRequest,
      response: ZOk,
      handler: async ({ req, res, body, requestId, now }) => {
        trustDevice(res, (await accounts.unlockSignIn(deps, body.token, meta(req, requestId, now))).device);
        return { status: 'ok' as const };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/me',
      summary: 'Your account',
      tags: ['account'],
      auth: 'user',
      response: ZMe,
      handler: ({ user }) => accounts.getMe(deps, user.id),
    }),
    defineRoute({
      method: 'patch',
      path: '/api/me',
      summary: 'Update your profile (previous values stay in your audit trail)',
      tags: ['account'],
      auth: 'user',
      body: ZUpdateProfileRequest,
      response: ZMe,
      handler: ({ req, user, body, requestId, now }) => accounts.updateProfile(deps, user.id, body, meta(req, requestId, now)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/me/verification-email',
      summary: 'Send the email verification link again',
      tags: ['account'],
      auth: 'user',
      status: 202,
      response: ZAccepted,
      handler: async ({ req, user, requestId, now }) => {
        await accounts.resendVerification(deps, user.id, meta(req, requestId, now));
        return { status: 'accepted' as const, message: 'A new verification link is on its way.' };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/me/password',
      summary: 'Change your password (signs out your other sessions)',
      tags: ['account'],
      auth: 'user',
      body: ZChangePasswordRequest,
      status: 204,
      response: z.void(),
      handler: ({ req, user, body, requestId, now }) => accounts.changePassword(deps, user, body, meta(req, requestId, now)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/me/sessions',
      summary: 'Your active sessions',
      tags: ['account'],
      auth: 'user',
      response: ZSessionList,
      handler: async ({ user, now }) => ({ sessions: await listSessions(deps.db, user, now) }),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/me/sessions/:id',
      summary: 'Sign out one session',
      tags: ['account'],
      auth: 'user',
      params: ZIdParams,
      status: 204,
      response: z.void(),
      handler: ({ req, user, params, requestId, now }) => accounts.revokeOwnSession(deps, user, params.id, meta(req, requestId, now)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/me/restriction',
      summary: 'Restrict (or stop restricting) processing of your data: no AI calls, no embedding',
      tags: ['account'],
      auth: 'user',
      body: ZRestrictionRequest,
      response: ZRestrictionRequest,
      handler: ({ user, body, requestId, now }) => setProcessingRestriction(deps.db, user.id, body.restricted, { requestId, now }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/me/two-factor/setup',
      summary: 'Start two-factor enrolment (needs your password): a new secret and its QR code',
      tags: ['account'],
      auth: 'user',
      body: ZTotpSetupRequest,
      response: ZTotpSetup,
      handler: ({ req, user, body, requestId, now }) => accounts.beginTwoFactorSetup(deps, user, body.password, meta(req, requestId, now)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/me/two-factor/enable',
      summary: 'Confirm enrolment with a first code; returns ten recovery codes, once',
      tags: ['account'],
      auth: 'user',
      body: ZTotpEnableRequest,
      response: ZRecoveryCodes,
      handler: ({ req, user, body, requestId, now }) => accounts.enableTwoFactor(deps, user, body.code, meta(req, requestId, now)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/me/two-factor/disable',
      summary: 'Turn two-factor off (needs your password and a code)',
      tags: ['account'],
      auth: 'user',
      body: ZTotpDisableRequest,
      status: 204,
      response: z.void(),
      handler: ({ req, user, body, requestId, now }) => accounts.disableTwoFactor(deps, user, body, meta(req, requestId, now)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/me/two-factor/recovery-codes',
      summary: 'Replace your recovery codes (needs your password)',
      tags: ['account'],
      auth: 'user',
      body: ZPasswordConfirmation,
      response: ZRecoveryCodes,
      handler: ({ req, user, body, requestId, now }) => accounts.regenerateRecoveryCodes(deps, user, body.password, meta(req, requestId, now)),
    }),
  ];
}
