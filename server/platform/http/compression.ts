import type { IncomingMessage } from 'node:http';
import compression from 'compression';
import type { RequestHandler } from 'express';

/** Below this, compressing costs more than it saves. */
export const COMPRESS_MIN_BYTES = 1024;

/**
 * BREACH (docs/ARCHITECTURE.md, Compression): compressing a response that holds a secret (a
 * CSRF token, a share link, personal data) next to text an attacker chose lets the attacker
 * learn the secret from response sizes, if they can make the victim's browser send many such
 * requests. Another site can make the browser send them; our own pages do not echo what a URL
 * says into such a response. So a response is compressed only when the request came from our
 * own pages (Fetch Metadata `Sec-Fetch-Site: same-origin`, or `none` for an address the person
 * typed), or, from a client that sends no Fetch Metadata, when it carries no cookie and so no
 * session whose secrets could leak. Anything else is answered uncompressed.
 */
export function mayCompress(req: IncomingMessage): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin' || site === 'none';
  return req.headers.cookie === undefined;
}

/** Dynamic compression (brotli or gzip, as the client prefers) for API responses: JSON, the API docs. */
export function compressApiResponses(): RequestHandler {
  return compression({ threshold: COMPRESS_MIN_BYTES, filter: (req, res) => mayCompress(req) && compression.filter(req, res) });
}
