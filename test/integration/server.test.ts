import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { serviceEnv } from '../support/env.ts';
import { TestClient } from '../support/client.ts';
import { freePort } from '../support/ports.ts';

describe('API server on its own database', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(serviceEnv.redisUrl ? { REDIS_URL: serviceEnv.redisUrl } : {});
  });
  afterAll(async () => {
    await app?.close();
  });

  it('answers liveness', async () => {
    const res = await fetch(app.url('/api/health'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends a content security policy that lets the app frame its own PDF preview and nothing else', async () => {
    const csp = (await fetch(app.url('/api/health'))).headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-src 'self' blob:");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
  });

  it('reports readiness of the database, the queue, the browser and the LLM mode', async () => {
    const res = await fetch(app.url('/api/ready'));
    const body = (await res.json()) as { status: string; checks: Record<string, { ok: boolean; detail: string; mode?: string }> };
    expect(body.checks.database).toEqual({
      ok: true,
      detail: app.database.kind === 'embedded' ? 'embedded PGlite with pgvector' : 'PostgreSQL',
    });
    expect(body.checks.queue).toEqual({ ok: true, detail: serviceEnv.redisUrl ? 'BullMQ on Redis' : 'in-process jobs' });
    expect(body.checks.llm).toMatchObject({ ok: true, mode: 'offline' });
    expect(['ready', 'degraded']).toContain(body.status);
    expect(res.status).toBe(200);
  });

  it('logs an error the listening HTTP server reports (EMFILE on accept) and keeps serving', async () => {
    const emfile = () => Object.assign(new Error('accept EMFILE'), { code: 'EMFILE' });
    // Twice: the first used to be swallowed by the start-up listener, the second ended the process.
    app.server.httpServer.emit('error', emfile());
    app.server.httpServer.emit('error', emfile());
    expect((await fetch(app.url('/api/health'))).status).toBe(200);
  });

  it('publishes an OpenAPI 3.1 document generated from the routes, and a docs page', async () => {
    const doc = (await (await fetch(app.url('/api/openapi.json'))).json()) as {
      openapi: string;
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/health']?.get?.responses['200']).toBeDefined();
    expect(doc.paths['/api/ready']?.get).toBeDefined();
    const docs = await fetch(app.url('/api/docs/'));
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger-ui-bundle.js');
    expect((await fetch(app.url('/api/docs/swagger-ui-bundle.js'))).status).toBe(200);
  });
});

describe('the compiled process as a user runs it (npm start: dist/, under the supervisor)', () => {
  // The test setup built dist/ and web/dist (scripts/build.js --if-stale), as `npm start` does.
  const root = path.resolve(import.meta.dirname, '../..');
  const run = (entry: string, env: Record<string, string>) => {
    const child = spawn(process.execPath, ['--enable-source-maps', entry], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    return { child, exited, output: () => ({ stdout, stderr }) };
  };

  it('stops with exit code 1 and names the variable when the configuration is invalid', async () => {
    const proc = run('dist/server/main.js', { PORT: 'not-a-port', REDIS_URL: 'http://wrong' });
    expect(await proc.exited).toBe(1);
    const { stderr } = proc.output();
    expect(stderr).toContain('PORT');
    expect(stderr).toContain('REDIS_URL');
  });

  it('starts on the embedded defaults, says so, logs the address that works, serves the app and stops cleanly on SIGTERM', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'medfolio-start-'));
    const port = await freePort();
    const proc = run('dist/server/supervise.js', { PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'info' });
    try {
      const deadline = Date.now() + 90_000;
      let logged: string | undefined;
      while (!logged && Date.now() < deadline && proc.child.exitCode === null) {
        logged = /"url":"(http:[^"]+)"[^\n]*Medfolio is listening/.exec(proc.output().stdout)?.[1];
        if (!logged) await new Promise((r) => setTimeout(r, 100));
      }
      expect(logged, proc.output().stderr).toBe(`http://localhost:${port}`);
      const url = logged!;
      const firstLines = proc.output().stdout.split('\n').slice(0, 6).join('\n');
      expect(firstLines).toContain('embedded PGlite + pgvector');
      expect(firstLines).toContain('in-process');
      expect((await fetch(`${url}/api/health`)).status).toBe(200);
      // `/` is the landing page for a visitor who is not signed in; the app answers its own pages.
      const home = await fetch(`${url}/`, { headers: { accept: 'text/html' } });
      expect(home.status).toBe(200);
      expect(await home.text()).toContain('One career record, a CV that proves itself');
      const signIn = await fetch(`${url}/sign-in`, { headers: { accept: 'text/html' } });
      expect(await signIn.text()).toContain('<div id="root">');
      expect((await fetch(`${url}/healthz`)).status).toBe(404);

      // Signing in from the logged address reaches the credential check; from the bound
      // 127.0.0.1 address the browser's Origin differs from APP_ORIGIN and is refused.
      const fromLogged = await new TestClient(url, url).post('/api/auth/login', { email: 'nobody@example.org', password: 'not the password 1' });
      expect(fromLogged.status).toBe(401);
      const bound = `http://127.0.0.1:${port}`;
      const fromBound = await new TestClient(bound, bound).post('/api/auth/login', { email: 'nobody@example.org', password: 'not the password 1' });
      expect(fromBound.body.error.code).toBe('CSRF_REJECTED');

      proc.child.kill('SIGTERM');
      expect(await proc.exited).toBe(0);
      expect(proc.output().stdout).toContain('"msg":"stopped"');
      expect(fs.existsSync(path.join(dataDir, 'pg'))).toBe(true);
    } finally {
      proc.child.kill('SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
