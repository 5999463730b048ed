import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { signUp } from '../support/accounts.ts';
import type { TestClient } from '../support/client.ts';

/**
 * A path segment that is not valid percent-encoding (`%ff%fe` is not UTF-8; `%zz` is not hex)
 * is the client's mistake: 400, never a 500 (issue 16, item 3).
 */
let app: TestApp;
let client: TestClient;
const BAD_SEGMENTS = ['%ff%fe', '%zz', '%e0%a4%a'];

beforeAll(async () => {
  app = await startTestApp({}, { webDistDir: path.resolve(import.meta.dirname, '../../web/dist') });
  client = (await signUp(app)).client;
});
afterAll(async () => {
  await app?.close();
});

describe('a path with invalid percent-encoding', () => {
  it('answers 400 on the recruiter and referee pages, as a page', async () => {
    for (const bad of BAD_SEGMENTS) {
      for (const p of [`/s/${bad}`, `/s/${bad}/pdf`, `/verify/${bad}`]) {
        const res = await fetch(app.url(p));
        expect({ path: p, status: res.status }).toEqual({ path: p, status: 400 });
        expect(res.headers.get('content-type')).toContain('text/html');
        expect(await res.text()).toContain('The address is not valid');
      }
      const posted = await fetch(app.url(`/s/${bad}`), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'passcode=x' });
      expect(posted.status).toBe(400);
    }
  });

  it('answers 400 with a JSON error on every API route with a path parameter', async () => {
    const routes = app.server.routes.filter((r) => r.path.includes(':') && r.path.startsWith('/api/'));
    expect(routes.length).toBeGreaterThan(20);
    for (const route of routes) {
      for (const bad of BAD_SEGMENTS) {
        const p = route.path.replace(/:[A-Za-z]+/g, bad);
        const res = await client.request(route.method.toUpperCase(), p, ['get', 'delete'].includes(route.method) ? undefined : {});
        expect({ route: `${route.method} ${route.path}`, status: res.status }).toEqual({ route: `${route.method} ${route.path}`, status: 400 });
        expect(res.body.error).toMatchObject({ code: 'BAD_REQUEST', message: 'The address is not valid' });
      }
    }
  });

  it('answers 400 on unknown API paths and on static files, and the app still loads', async () => {
    for (const bad of BAD_SEGMENTS) {
      expect((await fetch(app.url(`/api/no-such-thing/${bad}`))).status).toBe(400);
      expect((await fetch(app.url(`/assets/${bad}.js`))).status).toBe(400);
      expect((await fetch(app.url(`/${bad}`), { headers: { accept: 'text/html' } })).status).toBe(400);
    }
    expect((await fetch(app.url('/'), { headers: { accept: 'text/html' } })).status).toBe(200);
    expect((await fetch(app.url('/record/posts'), { headers: { accept: 'text/html' } })).status).toBe(200);
    // Valid encoding still reaches the routes as before.
    expect((await fetch(app.url('/s/%41bc'))).status).toBe(410);
  });
});
