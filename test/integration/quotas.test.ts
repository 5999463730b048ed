import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { signUp } from '../support/accounts.ts';
import { release, reserve, settle, sweepHolds } from '../../server/domains/quotas/service.ts';
import { isAppError } from '../../server/platform/errors.ts';
import { createJobHandlers } from '../../server/composition.ts';
import { CV_HOLD_TTL_MS, generateCvJob } from '../../server/domains/cvs/jobs.ts';
import { insertCvRequest } from '../../server/domains/cvs/repo.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ TRUST_PROXY: 'true' });
});
afterAll(async () => {
  await app?.close();
});

const db = () => app.server.platform.database.db;
const now = new Date('2026-11-22T10:00:00Z');

describe('AI quotas: reserve, settle, release, sweep', () => {
  it('reserves the worst case, settles the actual use once, and shows it on the plan', async () => {
    const { client, userId } = await signUp(app);
    const hold = await reserve(db(), { userId, metric: 'llm_tokens', amount: 2000, requestId: 'req-1', now });
    // Reserving again with the same request id holds nothing more.
    await reserve(db(), { userId, metric: 'llm_tokens', amount: 2000, requestId: 'req-1', now });
    const during = await client.get('/api/me/plan');
    expect(during.body.usage.llmTokens).toBe(2000);
    expect(await settle(db(), hold, 734, now)).toBe(true);
    expect(await settle(db(), hold, 734, now)).toBe(false);
    expect((await client.get('/api/me/plan')).body.usage.llmTokens).toBe(734);
  });

  it('refuses over the limit with the limit, the usage and the reset time', async () => {
    const { userId } = await signUp(app);
    // Free plan: 3 CV generations a month.
    for (let i = 0; i < 3; i++) await settle(db(), await reserve(db(), { userId, metric: 'cv_generations', amount: 1, requestId: `cv-${i}`, now }), 1, now);
    const refused = await reserve(db(), { userId, metric: 'cv_generations', amount: 1, requestId: 'cv-4', now }).catch((e: unknown) => e);
    expect(isAppError(refused) && refused.code).toBe('QUOTA_EXCEEDED');
    expect(isAppError(refused) && refused.details).toMatchObject({ limit: 3, usage: 3, resetsAt: '2026-12-01T00:00:00.000Z', retryAfterSeconds: 9 * 86400 - 10 * 3600 });
  });

  it('gives a failed call its hold back, and sweeps holds whose caller vanished', async () => {
    const { userId, client } = await signUp(app);
    const failed = await reserve(db(), { userId, metric: 'assistant_messages', amount: 1, requestId: 'm-1', now });
    expect(await release(db(), failed, now)).toBe(true);
    await reserve(db(), { userId, metric: 'assistant_messages', amount: 1, requestId: 'm-2', now, ttlMs: 1000 });
    expect((await client.get('/api/me/plan')).body.usage.assistantMessages).toBeGreaterThanOrEqual(0);
    expect(await sweepHolds(db(), new Date(now.getTime() + 2000))).toBeGreaterThanOrEqual(1);
    const balance = await db().selectFrom('usage_balances').select(['used', 'held']).where('user_id', '=', userId).where('metric', '=', 'assistant_messages').executeTakeFirstOrThrow();
    expect(balance).toEqual({ used: 0, held: 0 });
  });

  it('admits exactly one of 50 concurrent requests when one unit remains', async () => {
    const { userId } = await signUp(app);
    for (let i = 0; i < 2; i++) await settle(db(), await reserve(db(), { userId, metric: 'cv_generations', amount: 1, requestId: `pre-${i}`, now }), 1, now);
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => reserve(db(), { userId, metric: 'cv_generations', amount: 1, requestId: randomUUID(), now })));
    const admitted = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected' && isAppError(r.reason) && r.reason.code === 'QUOTA_EXCEEDED');
    expect(admitted).toHaveLength(1);
    expect(refused).toHaveLength(49);
    const balance = await db().selectFrom('usage_balances').select(['used', 'held']).where('user_id', '=', userId).where('metric', '=', 'cv_generations').executeTakeFirstOrThrow();
    expect(balance).toEqual({ used: 2, held: 1 });
  });
});

describe('a CV request that waited in the queue longer than its hold', () => {
  // The sweeper releases holds past their TTL; a generation that then runs must still be paid for.
  const queuedCv = async (userId: string, at: Date) => {
    const id = randomUUID();
    await reserve(db(), { userId, metric: 'cv_generations', amount: 1, requestId: id, now: at, ttlMs: CV_HOLD_TTL_MS });
    await insertCvRequest(db(), { id, user_id: userId, job_description: 'Staff nurse, adult ICU. Essential: NMC registration, ILS.', template: 'full', as_of: '2026-11-22', created_at: at });
    return id;
  };
  const runJob = (cvId: string) => createJobHandlers(app.server.platform)[generateCvJob.name]!({ cvId }, { jobId: randomUUID(), attempt: 1, logger: app.server.platform.logger });

  it('is charged when it finally runs', async () => {
    const { client, userId } = await signUp(app);
    const queuedAt = new Date(Date.now() - CV_HOLD_TTL_MS - 60_000);
    const cvId = await queuedCv(userId, queuedAt);
    expect(await sweepHolds(db(), new Date())).toBeGreaterThanOrEqual(1);
    expect((await client.get('/api/me/plan')).body.usage.cvGenerations).toBe(0);
    await runJob(cvId);
    expect((await client.get('/api/me/plan')).body.usage.cvGenerations).toBe(1);
  });

  it('fails without charging when the allowance was used up meanwhile', async () => {
    const { client, userId } = await signUp(app);
    const cvId = await queuedCv(userId, new Date(Date.now() - CV_HOLD_TTL_MS - 60_000));
    await sweepHolds(db(), new Date());
    const limit = (await client.get('/api/me/plan')).body.plan.limits.cvGenerations as number;
    for (let i = 0; i < limit; i++) await reserve(db(), { userId, metric: 'cv_generations', amount: 1, requestId: `other-${i}`, now: new Date() });
    await runJob(cvId);
    const cv = (await client.get(`/api/cvs/${cvId}`)).body;
    expect(cv.status).toBe('failed');
    expect(cv.error).toContain('allowance is now used up');
  });
});
