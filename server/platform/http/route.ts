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

/** The caller a handler sees: always there behind 'user' and 'admin', maybe there on a public route. */
export type CallerOf<A extends RouteAuth> = A extends 'public' ? AuthenticatedUser | undefined : AuthenticatedUser;

export interface RouteContext<P, Q, B, A extends RouteAuth = RouteAuth> {
  params: P;
  query: Q;
  body: B;
  user: CallerOf<A>;
  requestId: string;
  now: Date;
  req: Request;
  res: Response;
}

interface RouteBase<P, Q, B, A extends RouteAuth> {
  method: HttpMethod;
  path: string;
  summary: string;
  tags: string[];
  auth: A;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
}

/** A JSON route: the handler's return value is parsed by `response` (unknown keys are dropped). */
export interface JsonRoute<P, Q, B, R, A extends RouteAuth = RouteAuth> extends RouteBase<P, Q, B, A> {
  kind?: 'json';
  status?: number;
  response: z.ZodType<R>;
  handler: (ctx: RouteContext<P, Q, B, A>) => Promise<NoInfer<R>> | NoInfer<R>;
}

/** A raw route writes its own response (downloads, server-rendered pages). */
export interface RawRoute<P, Q, B, A extends RouteAuth = RouteAuth> extends RouteBase<P, Q, B, A> {
  kind: 'raw';
  produces: string;
  handler: (ctx: RouteContext<P, Q, B, A>) => Promise<void> | void;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = JsonRoute<any, any, any, any, any> | RawRoute<any, any, any, any>;

/** `auth` is inferred as a literal, so a 'user' or 'admin' handler gets a non-null `ctx.user`. */
export function defineRoute<P = unknown, Q = unknown, B = unknown, R = unknown, A extends RouteAuth = RouteAuth>(route: JsonRoute<P, Q, B, R, A>): JsonRoute<P, Q, B, R, A>;
export function defineRoute<P = unknown, Q = unknown, B = unknown, A extends RouteAuth = RouteAuth>(route: RawRoute<P, Q, B, A>): RawRoute<P, Q, B, A>;
export function defineRoute(route: AnyRoute): AnyRoute {
  return route;
}
