import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApp } from '../../app.ts';
import { createLogger } from '../logger.ts';
import { AppError } from '../errors.ts';
import { defineRoute } from './route.ts';

const logs: string[] = [];
const capturing = createLogger({ level: 'info', destination: { write: (line: string) => void logs.push(line) } });

const routes = [
  defineRoute({
    method: 'post',
    path: '/api/things/:id',
    summary: 'validate everything',
    tags: ['test'],
    auth: 'public',
    params: z.object({ id: z.uuid() }),
    query: z.object({ dryRun: z.enum(['true', 'false']).optional() }),
    body: z.object({ name: z.string().min(2), gmcNumber: z.string().regex(/^\d{7}$/, 'must be 7 digits') }),
    status: 201,
    response: z.object({ id: z.string(), name: z.string() }),
    handler: ({ params, body }) => ({ id: params.id, name: body.name, secret: 'dropped by the response schema' }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/fail/:kind',
    summary: 'throws',
    tags: ['test'],
    auth: 'public',
    params: z.object({ kind: z.string() }),
    response: z.object({}),
    handler: ({ params }) => {
      switch (params.kind) {
        case 'not-found':
          throw new AppError('NOT_FOUND', 'Post not found');
        case 'conflict':
          throw new AppError('CONFLICT', 'Overlaps another shift', { clash: { id: 'x' } });
        case 'rate':
          throw new AppError('RATE_LIMITED', 'Too many attempts', { retryAfterSeconds: 42.2 });
        default:
          throw new Error('database password is hunter2');
      }
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/private',
    summary: 'needs a user',
    tags: ['test'],
    auth: 'user',
    response: z.object({}),
    handler: () => ({}),
  }),
];

let server: http.Server;
let base: string;

beforeAll(async () => {
  const app = createApp({ config: { trustProxy: 0, env: 'test', appOrigin: 'http://app.test' }, logger: capturing, routes, authenticate: async () => undefined, version: 't' });
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

// A same-origin request with its CSRF token, as the web app sends it.
const csrf = 'test-csrf-token-0123456789';
const post = (path: string, body: unknown, raw?: string) =>
  fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'http://app.test', cookie: `medfolio_csrf=${csrf}`, 'x-csrf-token': csrf },
    body: raw ?? JSON.stringify(body),
  });

describe('routes as data and the error middleware', () => {
  it('validates and shapes a good request', async () => {
    const res = await post('/api/things/6f1c1f2e-8a43-4b8e-9a55-2f4f3c1d2e10', { name: 'Ann', gmcNumber: '1234567' });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ id: '6f1c1f2e-8a43-4b8e-9a55-2f4f3c1d2e10', name: 'Ann' });
  });

  it('answers 422 with the path of every invalid field', async () => {
    const res = await post('/api/things/not-a-uuid', { name: 'A', gmcNumber: '12' });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; details: { issues: Array<{ path: string; message: string }> } } };
    expect(body.error.code).toBe('VALIDATION');
    const paths = body.error.details.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['params.id']));
    const second = await post('/api/things/6f1c1f2e-8a43-4b8e-9a55-2f4f3c1d2e10?dryRun=maybe', { name: 'A', gmcNumber: '12' });
    const issues = ((await second.json()) as typeof body).error.details.issues;
    expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining(['query.dryRun', 'body.name', 'body.gmcNumber']));
    // Each problem is a sentence led by the field's label; the path stays for programs.
    expect(issues.find((i) => i.path === 'body.gmcNumber')?.message).toBe('Gmc number must be 7 digits');
  });

  it('answers 422 for malformed JSON and 413 for an oversized body', async () => {
    const bad = await post('/api/things/6f1c1f2e-8a43-4b8e-9a55-2f4f3c1d2e10', undefined, '{"name": ');
    expect(bad.status).toBe(422);
    const big = await post('/api/things/6f1c1f2e-8a43-4b8e-9a55-2f4f3c1d2e10', { name: 'x'.repeat(3 * 1024 * 1024), gmcNumber: '1234567' });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('maps AppError codes to statuses, with Retry-After for 429', async () => {
    expect((await fetch(`${base}/api/fail/not-found`)).status).toBe(404);
    const conflict = await fetch(`${base}/api/fail/conflict`);
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toMatchObject({ error: { code: 'CONFLICT', details: { clash: { id: 'x' } } } });
    const rate = await fetch(`${base}/api/fail/rate`);
    expect(rate.status).toBe(429);
    expect(rate.headers.get('retry-after')).toBe('43');
    expect(await rate.json()).toMatchObject({ error: { code: 'RATE_LIMITED', details: { retryAfterSeconds: 42.2 } } });
  });

  it('turns unknown errors into a 500 with the request id and no internal message', async () => {
    const res = await fetch(`${base}/api/fail/boom`, { headers: { 'x-request-id': 'req-12345678' } });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain('hunter2');
    expect(JSON.parse(text)).toEqual({ error: { code: 'INTERNAL', message: 'Something went wrong', requestId: 'req-12345678' } });
    expect(res.headers.get('x-request-id')).toBe('req-12345678');
    expect(logs.some((l) => l.includes('req-12345678'))).toBe(true);
  });

  it('answers 401 on a route that needs a user, and a JSON 404 for unknown API paths', async () => {
    expect((await fetch(`${base}/api/private`)).status).toBe(401);
    const missing = await fetch(`${base}/api/nothing-here`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/json');
  });

  it('sends security headers', async () => {
    const res = await fetch(`${base}/api/nothing-here`);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});
