import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../support/client.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { hasService, serviceEnv } from '../support/env.ts';
import { jobs, persona } from '../support/fixtures.ts';
import { startTestS3, type TestS3 } from '../support/s3.ts';
import { waitFor } from '../support/wait.ts';
import { startApiProcess, startWorkerProcess, type ApiProcess, type WorkerProcess } from '../support/worker-process.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai-server.ts';

/**
 * Medfolio past one machine (issue 16): two API processes and two worker processes, started
 * from the real entry points, each with a data directory of its own, sharing only PostgreSQL,
 * Redis, the S3 bucket (s3rver) and the encryption key. A CV asked for through API 1 is made by
 * the workers, its progress reaches a socket on API 2, and its PDF downloads through API 2. The
 * worker holding the job is killed mid-job: the other takes it over, and the CV is made once.
 */
const available = hasService(Boolean(serviceEnv.databaseUrl && serviceEnv.redisUrl), 'PostgreSQL and Redis (DATABASE_URL, REDIS_URL)');

describe.skipIf(!available)('two APIs and two workers on PostgreSQL, Redis and S3', () => {
  const ORIGIN = 'http://medfolio.test'; // the address a load balancer would answer on
  let s3: TestS3;
  let database: TestDatabase;
  let fake: FakeOpenAI;
  let db: pg.Client;
  const dirs: string[] = [];
  const processes: WorkerProcess[] = [];
  let apis: ApiProcess[] = [];
  let first: WorkerProcess;
  let shared: Record<string, string>;

  /** Each process has its own DATA_DIR: a file one writes reaches another only through S3. */
  const ownDataDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medfolio-mp-'));
    dirs.push(dir);
    return dir;
  };

  beforeAll(async () => {
    [s3, database, fake] = await Promise.all([startTestS3(), createTestDatabase(), startFakeOpenAI()]);
    // The model never answers: the first worker waits on it for as long as the test needs.
    fake.reply({ hang: true });
    db = new pg.Client({ connectionString: database.env.DATABASE_URL });
    await db.connect();
    shared = {
      ...database.env,
      ...s3.env,
      REDIS_URL: serviceEnv.redisUrl!,
      REDIS_PREFIX: `mft-mp-${randomBytes(4).toString('hex')}`,
      DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      APP_ORIGIN: ORIGIN,
      TRUST_PROXY: 'true',
      CHROMIUM_PATH: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      JOB_STUCK_AFTER_SECONDS: '5',
      JOB_SWEEP_INTERVAL_SECONDS: '1',
    };
    const llm = { LLM_BASE_URL: fake.url, LLM_MODEL: 'fake-model', LLM_API_KEY: 'k' };
    const started = await Promise.all([
      startApiProcess({ ...shared, DATA_DIR: ownDataDir() }),
      startApiProcess({ ...shared, DATA_DIR: ownDataDir() }),
      startWorkerProcess({ ...shared, ...llm, DATA_DIR: ownDataDir(), LLM_TIMEOUT_MS: '300000', LLM_STEP_DEADLINE_MS: '300000' }),
    ]);
    processes.push(...started);
    apis = started.slice(0, 2) as ApiProcess[];
    first = started[2]!;
  }, 90_000);

  afterAll(async () => {
    for (const proc of processes) await proc.kill();
    await db?.end();
    await fake?.close();
    await s3?.close();
    await database?.cleanup();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('makes a CV asked for on API 1 exactly once, through a worker lost mid-job, and serves it and its progress on API 2', async () => {
    const ip = `10.77.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;
    const st4 = persona('em-st4-locum.json');
    const one = new TestClient(apis[0]!.url, ORIGIN, ip);
    const registered = await one.post('/api/auth/register', { email: `mp-${randomBytes(4).toString('hex')}@example.org`, name: st4.basics.name, password: 'correct-lamp-riverbank-42' });
    expect(registered.status).toBe(201);
    const userId = registered.body.user.id as string;
    expect((await one.post('/api/import/json-resume', st4)).status).toBe(200);

    // The same session on API 2: sessions are rows, not any process's memory.
    const two = new TestClient(apis[1]!.url, ORIGIN, ip);
    for (const [name, value] of one.cookies) two.cookies.set(name, value);
    expect((await two.get('/api/me')).status).toBe(200);
    const socket: Socket = connect(apis[1]!.url, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie: two.cookieHeader(), origin: ORIGIN } });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.on('connect', resolve);
        socket.on('connect_error', reject);
      });
      const stages: string[] = [];
      socket.on('cv:progress', (e: { id: string; stage: string }) => stages.push(e.stage));

      const accepted = await one.post('/api/cvs', { jobDescription: jobs()[0]!.text });
      expect(accepted.status).toBe(202);
      const cvId = accepted.body.id as string;
      const jobOf = async (name: string) => (await db.query<{ status: string; attempts: number }>(`SELECT status, attempts FROM jobs WHERE name = $1 AND payload->>'cvId' = $2`, [name, cvId])).rows;

      // The only worker so far has the job and waits on the model; then it is lost, and a
      // second worker (which gives the model 2 s a step, then writes offline) starts.
      await waitFor('the first worker to be running the job', async () => (await jobOf('cv.generate'))[0]?.status === 'running' && fake.requestsTo('chat').length > 0, 30_000);
      await first.kill();
      const llm = { LLM_BASE_URL: fake.url, LLM_MODEL: 'fake-model', LLM_API_KEY: 'k', LLM_STEP_DEADLINE_MS: '2000' };
      processes.push(await startWorkerProcess({ ...shared, ...llm, DATA_DIR: ownDataDir() }));

      const cv = await waitFor(
        'the CV to finish (seen through API 2)',
        async () => {
          const res = await two.get(`/api/cvs/${cvId}`);
          return res.body.status === 'done' || res.body.status === 'failed' ? res.body : undefined;
        },
        60_000,
      );
      expect(cv.status).toBe('done');
      expect(cv.pdf).not.toBeNull();

      // Progress went from the workers, through Redis, to the socket held by API 2.
      await waitFor('the last stage on the socket', async () => stages.includes('done'), 10_000);
      expect(stages.length).toBeGreaterThan(1);

      // The PDF, written to S3 by a worker, downloads through API 2 (whose own disk has no files).
      const pdf = await fetch(`${apis[1]!.url}/api/cvs/${cvId}/pdf`, { headers: { cookie: two.cookieHeader(), 'x-forwarded-for': ip } });
      expect(pdf.status).toBe(200);
      expect(
        Buffer.from(await pdf.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
      const bucket = s3.storage();
      try {
        expect(await bucket.list(`cvs/${userId}`)).toHaveLength(1);
      } finally {
        bucket.close();
      }
      for (const dir of dirs) expect(fs.existsSync(path.join(dir, 'files', 'cvs'))).toBe(false);

      // Exactly once: the lost attempt was taken over, not repeated beside it.
      expect(await jobOf('cv.generate')).toEqual([{ status: 'done', attempts: 2 }]);
      expect(await jobOf('cv.render')).toEqual([{ status: 'done', attempts: 1 }]);
      const pdfs = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM cv_pdfs WHERE user_id = $1', [userId]);
      expect(pdfs.rows[0]!.n).toBe(1);
    } finally {
      socket.close();
    }
  }, 150_000);
});
