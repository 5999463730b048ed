import type { Request, RequestHandler } from 'express';
import type { DbOrTx } from '../../platform/db/transaction.ts';
import type { AuthenticatedUser } from '../../platform/http/route.ts';
import { isAppPageRequest } from '../../platform/http/web-app.ts';
import { listPlans } from '../plans/service.ts';
import { landingPage } from './page.ts';

/**
 * `/` in a browser: the landing page for a visitor who is not signed in; the app (whose `/` is
 * the dashboard) for one who is. Anything else (an API client, a probe) falls through as before.
 */
export function landingHandler(deps: { db: DbOrTx; authenticate: (req: Request) => Promise<AuthenticatedUser | undefined> }): RequestHandler {
  return async (req, res, next) => {
    try {
      if (req.path !== '/' || !isAppPageRequest(req)) return next();
      const user = await deps.authenticate(req).catch(() => undefined);
      if (user) return next();
      const body = landingPage({ plans: await listPlans(deps.db) });
      // The same address answers differently once signed in: never serve a cached copy across that.
      res.setHeader('Cache-Control', 'private, no-cache');
      res.setHeader('Vary', 'Cookie');
      res.type('html').send(body);
    } catch (err) {
      next(err);
    }
  };
}
