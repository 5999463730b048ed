import type { NextFunction, Request, Response, Router } from 'express';
import { z } from 'zod';
import { AppError, validationError, type FieldIssue } from '../errors.ts';
import type { AnyRoute, AuthenticatedUser } from './route.ts';
import { zodIssueWords } from '../words/validation-words.ts';

export interface MountOptions {
  /** Resolves the caller from the request (session cookie); undefined when anonymous. */
  authenticate: (req: Request) => Promise<AuthenticatedUser | undefined>;
  now?: () => Date;
}

/**
 * Zod issue paths become dotted field paths, prefixed by where the value came from; zod's own
 * technical texts become fragments in words (the error formatter adds the field's label).
 */
export function toFieldIssues(error: z.ZodError, source: 'body' | 'query' | 'params') {
  return error.issues.map((issue) => ({
    path: [source, ...issue.path.map(String)].join('.'),
    message: zodIssueWords(issue),
  }));
}

/** Validates params, query and body together, so one 422 lists every problem at once. */
function parseRequest(route: AnyRoute, req: Request) {
  const issues: FieldIssue[] = [];
  const parse = (schema: z.ZodType | undefined, value: unknown, source: 'body' | 'query' | 'params') => {
    if (!schema) return undefined;
    const result = schema.safeParse(value ?? {});
    if (result.success) return result.data;
    issues.push(...toFieldIssues(result.error, source));
    return undefined;
  };
  const parsed = {
    params: parse(route.params, req.params, 'params'),
    query: parse(route.query, req.query, 'query'),
    body: parse(route.body, req.body, 'body'),
  };
  if (issues.length) throw validationError(issues);
  return parsed;
}

/**
 * Mounts declared routes on a router: authenticate, validate params/query/body, call the
 * handler, shape the response through its schema. Errors go to the single error middleware.
 */
export function mountRoutes(router: Router, routes: AnyRoute[], options: MountOptions): void {
  const now = options.now ?? (() => new Date());
  for (const route of routes) {
    router[route.method](route.path, async (req: Request, res: Response, next: NextFunction) => {
      // People without an account open these pages in a browser: errors must be pages too.
      if (route.kind === 'raw' && route.produces === 'text/html') res.locals.htmlErrors = true;
      try {
        const user = route.auth === 'public' ? await options.authenticate(req).catch(() => undefined) : await options.authenticate(req);
        if (route.auth !== 'public' && !user) throw new AppError('UNAUTHENTICATED', 'Please sign in');
        if (route.auth === 'admin' && user?.role !== 'platform_admin') throw new AppError('NOT_FOUND', 'Not found');
        const ctx = {
          ...parseRequest(route, req),
          user,
          requestId: String(req.id),
          now: now(),
          req,
          res,
        };
        if (route.kind === 'raw') {
          await route.handler(ctx);
          return;
        }
        const result = await route.handler(ctx);
        const shaped = route.response.parse(result);
        // A handler may pick the status itself (e.g. 503 from /api/ready) via ctx.res.status().
        const status = route.status ?? res.statusCode;
        if (status === 204) res.status(204).end();
        else res.status(status).json(shaped);
      } catch (err) {
        next(err);
      }
    });
  }
}
