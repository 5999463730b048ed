// @vitest-environment jsdom
import '../test/setup.ts';
import { describe, expect, it } from 'vitest';
import { api, ApiError, describeError } from './api.ts';
import { apiError, on, stubFetch } from '../test/fetch-stub.ts';

async function caught(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError);
    return err as ApiError;
  }
  throw new Error('expected the request to fail');
}

describe('api client', () => {
  it('maps a 422 to fieldErrors keyed by field path without the body. prefix', async () => {
    document.cookie = 'medfolio_csrf=tok';
    stubFetch(
      on(
        'POST',
        '/api/posts',
        apiError(422, 'VALIDATION', 'The request is not valid', {
          issues: [
            { path: 'body.email', message: 'must be a valid email address' },
            { path: 'body.items.0.title', message: 'is required' },
            { path: 'body.email', message: 'second message for the same field is ignored' },
          ],
        }),
      ),
    );
    const err = await caught(api.post('/api/posts', { email: 'x' }));
    expect(err.status).toBe(422);
    expect(err.code).toBe('VALIDATION');
    expect(err.isValidation).toBe(true);
    expect(err.fieldErrors).toEqual({ email: 'must be a valid email address', 'items.0.title': 'is required' });
    expect(err.requestId).toBe('req-1');
  });

  it('treats a CONFLICT naming a field as that field’s error', async () => {
    document.cookie = 'medfolio_csrf=tok';
    stubFetch(on('POST', '/api/auth/register', apiError(409, 'CONFLICT', 'An account with this email address already exists', { field: 'body.email' })));
    const err = await caught(api.post('/api/auth/register', {}));
    expect(err.fieldErrors).toEqual({ email: 'An account with this email address already exists' });
  });

  it('explains a 429 QUOTA_EXCEEDED with the plan message, reset date and Retry-After', async () => {
    stubFetch(
      on(
        'GET',
        '/api/cvs',
        apiError(
          429,
          'QUOTA_EXCEEDED',
          'Your Free plan allows 3 tailored CVs a month and this month’s allowance is used up.',
          { metric: 'cv_generations', limit: 3, usage: 3, resetsAt: '2026-12-01T00:00:00.000Z', retryAfterSeconds: 86400 },
          { 'Retry-After': '86400' },
        ),
      ),
    );
    const err = await caught(api.get('/api/cvs'));
    expect(err.isQuota).toBe(true);
    expect(err.isRateLimited).toBe(false);
    expect(err.retryAfterSeconds).toBe(86400);
    expect(err.quota).toEqual({ metric: 'cv_generations', limit: 3, usage: 3, resetsAt: '2026-12-01T00:00:00.000Z' });
    expect(describeError(err)).toMatch(/Free plan allows 3 .* It resets on 1 December 2026\./);
  });

  it('reads the lockout time of a 429 RATE_LIMITED from Retry-After', async () => {
    document.cookie = 'medfolio_csrf=tok';
    stubFetch(
      on('POST', '/api/auth/login', apiError(429, 'RATE_LIMITED', 'Too many failed sign-in attempts: the account is locked for a while', { retryAfterSeconds: 900 }, { 'Retry-After': '900' })),
    );
    const err = await caught(api.post('/api/auth/login', {}));
    expect(err.isRateLimited).toBe(true);
    expect(err.retryAfterSeconds).toBe(900);
    expect(describeError(err)).toBe('Too many failed sign-in attempts: the account is locked for a while. Try again in 15 minutes.');
  });

  it('flags a 401, and the two-factor signal of login', async () => {
    document.cookie = 'medfolio_csrf=tok';
    stubFetch(on('GET', '/api/me', apiError(401, 'UNAUTHENTICATED', 'Sign in first')), on('POST', '/api/auth/login', apiError(401, 'UNAUTHENTICATED', 'Enter the code', { twoFactorRequired: true })));
    const me = await caught(api.get('/api/me'));
    expect(me.isUnauthenticated).toBe(true);
    expect(me.twoFactorRequired).toBe(false);
    const login = await caught(api.post('/api/auth/login', {}));
    expect(login.twoFactorRequired).toBe(true);
  });

  it('sends the CSRF cookie as x-csrf-token, and fetches it first when there is none', async () => {
    const calls = stubFetch(
      on('GET', '/api/auth/csrf', () => {
        document.cookie = 'medfolio_csrf=fresh-token';
        return { body: { csrfToken: 'fresh-token' } };
      }),
      on('PATCH', '/api/me', { body: { ok: true } }),
      on('GET', '/api/me', { body: { ok: true } }),
    );
    await api.get('/api/me');
    expect(calls[0]?.headers['x-csrf-token']).toBeUndefined();
    await expect(api.patch('/api/me', { name: 'A' })).resolves.toEqual({ ok: true });
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /api/me', 'GET /api/auth/csrf', 'PATCH /api/me']);
    expect(calls[2]?.headers['x-csrf-token']).toBe('fresh-token');
    expect(calls[2]?.body).toEqual({ name: 'A' });
    // The cookie is there now: no second round trip.
    await api.patch('/api/me', { name: 'B' });
    expect(calls).toHaveLength(4);
  });

  it('refreshes the token once and retries when the server answers CSRF_REJECTED', async () => {
    document.cookie = 'medfolio_csrf=stale';
    let posts = 0;
    const calls = stubFetch(
      on('GET', '/api/auth/csrf', { body: { csrfToken: 'renewed' } }),
      on('POST', '/api/shares', (call) => {
        posts += 1;
        return call.headers['x-csrf-token'] === 'renewed' ? { status: 201, body: { id: 's1' } } : apiError(403, 'CSRF_REJECTED', 'Missing or invalid CSRF token');
      }),
    );
    await expect(api.post('/api/shares', { a: 1 })).resolves.toEqual({ id: 's1' });
    expect(posts).toBe(2);
    expect(calls.map((c) => `${c.method} ${c.path} ${c.headers['x-csrf-token'] ?? ''}`.trim())).toEqual(['POST /api/shares stale', 'GET /api/auth/csrf', 'POST /api/shares renewed']);
  });

  it('gives up after one CSRF retry', async () => {
    document.cookie = 'medfolio_csrf=stale';
    const calls = stubFetch(on('GET', '/api/auth/csrf', { body: { csrfToken: 'still-bad' } }), on('DELETE', '/api/shares/1', apiError(403, 'CSRF_REJECTED', 'Cross-site request refused')));
    const err = await caught(api.del('/api/shares/1'));
    expect(err.code).toBe('CSRF_REJECTED');
    expect(calls.filter((c) => c.method === 'DELETE')).toHaveLength(2);
  });

  it('returns undefined for 204, and a NETWORK error when the server cannot be reached', async () => {
    document.cookie = 'medfolio_csrf=tok';
    stubFetch(on('POST', '/api/auth/logout', { status: 204 }));
    await expect(api.post('/api/auth/logout')).resolves.toBeUndefined();
    stubFetch(() => {
      throw new TypeError('Failed to fetch');
    });
    const err = await caught(api.get('/api/me'));
    expect(err.code).toBe('NETWORK');
    expect(err.status).toBe(0);
  });

  it('keeps the status of a non-JSON error page without inventing a message', async () => {
    stubFetch(on('GET', '/api/me', { status: 502, text: '<html>Bad gateway</html>' }));
    const err = await caught(api.get('/api/me'));
    expect(err.status).toBe(502);
    expect(err.code).toBe('SERVICE_UNAVAILABLE');
    expect(err.message).toBe('The service is not available right now');
  });

  it('sends nothing, and so no CSRF token, anywhere but a path of this app', async () => {
    document.cookie = 'medfolio_csrf=tok';
    const calls = stubFetch(() => ({ body: {} }));
    for (const path of ['https://evil.example/api/x', '//evil.example/api/x', '/\\evil.example/api/x', '/\t/evil.example/api/x', 'javascript:alert(1)']) {
      await expect(api.post(path, {})).rejects.toThrow(TypeError);
      await expect(api.upload(path, new FormData())).rejects.toThrow(TypeError);
    }
    expect(calls).toEqual([]);
  });

  it('refuses an upload whose signal is already aborted instead of waiting forever', async () => {
    document.cookie = 'medfolio_csrf=tok';
    const controller = new AbortController();
    controller.abort();
    await expect(api.upload('/api/documents', new FormData(), undefined, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});
