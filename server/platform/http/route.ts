import type { Request, Response } from 'express';
import type { z } from 'zod';

/**
 * Routes are declared as data so that validation, authentication, error mapping and the
 * OpenAPI document all come from one declaration (docs/ARCHITECTURE.md, Conventions).
 */
export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Who may call a route. The accounts domain supplies the resolver behind 'user' and 'admin'. */
export type RouteAuth = 'public' | 'user' | 'admin';

export interface AuthenticatedUser {
  id: string;
  role: string;
  sessionId: string;
}

export interface RouteContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  user: AuthenticatedUser | undefined;
  requestId: string;
  now: Date;
  req: Request;
  res: Response;
}

interface RouteBase<P, Q, B> {
  method: HttpMethod;
  path: string;
  summary: string;
  tags: string[];
  auth: RouteAuth;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
}

/** A JSON route: the handler's return value is parsed by `response` (unknown keys are dropped). */
export interface JsonRoute<P, Q, B, R> extends RouteBase<P, Q, B> {
  kind?: 'json';
  status?: number;
  response: z.ZodType<R>;
  handler: (ctx: RouteContext<P, Q, B>) => Promise<NoInfer<R>> | NoInfer<R>;
}

/** A raw route writes its own response (downloads, server-rendered pages). */
export interface RawRoute<P, Q, B> extends RouteBase<P, Q, B> {
  kind: 'raw';
  produces: string;
  handler: (ctx: RouteContext<P, Q, B>) => Promise<void> | void;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = JsonRoute<any, any, any, any> | RawRoute<any, any, any>;

export function defineRoute<P = unknown, Q = unknown, B = unknown, R = unknown>(
  route: JsonRoute<P, Q, B, R>,
): JsonRoute<P, Q, B, R>;
export function defineRoute<P = unknown, Q = unknown, B = unknown>(route: RawRoute<P, Q, B>): RawRoute<P, Q, B>;
export function defineRoute(route: AnyRoute): AnyRoute {
  return route;
}
