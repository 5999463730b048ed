import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { signUp } from '../support/accounts.ts';
import { generateCv } from '../support/cv.ts';
import { jobs, persona } from '../support/fixtures.ts';

/**
 * Invisible bidirectional controls make text display differently from what it says ("Trojan
 * Source"): "Trust \u202Egnidaer" reads as "Trust reading" reversed on a recruiter's screen. Every
 * recruiter-facing text refuses them with a 422 naming the field (issue 16, item 6).
 */
const RLO = '\u202E';
const CONTROLS = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ TRUST_PROXY: 'true' });
});
afterAll(async () => {
  await app?.close();
});

describe('bidirectional control characters', () => {
  it('are refused in record fields, the profile name, share recipients and messages, and imports', async () => {
    const { client } = await signUp(app);
    for (const control of CONTROLS) {
      const post = await client.post('/api/posts', { employer: `Riverside ${control}tsurT SHN`, title: 'Staff Nurse', contract: 'bank', startDate: '2020-01-01' });
      expect(post.status).toBe(422);
      expect(post.body.error.details.issues).toEqual([{ path: 'body.employer', message: 'Employer must not contain control characters' }]);
    }
    const training = await client.post('/api/training', { name: `ALS ${RLO}9202`, completedOn: '2024-01-10' });
    expect(training.status).toBe(422);
    expect(training.body.error.details.issues.map((i: { path: string }) => i.path)).toContain('body.name');
    const profile = await client.patch('/api/me', { name: `Dr ${RLO}htimS` });
    expect(profile.status).toBe(422);
    expect(profile.body.error.details.issues[0].path).toBe('body.name');

    const resume = persona('icu-nurse-band6.json');
    resume.work[0].name = `${resume.work[0].name} ${RLO}x`;
    const imported = await client.post('/api/import/json-resume', resume);
    expect(imported.status).toBe(422);
    expect(imported.body.error.details.issues).toContainEqual({ path: 'body.work.0.name', message: 'Name must not contain control characters' });

    // Right-to-left names keep their ordinary direction marks.
    const rtl = await client.post('/api/posts', { employer: 'مستشفى الملك فهد\u200F Hospital', title: 'Staff Nurse', contract: 'bank', startDate: '2020-01-01' });
    expect(rtl.status).toBe(201);
  });

  it('are refused in a share’s recipient name and message', async () => {
    const { client } = await signUp(app, { name: persona('icu-nurse-band6.json').basics.name });
    await client.post('/api/import/json-resume', persona('icu-nurse-band6.json'));
    const cv = await generateCv(client, jobs()[0]!.text);
    const share = (body: Record<string, unknown>) => client.post(`/api/cvs/${cv.id}/shares`, { recipientEmail: 'r@agency.example', expiresInHours: 1, ...body });
    const name = await share({ recipientName: `Rae ${RLO}retiurceR` });
    expect(name.status).toBe(422);
    expect(name.body.error.details.issues[0].path).toBe('body.recipientName');
    const message = await share({ message: `Start date \u2066agreed\u2069` });
    expect(message.status).toBe(422);
    expect(message.body.error.details.issues[0].path).toBe('body.message');
    expect((await share({ recipientName: 'Rae Recruiter', message: 'As discussed.' })).status).toBe(201);
  }, 90_000);
});
