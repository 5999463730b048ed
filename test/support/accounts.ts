import { randomBytes } from 'node:crypto';
import type { TestApp } from './app.ts';
import type { TestClient } from './client.ts';

export const STRONG_PASSWORD = 'correct-lamp-riverbank-42';

/** Registers a fresh user and returns their signed-in client. */
export async function signUp(app: TestApp, overrides: { email?: string; name?: string; password?: string } = {}) {
  const client = app.client();
  const email = overrides.email ?? `clinician-${randomBytes(5).toString('hex')}@example.org`;
  const res = await client.post('/api/auth/register', {
    email,
    name: overrides.name ?? 'Dr Test Clinician',
    password: overrides.password ?? STRONG_PASSWORD,
  });
  if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { client, email, userId: res.body.user.id as string, password: overrides.password ?? STRONG_PASSWORD };
}

export async function signIn(app: TestApp, email: string, password: string, totp?: string): Promise<TestClient> {
  const client = app.client();
  const res = await client.post('/api/auth/login', { email, password, ...(totp ? { totp } : {}) });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  return client;
}
