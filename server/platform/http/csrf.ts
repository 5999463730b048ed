import type { Request, RequestHandler, Response } from 'express';
import { AppError } from '../errors.ts';
import { generateToken, safeEqual } from '../crypto/tokens.ts';
import { appendCookie, cookieSecurity, CSRF_COOKIE, requestCookie } from './cookies.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const CSRF_HEADER = 'x-csrf-token';

/**
 * POSTs that read no cookie, so a forged one can do no harm: the public CV check, which
 * recruiters' tools and `medfolio check-cv` call from anywhere (it changes nothing), and Stripe's
 * webhook, which is authenticated by its signature alone (domains/billing).
 */
const NO_AMBIENT_AUTHORITY = new Set(['/api/check-cv', '/api/billing/webhook']);

/**
 * Cross-site request forgery defence in two layers for every state-changing API request:
 * 1. the request must come from the app's own origin (Origin, or Sec-Fetch-Site when a browser
 *    sends no Origin); a cross-site browser request is refused outright;
 * 2. it must carry the CSRF token (double-submit: the `x-csrf-token` header equals the
 *    SameSite=Strict cookie, which another site can neither read nor set).
 */
export function csrfProtection(options: { appOrigin: string }): RequestHandler {
  return (req, _res, next) => {
    if (!UNSAFE.has(req.method) || (req.method === 'POST' && NO_AMBIENT_AUTHORITY.has(req.originalUrl.split('?')[0]!))) return next();
    const origin = req.headers.origin;
    const fetchSite = req.headers['sec-fetch-site'];
    if (origin !== undefined && origin !== options.appOrigin) {
      return next(new AppError('CSRF_REJECTED', 'Cross-site request refused'));
    }
    if (origin === undefined && typeof fetchSite === 'string' && fetchSite !== 'same-origin' && fetchSite !== 'none') {
      return next(new AppError('CSRF_REJECTED', 'Cross-site request refused'));
    }
    const cookieToken = requestCookie(req, CSRF_COOKIE);
    const headerToken = req.headers[CSRF_HEADER];
    if (!cookieToken || typeof headerToken !== 'string' || !safeEqual(cookieToken, headerToken)) {
      return next(new AppError('CSRF_REJECTED', 'Missing or invalid CSRF token: fetch /api/auth/csrf and send it as x-csrf-token'));
    }
    next();
  };
}

/** Returns the caller's CSRF token, issuing the cookie when there is none yet. */
export function issueCsrfToken(req: Request, res: Response, env: string): string {
  const existing = requestCookie(req, CSRF_COOKIE);
  if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
  const token = generateToken();
  appendCookie(res, CSRF_COOKIE, token, { sameSite: 'strict', httpOnly: false, ...cookieSecurity(env), maxAge: 60 * 60 * 24 * 30 });
  return token;
}
