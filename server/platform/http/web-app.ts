import fs from 'node:fs';
import path from 'node:path';
import express, { type Request, type Router } from 'express';
import expressStaticGzip from 'express-static-gzip';

/** Vite names each built asset after a hash of its contents, so a browser may keep it for a year. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html names the current assets: the browser revalidates it (ETag) on every load. */
export const REVALIDATE = 'no-cache';

/** Paths the server answers itself (API, share and verifier pages, sockets): never the app. */
const SERVER_PATHS = /^\/(?:api|s|verify|socket\.io)(?:\/|$)/;
/** A last path segment with a dot names a file (/favicon.ico, /healthz.json): not an app page. */
const FILE_NAME = /\.[^/]*$/;

/**
 * The app shell (index.html) answers a browser loading a page of the app, whatever its path,
 * because the app's routes live in the browser (web/src/app). It is not an answer for anything
 * else, so a health probe, a script or a missing file gets a 404, never a 200 with the app
 * (`curl /healthz` must not look healthy). A page load is a GET or HEAD, outside the server's
 * own paths, without a file name, that the browser marks as loading a document (Fetch Metadata
 * `Sec-Fetch-Dest: document`) or, from a browser without Fetch Metadata, asks for HTML by name.
 * An unknown page loaded in a browser gets the app, which shows its own "page not found".
 */
export function isAppPageRequest(req: Pick<Request, 'method' | 'path' | 'headers'>): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (SERVER_PATHS.test(req.path) || FILE_NAME.test(req.path)) return false;
  const dest = req.headers['sec-fetch-dest'];
  if (dest !== undefined) return dest === 'document' || dest === 'iframe';
  return /\btext\/html\b/i.test(req.headers.accept ?? '');
}

/**
 * Serves the built web app from `distDir` (scripts/build.js): assets brotli- or gzip-compressed
 * from the files written at build time (`Vary: Accept-Encoding`), hashed assets cached for a
 * year, index.html revalidated. Undefined when the app is not built.
 */
export function webAppRouter(distDir: string): Router | undefined {
  const indexHtml = path.join(distDir, 'index.html');
  if (!fs.existsSync(indexHtml)) return undefined;
  const assetsDir = path.join(distDir, 'assets') + path.sep;
  const router = express.Router();
  const assets = expressStaticGzip(distDir, {
    enableBrotli: true,
    orderPreference: ['br', 'gzip'],
    index: false,
    serveStatic: {
      index: false,
      cacheControl: false,
      setHeaders: (res, file) => res.setHeader('Cache-Control', file.startsWith(assetsDir) ? IMMUTABLE : REVALIDATE),
    },
  });
  router.use((req, res, next) => {
    // A path that does not decode names no file of ours: leave it to the app's error handling.
    try {
      decodeURIComponent(req.path);
    } catch {
      return next();
    }
    assets(req, res, next);
  });
  router.use((req, res, next) => {
    if (!isAppPageRequest(req)) return next();
    res.setHeader('Cache-Control', REVALIDATE);
    res.sendFile(indexHtml, { cacheControl: false });
  });
  return router;
}
