import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { precompress } from '../../../scripts/build.js';
import { createApp } from '../../app.ts';
import { createLogger } from '../logger.ts';
import { defineRoute } from './route.ts';
import { IMMUTABLE, isAppPageRequest, REVALIDATE } from './web-app.ts';
import { mayCompress } from './compression.ts';

// A built app in miniature, compressed by the build's own step: an entry, a hashed asset big
// enough to compress, and a hashed asset too small to be worth it.
const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'medfolio-web-dist-'));
const bigJs = `export const rows = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => ({ row: i, label: `registration ${i}` })))};\n`;
const INDEX = '<!doctype html><html><head><script type="module" src="/assets/index-AbC123.js"></script></head><body><div id="root"></div></body></html>';

const bigList = Array.from({ length: 200 }, (_, i) => ({ id: i, title: `Post number ${i}` }));
const routes = [
  defineRoute({
    method: 'get',
    path: '/api/big',
    summary: 'a long list',
    tags: ['test'],
    auth: 'public',
    response: z.object({ items: z.array(z.object({ id: z.number(), title: z.string() })) }),
    handler: () => ({ items: bigList }),
  }),
  defineRoute({ method: 'get', path: '/api/small', summary: 'a short answer', tags: ['test'], auth: 'public', response: z.object({ ok: z.boolean() }), handler: () => ({ ok: true }) }),
];

let server: http.Server;
let base: string;

beforeAll(async () => {
  fs.mkdirSync(path.join(dist, 'assets'));
  fs.writeFileSync(path.join(dist, 'index.html'), INDEX);
  fs.writeFileSync(path.join(dist, 'assets/index-AbC123.js'), bigJs);
  fs.writeFileSync(path.join(dist, 'assets/tiny-XyZ789.js'), 'export {};\n');
  await precompress(dist);
  const app = createApp({
    config: { trustProxy: 0, env: 'test', appOrigin: 'http://app.test' },
    logger: createLogger({ level: 'silent' }),
    routes,
    authenticate: async () => undefined,
    version: 't',
    webDistDir: dist,
  });
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  fs.rmSync(dist, { recursive: true, force: true });
});

/** A raw GET: the body exactly as sent (fetch would decompress it and hide what travelled). */
function get(p: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(base + p, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

const BROWSER_PAGE = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8', 'sec-fetch-dest': 'document', 'sec-fetch-mode': 'navigate', 'sec-fetch-site': 'none' };

describe('the built web app', () => {
  it('serves hashed assets brotli- or gzip-compressed as the browser prefers, cached for a year', async () => {
    const br = await get('/assets/index-AbC123.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/^(text|application)\/javascript; charset=utf-8$/i);
    expect(br.headers['cache-control']).toBe(IMMUTABLE);
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    expect(br.body.length).toBeLessThan(bigJs.length / 4);
    expect(zlib.brotliDecompressSync(br.body).toString()).toBe(bigJs);

    const gz = await get('/assets/index-AbC123.js', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).toString()).toBe(bigJs);

    const plain = await get('/assets/index-AbC123.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(bigJs);
    expect(plain.headers['cache-control']).toBe(IMMUTABLE);

    // Too small to gain anything: sent as it is, still immutable.
    const tiny = await get('/assets/tiny-XyZ789.js', { 'accept-encoding': 'br' });
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.headers['cache-control']).toBe(IMMUTABLE);
  });

  it('answers a page load anywhere in the app with index.html, revalidated on every load', async () => {
    for (const p of ['/', '/record/posts', '/sign-in']) {
      const page = await get(p, BROWSER_PAGE);
      expect(page.status, p).toBe(200);
      expect(page.headers['cache-control'], p).toBe(REVALIDATE);
      expect(page.headers.etag, p).toBeDefined();
      expect(page.body.toString(), p).toBe(INDEX);
    }
    // A browser without Fetch Metadata that asks for HTML by name.
    expect((await get('/record', { accept: 'text/html' })).status).toBe(200);
    expect((await get('/index.html')).headers['cache-control']).toBe(REVALIDATE);
  });

  it('never answers a probe, a script or a missing file with the app: those are 404s', async () => {
    for (const [p, headers] of [
      ['/healthz', {}],
      ['/healthz', { accept: '*/*' }],
      ['/healthz', { accept: 'application/json' }],
      ['/readyz', { 'user-agent': 'kube-probe/1.30' }],
      // File names are never app pages, even when a browser loads them as a page.
      ['/robots.txt', BROWSER_PAGE],
      ['/favicon.ico', { accept: 'image/*' }],
      ['/assets/missing-123.js', {}],
      ['/wp-login.php', BROWSER_PAGE],
      // A script loading a path, or an image, is not a page load either.
      ['/record', { 'sec-fetch-dest': 'script', accept: '*/*' }],
      // The server's own paths are never the app.
      ['/s/not-a-share/extra', BROWSER_PAGE],
      ['/api/nothing-here', BROWSER_PAGE],
    ] as const) {
      const res = await get(p, headers);
      expect(res.status, `${p} ${JSON.stringify(headers)}`).toBe(404);
      expect(res.body.toString(), p).not.toContain('<div id="root">');
      expect(JSON.parse(res.body.toString()).error.code, p).toBe('NOT_FOUND');
    }
    // A path that does not decode is refused as a bad request before it reaches any file (issue 16).
    const undecodable = await get('/assets/%E0%A4%A.js', {});
    expect(undecodable.status).toBe(400);
    expect(undecodable.body.toString()).not.toContain('<div id="root">');
  });
});

describe('API responses', () => {
  const big = JSON.stringify({ items: bigList });

  it('compresses JSON above 1 KB for requests from our own pages, or cookieless clients', async () => {
    const same = await get('/api/big', { 'accept-encoding': 'br, gzip', 'sec-fetch-site': 'same-origin', cookie: 'medfolio_session=abc' });
    expect(same.headers['content-encoding']).toBe('br');
    expect(same.headers.vary).toMatch(/Accept-Encoding/i);
    expect(zlib.brotliDecompressSync(same.body).toString()).toBe(big);

    const script = await get('/api/big', { 'accept-encoding': 'gzip' });
    expect(script.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(script.body).toString()).toBe(big);

    const small = await get('/api/small', { 'accept-encoding': 'br, gzip', 'sec-fetch-site': 'same-origin' });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.body.toString())).toEqual({ ok: true });
  });

  it('never compresses a response another site made the browser ask for, or a cookie-bearing request without Fetch Metadata (BREACH)', async () => {
    const cases: Array<Record<string, string>> = [
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { 'sec-fetch-site': 'cross-site', cookie: 'medfolio_session=abc' },
      { cookie: 'medfolio_session=abc' },
    ];
    for (const headers of cases) {
      const res = await get('/api/big', { 'accept-encoding': 'br, gzip', ...headers });
      expect(res.headers['content-encoding'], JSON.stringify(headers)).toBeUndefined();
      expect(res.body.toString()).toBe(big);
    }
  });
});

describe('the rules', () => {
  const req = (p: string, headers: Record<string, string> = {}, method = 'GET') => ({ method, path: p, headers });

  it('a page load is a browser document request for a path without a file name, outside the server paths', () => {
    expect(isAppPageRequest(req('/timecards', BROWSER_PAGE))).toBe(true);
    expect(isAppPageRequest(req('/timecards', { 'sec-fetch-dest': 'iframe' }))).toBe(true);
    expect(isAppPageRequest(req('/timecards', { accept: 'text/html' }))).toBe(true);
    expect(isAppPageRequest(req('/verify-email', BROWSER_PAGE))).toBe(true);
    expect(isAppPageRequest(req('/timecards', BROWSER_PAGE, 'POST'))).toBe(false);
    expect(isAppPageRequest(req('/timecards', { accept: '*/*' }))).toBe(false);
    expect(isAppPageRequest(req('/healthz'))).toBe(false);
    expect(isAppPageRequest(req('/cv.pdf', BROWSER_PAGE))).toBe(false);
    for (const p of ['/api', '/api/x', '/s/abc', '/verify/abc', '/socket.io/']) expect(isAppPageRequest(req(p, BROWSER_PAGE)), p).toBe(false);
  });

  it('compression is allowed for same-origin or typed-in requests, and for cookieless clients without Fetch Metadata', () => {
    const msg = (headers: Record<string, string>) => ({ headers }) as unknown as http.IncomingMessage;
    expect(mayCompress(msg({ 'sec-fetch-site': 'same-origin', cookie: 'a=b' }))).toBe(true);
    expect(mayCompress(msg({ 'sec-fetch-site': 'none', cookie: 'a=b' }))).toBe(true);
    expect(mayCompress(msg({}))).toBe(true);
    expect(mayCompress(msg({ 'sec-fetch-site': 'cross-site' }))).toBe(false);
    expect(mayCompress(msg({ 'sec-fetch-site': 'same-site' }))).toBe(false);
    expect(mayCompress(msg({ cookie: 'a=b' }))).toBe(false);
  });
});
