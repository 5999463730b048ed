import { expect } from 'vitest';
import type { TestApp } from './app.ts';
import type { TestClient } from './client.ts';
import { signUp, STRONG_PASSWORD } from './accounts.ts';
import { jobs, persona } from './fixtures.ts';
import { generateCv } from './cv.ts';
import type { startSmtpServer } from './smtp.ts';

/**
 * The requests people make while a dependency is down: a signed-in clinician's writes, the
 * public sign-in pages, the recruiter's page and the referee's page. Shared by the Redis outage
 * test (which asserts bounds) and `npm run bench:redis-outage` (which prints the figures).
 */
export interface OutageScenario {
  owner: { client: TestClient; email: string; userId: string };
  shareUrl: string;
  passcodeShareUrl: string;
  verifyPath: string;
}

export const EXPECTED_STATUS: Record<string, number> = {
  'POST /api/posts': 201,
  'POST /api/cvs': 202,
  'POST /api/auth/login': 200,
  'POST /api/auth/register': 201,
  'POST /api/auth/forgot-password': 202,
  'GET /s/:token': 200,
  'POST /s/:token (passcode)': 303,
  'GET /verify/:token': 200,
};

export async function prepareOutageScenario(app: TestApp, smtp: Awaited<ReturnType<typeof startSmtpServer>>): Promise<OutageScenario> {
  const nurse = persona('icu-nurse-band6.json');
  const owner = await signUp(app, { name: nurse.basics.name });
  await owner.client.post('/api/import/json-resume', nurse);
  const cv = await generateCv(owner.client, jobs().find((j) => j.file === 'critical-care-outreach-band6.txt')!.text);
  expect(cv.pdf).not.toBeNull();
  const plain = await owner.client.post(`/api/cvs/${cv.id}/shares`, { recipientEmail: 'recruiter@agency.example', expiresInHours: 24 });
  const locked = await owner.client.post(`/api/cvs/${cv.id}/shares`, { recipientEmail: 'recruiter@agency.example', expiresInHours: 24, passcode: 'ward-7-blue' });
  const post = (await owner.client.get('/api/posts')).body.items[0];
  expect(
    (await owner.client.post('/api/verifications', { subjectType: 'post', subjectId: post.id, verifierName: 'Jo Matron', verifierEmail: 'jo.matron@example.org', relationship: 'Line manager' }))
      .status,
  ).toBe(201);
  const mail = await smtp.waitForEmail('jo.matron@example.org', /confirm a post/);
  return {
    owner,
    shareUrl: new URL(plain.body.url).pathname,
    passcodeShareUrl: new URL(locked.body.url).pathname,
    verifyPath: new URL(mail.text.match(/https?:\/\/\S+\/verify\/[A-Za-z0-9_-]{43}/)![0]).pathname,
  };
}

export interface Timed {
  what: string;
  status: number;
  ms: number;
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - started };
}

/** Makes every request of the scenario once, in order, timing each. */
export async function everyRequest(app: TestApp, s: OutageScenario, tag: string): Promise<Timed[]> {
  const results: Timed[] = [];
  const check = async (what: string, fn: () => Promise<{ status: number }>) => {
    const { value, ms } = await timed(fn);
    results.push({ what, status: value.status, ms });
  };
  const ip = `10.77.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;
  const form = (path: string, fields: Record<string, string>) =>
    fetch(app.url(path), { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip }, body: new URLSearchParams(fields).toString() });
  await check('POST /api/posts', () => s.owner.client.post('/api/posts', { employer: `Outage ${tag} Trust`, title: 'Staff Nurse', contract: 'bank', startDate: '2015-01-01', endDate: '2015-03-01' }));
  await check('POST /api/cvs', () => s.owner.client.post('/api/cvs', { jobDescription: jobs()[0]!.text }));
  await check('POST /api/auth/login', () => app.client().post('/api/auth/login', { email: s.owner.email, password: STRONG_PASSWORD }));
  await check('POST /api/auth/register', () => app.client().post('/api/auth/register', { email: `new-${tag}-${Date.now()}@example.org`, name: 'Dr New Starter', password: STRONG_PASSWORD }));
  await check('POST /api/auth/forgot-password', () => app.client().post('/api/auth/forgot-password', { email: s.owner.email }));
  await check('GET /s/:token', () => fetch(app.url(s.shareUrl), { headers: { 'x-forwarded-for': ip } }));
  await check('POST /s/:token (passcode)', () => form(s.passcodeShareUrl, { passcode: 'ward-7-blue' }));
  await check('GET /verify/:token', () => fetch(app.url(s.verifyPath), { headers: { 'x-forwarded-for': ip } }));
  return results;
}
