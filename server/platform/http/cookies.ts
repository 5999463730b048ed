import { parse, serialize, type SerializeOptions } from 'cookie';
import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'medfolio_session';
export const CSRF_COOKIE = 'medfolio_csrf';

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  return parse(header)[name];
}

export const requestCookie = (req: Request, name: string) => readCookie(req.headers.cookie, name);

export function appendCookie(res: Response, name: string, value: string, options: SerializeOptions): void {
  res.append('Set-Cookie', serialize(name, value, { path: '/', ...options }));
}

/** Secure everywhere except local development over plain http. */
export const cookieSecurity = (env: string) => ({ secure: env !== 'development' });
