import { randomUUID } from 'node:crypto';
import express, { type Express, type Request, type RequestHandler } from 'express';
import helmet from 'helmet';
import cors from 'cors';
import { pinoHttp } from 'pino-http';
import type { Config } from './config/env.ts';
import { redactUrl, type Logger } from './platform/logger.ts';
import { mountRoutes } from './platform/http/mount.ts';
import type { AnyRoute, AuthenticatedUser } from './platform/http/route.ts';
import { apiNotFound, errorMiddleware, notFound, rejectMalformedPaths } from './platform/http/error-middleware.ts';
import { buildOpenApiDocument } from './platform/http/openapi.ts';
import { docsRouter } from './platform/http/docs.ts';
import { csrfProtection } from './platform/http/csrf.ts';
import { STRIPE_WEBHOOK_PATH } from './domains/billing/routes.ts';
import { compressApiResponses } from './platform/http/compression.ts';
import { webAppRouter } from './platform/http/web-app.ts';

export interface AppOptions {
  config: Pick<Config, 'trustProxy' | 'env' | 'appOrigin'>;
  logger: Logger;
  routes: AnyRoute[];
  authenticate: (req: Request) => Promise<AuthenticatedUser | undefined>;
  /** Answers `/` for signed-out visitors in a browser (the landing page); passes everything else on. */
  landing?: RequestHandler;
  /** Built SPA (web/dist); when absent, only the API is served. */
  webDistDir?: string;
  version: string;
}

const REQUEST_ID = /^[A-Za-z0-9-]{8,64}$/;
// Large enough for a JSON Resume with years of time cards; uploads have their own limit.
export const JSON_BODY_LIMIT = '2mb';

export function createApp(options: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  // A hop count, never `true`: trusting every X-Forwarded-For entry would let clients pick their IP.
  app.set('trust proxy', options.config.trustProxy);

  app.use(
    pinoHttp({
      logger: options.logger,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      // Method, redacted path, status and timing only: never bodies, queries or headers.
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: redactUrl(req.url) }),
        res: (res: { statusCode: number }) => ({ status: res.statusCode }),
      },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
      autoLogging: { ignore: (req) => req.url === '/api/health' },
    }),
  );
  app.use(rejectMalformedPaths);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          styleSrc: ["'self'", "'unsafe-inline'"],
          connectSrc: ["'self'", 'ws:', 'wss:'],
          objectSrc: ["'none'"],
          // The CV preview frames a blob: copy of the PDF (the download route sends it as an attachment).
          frameSrc: ["'self'", 'blob:'],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: options.config.env === 'production' ? [] : null,
        },
      },
      strictTransportSecurity: options.config.env === 'production',
    }),
  );
  // Only the app's own origin may make credentialed cross-origin calls (e.g. the Vite dev server).
  app.use('/api', cors({ origin: options.config.appOrigin, credentials: true }));
  app.use('/api', compressApiResponses());
  // Stripe signs the exact bytes it sends: its webhook's body stays raw (json() then skips it).
  app.use(STRIPE_WEBHOOK_PATH, express.raw({ type: '*/*', limit: '512kb' }));
  app.use(express.json({ limit: JSON_BODY_LIMIT }));
  // The verifier's and recruiter's server-rendered forms.
  app.use(express.urlencoded({ extended: false, limit: '16kb' }));
  app.use('/api', csrfProtection({ appOrigin: options.config.appOrigin }));

  const api = express.Router();
  mountRoutes(api, options.routes, { authenticate: options.authenticate });
  const openapi = buildOpenApiDocument(options.routes, { title: 'Medfolio API', version: options.version });
  api.get('/api/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  api.use('/api/docs', docsRouter('/api/openapi.json'));
  api.use('/api', apiNotFound);
  app.use(api);

  if (options.landing) app.get('/', options.landing);
  if (options.webDistDir) {
    const web = webAppRouter(options.webDistDir);
    if (web) app.use(web);
  }
  // Anything else (a probe of /healthz, a missing file) is a 404, never the app shell.
  app.use(notFound);

  app.use(errorMiddleware(options.logger));
  return app;
}
