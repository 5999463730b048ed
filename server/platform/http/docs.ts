import path from 'node:path';
import { createRequire } from 'node:module';
import express, { type Router } from 'express';

/**
 * Swagger UI for /api/docs, served from the swagger-ui-dist package (no CDN), with its
 * initializer as a file so the page works under a strict Content-Security-Policy.
 */
export function docsRouter(specUrl: string): Router {
  const require = createRequire(import.meta.url);
  const distDir = path.dirname(require.resolve('swagger-ui-dist/package.json'));
  const router = express.Router();
  router.get('/', (_req, res) => {
    res.type('html').send(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Medfolio API</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script></body></html>`);
  });
  router.get('/init.js', (_req, res) => {
    res.type('application/javascript').send(`window.ui = SwaggerUIBundle({ url: ${JSON.stringify(specUrl)}, dom_id: '#swagger-ui' });`);
  });
  router.use(express.static(distDir, { index: false }));
  return router;
}
