import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import { startTestApp, type TestApp } from '../support/app.ts';
import { signUp } from '../support/accounts.ts';
import { jobs, personas } from '../support/fixtures.ts';
import { waitFor } from '../support/wait.ts';
import { serviceEnv } from '../support/env.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ TRUST_PROXY: 'true', ...(serviceEnv.redisUrl ? { REDIS_URL: serviceEnv.redisUrl } : {}) });
});
afterAll(async () => {
  await app?.close();
});

const st4 = () => personas().find((p) => p.file === 'em-st4-locum.json')!.resume;
const edJob = () => jobs().find((j) => j.file === 'ed-trust-registrar.txt')!.text;

describe('CV requests', () => {
  it('runs in the background, reports each stage over the socket, and ends with a checked draft and report', async () => {
    const { client } = await signUp(app, { name: st4().basics.name });
    await client.post('/api/import/json-resume', st4());
    const socket = connect(app.server.url, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie: client.cookieHeader(), origin: app.config.appOrigin } });
    await new Promise<void>((resolve, reject) => {
      socket.on('connect', resolve);
      socket.on('connect_error', reject);
    });
    const stages: string[] = [];
    socket.on('cv:progress', (e: { stage: string }) => stages.push(e.stage));
    await new Promise((r) => setTimeout(r, 150));

    const accepted = await client.post('/api/cvs', { jobDescription: edJob() });
    expect(accepted.status).toBe(202);
    const cv = await waitFor(
      'CV done',
      async () => {
        const res = await client.get(`/api/cvs/${accepted.body.id}`);
        return res.body.status === 'done' || res.body.status === 'failed' ? res.body : undefined;
      },
      60_000,
    );
    expect(cv.status).toBe('done');
    expect(cv.jobTitle).toContain('Trust Registrar in Emergency Medicine');
    expect(cv.summary.removed).toEqual([]);
    expect(cv.summary.requirements.unmet.map((r: { text: string }) => r.text).join(' ')).toContain('ATLS');
    expect(cv.summary.requirements.expired.map((r: { note: string }) => r.note)).toEqual(['Your Advanced Paediatric Life Support (APLS) expired on 9 June 2026.']);
    expect(cv.summary.warnings).toEqual(expect.arrayContaining([expect.stringContaining('APLS')]));
    expect(cv.draft.sections.map((s: { kind: string }) => s.kind)).toEqual(expect.arrayContaining(['registration', 'experience', 'training']));
    await waitFor('done event', async () => stages.includes('done'));
    expect(stages).toEqual(['analysing', 'retrieving', 'drafting', 'checking', 'rendering', 'done']);
    expect(cv.pdf).toEqual({ url: `/api/cvs/${cv.id}/pdf`, pages: expect.any(Number) });
    const pdf = await fetch(app.url(cv.pdf.url), { headers: { cookie: client.cookieHeader() } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const { extractPdfText } = await import('../../server/adapters/pdf/text-check.ts');
    const text = (await extractPdfText(Buffer.from(await pdf.arrayBuffer()))).text;
    expect(text).toContain(st4().basics.name);
    expect(text).toContain(st4().clinical.registrations[0].number);
    expect(text).toContain(st4().work[0].name);
    expect(text).not.toMatch(/[\uFB00-\uFB06]/);
    socket.close();

    const plan = await client.get('/api/me/plan');
    expect(plan.body.usage.cvGenerations).toBe(1);
    expect((await client.get('/api/cvs')).body.cvs).toHaveLength(1);
  });

  it('refuses a job description too short to use, and over the plan limit answers 429 with the reset time', async () => {
    const { client } = await signUp(app);
    const short = await client.post('/api/cvs', { jobDescription: 'Locum SHO' });
    expect(short.status).toBe(422);
    for (let i = 0; i < 3; i++) expect((await client.post('/api/cvs', { jobDescription: edJob() })).status).toBe(202);
    const over = await client.post('/api/cvs', { jobDescription: edJob() });
    expect(over.status).toBe(429);
    expect(over.body.error).toMatchObject({ code: 'QUOTA_EXCEEDED', details: { limit: 3, usage: 3 } });
    expect(over.body.error.details.resetsAt).toMatch(/-01T00:00:00.000Z$/);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
