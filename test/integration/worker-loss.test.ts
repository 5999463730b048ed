import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { loadConfig } from '../../server/config/env.ts';
import { createLogger } from '../../server/platform/logger.ts';
import { startWorker } from '../../server/worker.ts';
import { heartbeatIntervalMs, worstCaseReclaimMs } from '../../server/platform/queue/queue.ts';
import type { Platform } from '../../server/composition.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { signUp } from '../support/accounts.ts';
import { hasService, serviceEnv } from '../support/env.ts';
import { jobs, persona } from '../support/fixtures.ts';
import { waitFor } from '../support/wait.ts';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai-server.ts';

/**
 * A worker process dies mid-job (issue 16, item 4): another worker takes the job over once the
 * dead one's heartbeat is stale, and the CV is made exactly once. The test runs on shortened
 * timings; `npm run bench:reclaim` measures the defaults.
 */
describe('the heartbeat defaults', () => {
  it('bring a dead worker’s job back within 60 s, with three heartbeats inside the stuck timeout', () => {
    const { jobs: timing } = loadConfig({});
    expect(worstCaseReclaimMs(timing)).toBeLessThanOrEqual(60_000);
    expect(heartbeatIntervalMs(timing.stuckAfterMs) * 3).toBeLessThanOrEqual(timing.stuckAfterMs);
  });
});

const available = hasService(Boolean(serviceEnv.databaseUrl && serviceEnv.redisUrl), 'PostgreSQL and Redis (DATABASE_URL, REDIS_URL)');

describe.skipIf(!available)('a worker killed mid-job', () => {
  let fake: FakeOpenAI;
  let app: TestApp;
  let dying: WorkerProcess | undefined;
  let survivor: Platform | undefined;

  beforeAll(async () => {
    fake = await startFakeOpenAI();
    fake.reply({ hang: true });
    const timing = { JOB_STUCK_AFTER_SECONDS: '5', JOB_SWEEP_INTERVAL_SECONDS: '1' };
    const llm = { LLM_BASE_URL: fake.url, LLM_MODEL: 'fake-model', LLM_API_KEY: 'k' };
    app = await startTestApp({ REDIS_URL: serviceEnv.redisUrl!, TRUST_PROXY: 'true', ...llm, ...timing, LLM_STEP_DEADLINE_MS: '2000' }, { worker: false });
    dying = await startWorkerProcess({
      ...app.database.env,
      REDIS_URL: serviceEnv.redisUrl!,
      REDIS_PREFIX: app.config.redisPrefix,
      DATA_DIR: app.config.dataDir,
      CHROMIUM_PATH: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      ...llm,
      ...timing,
      // This one waits on the hanging model for as long as the test needs.
      LLM_TIMEOUT_MS: '300000',
      LLM_STEP_DEADLINE_MS: '300000',
    });
  });
  afterAll(async () => {
    await dying?.kill();
    await survivor?.close();
    await app?.close();
    await fake?.close();
  });

  it('is taken over by another worker once its heartbeat is stale, and the CV is made once', async () => {
    const { client } = await signUp(app, { name: persona('em-st4-locum.json').basics.name });
    await client.post('/api/import/json-resume', persona('em-st4-locum.json'));
    const accepted = await client.post('/api/cvs', { jobDescription: jobs()[0]!.text });
    expect(accepted.status).toBe(202);
    const db = app.server.platform.database.db;
    const jobRow = () =>
      sql<{
        id: string;
        status: string;
        attempts: number;
        last_error: string | null;
      }>`SELECT id, status, attempts, last_error FROM jobs WHERE name = 'cv.generate' AND payload->>'cvId' = ${accepted.body.id}`
        .execute(db)
        .then((r) => r.rows[0]);
    // The worker process has the job and is waiting on the model.
    await waitFor('the worker process to be running the job', async () => (await jobRow())?.status === 'running' && fake.requestsTo('chat').length > 0, 60_000);

    await dying!.kill();
    const killedAt = performance.now();
    survivor = await startWorker(app.config, createLogger({ level: 'silent' }));
    const taken = await waitFor(
      'the job to be taken over',
      async () => {
        const row = await jobRow();
        return row && row.attempts >= 2 ? row : undefined;
      },
      30_000,
    );
    const reclaimMs = performance.now() - killedAt;
    expect(taken.attempts).toBe(2);
    expect(reclaimMs).toBeLessThanOrEqual(worstCaseReclaimMs(app.config.jobs) + 3_000);

    // The model still hangs: the survivor's step deadline (2 s) falls back to the offline steps.
    const cv = await waitFor(
      'the CV to finish',
      async () => {
        const res = await client.get(`/api/cvs/${accepted.body.id}`);
        return res.body.status === 'done' || res.body.status === 'failed' ? res.body : undefined;
      },
      60_000,
    );
    expect(cv.status).toBe('done');
    expect(cv.pdf).not.toBeNull();
    expect(await jobRow()).toMatchObject({ status: 'done', attempts: 2 });
    const renders = await sql<{ n: number }>`SELECT count(*)::int AS n FROM jobs WHERE name = 'cv.render' AND payload->>'cvId' = ${accepted.body.id}`.execute(db);
    expect(renders.rows[0]!.n).toBe(1);
  }, 120_000);
});
