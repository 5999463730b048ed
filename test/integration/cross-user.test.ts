import { RECORD_KINDS } from '../../server/domains/record/kinds.ts';
import { RECORD_SAMPLES } from '../support/record-samples.ts';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { signUp } from '../support/accounts.ts';
import { expectCrossUserIsolation } from '../support/cross-user.ts';
import type { TestClient } from '../support/client.ts';
import { tinyPng, uploadDocument } from '../support/files.ts';
import { assistantSocket, turn } from '../support/assistant.ts';
import { generateCv } from '../support/cv.ts';
import { startSmtpServer } from '../support/smtp.ts';
import { invite } from '../support/organisations.ts';

/**
 * Every owner-scoped route with an id must answer 404 to another user. Each issue that adds
 * such a route adds a factory here (the helper fails on a route without one).
 */
let app: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
beforeAll(async () => {
  smtp = await startSmtpServer();
  app = await startTestApp({ TRUST_PROXY: 'true', SMTP_URL: smtp.url });
});
afterAll(async () => {
  await app?.close();
  await smtp?.close();
});
const inviteToken = async (client: TestClient, organisationId: string, email: string) => (await invite(smtp, client, organisationId, email)).token;

const created = async (client: TestClient, path: string, body: unknown) => {
  const res = await client.post(path, body);
  if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
};

/** One valid item of every record kind, by its API path (the registry's samples). */
const recordBodies: Record<string, unknown> = Object.fromEntries(RECORD_KINDS.map((kind) => [kind.path, RECORD_SAMPLES[kind.type].valid]));

describe('cross-user access', () => {
  it("answers 404 to every route with an id when the resource is another user's", async () => {
    const owner = await signUp(app);
    const intruder = await signUp(app);
    const colleague = await signUp(app);
    // One rendered CV per owner, reused by the routes that need one.
    const rendered = new Map<TestClient, Promise<any>>();
    const renderedCv = (client: TestClient) => {
      if (!rendered.has(client)) {
        rendered.set(
          client,
          (async () => {
            await client.post('/api/posts', recordBodies.posts);
            return generateCv(client, 'Locum registrar in emergency medicine. Essential: full GMC registration, current ALS, experience of leading a shift.');
          })(),
        );
      }
      return rendered.get(client)!;
    };
    let shiftDay = 1;
    const newShift = async (client: TestClient) => {
      const day = String(shiftDay++).padStart(2, '0');
      return created(client, '/api/timecards', { employer: 'Owner Trust', role: 'SHO', start: `2026-09-${day}T08:00:00Z`, end: `2026-09-${day}T16:00:00Z` });
    };
    const newOrg = async (client: TestClient) => created(client, '/api/organisations', { name: 'Owner Trust', kind: 'trust' });
    const recordFactories = Object.fromEntries(
      Object.entries(recordBodies).flatMap(([path, body]) =>
        ['GET', 'PATCH', 'DELETE'].map((method) => [`${method} /api/${path}/:id`, async (client: TestClient) => ({ id: await created(client, `/api/${path}`, body) })]),
      ),
    );
    await expectCrossUserIsolation({
      routes: app.server.routes,
      owner: owner.client,
      intruder: intruder.client,
      resources: {
        'DELETE /api/me/sessions/:id': async (client) => ({ id: (await client.get('/api/me/sessions')).body.sessions[0].id }),
        'GET /api/organisations/:id': async (client) => ({ id: await newOrg(client) }),
        ...Object.fromEntries(
          [
            'POST /api/organisations/:id/invitations',
            'GET /api/organisations/:id/invitations',
            'DELETE /api/organisations/:id/members/self',
            'PUT /api/organisations/:id/my-consent',
            'GET /api/organisations/:id/compliance',
            'GET /api/organisations/:id/compliance.csv',
            'GET /api/organisations/:id/my-view',
            'GET /api/organisations/:id/usage',
          ].map((key) => [key, async (client: TestClient) => ({ id: await newOrg(client) })]),
        ),
        // The owner's invitation to their colleague: nobody else may accept it.
        'POST /api/invitations/:token/accept': async (client) => ({ token: await inviteToken(client, await newOrg(client), colleague.email) }),
        'DELETE /api/organisations/:id/invitations/:invitationId': async (client) => {
          const id = await newOrg(client);
          return { id, invitationId: (await client.post(`/api/organisations/${id}/invitations`, { email: 'invitee@example.org' })).body.id };
        },
        ...Object.fromEntries(
          ['DELETE /api/organisations/:id/members/:userId', 'PATCH /api/organisations/:id/members/:userId'].map((key) => [
            key,
            async (client: TestClient) => {
              const id = await newOrg(client);
              // Joined by consent: the colleague accepts the emailed invitation.
              const token = await inviteToken(client, id, colleague.email);
              await colleague.client.post(`/api/invitations/${token}/accept`);
              return { id, userId: colleague.userId };
            },
          ]),
        ),
        ...recordFactories,
        ...Object.fromEntries(
          [
            'GET /api/timecards/:id',
            'PATCH /api/timecards/:id',
            'DELETE /api/timecards/:id',
            'POST /api/timecards/:id/clock-out',
            'POST /api/timecards/:id/break',
            'POST /api/timecards/:id/submit',
          ].map((key) => [key, async (client: TestClient) => ({ id: await newShift(client) })]),
        ),
        ...Object.fromEntries(
          ['GET /api/documents/:id', 'GET /api/documents/:id/content', 'DELETE /api/documents/:id', 'POST /api/documents/:id/links'].map((key) => [
            key,
            async (client: TestClient) => ({ id: (await uploadDocument(app, client, tinyPng(), 'evidence.png')).body.id }),
          ]),
        ),
        ...Object.fromEntries(
          ['GET /api/conversations/:id', 'DELETE /api/conversations/:id'].map((key) => [
            key,
            async (client: TestClient) => {
              const socket = await assistantSocket(app, client);
              const result = await turn(socket, { text: 'What expires soon?' });
              socket.close();
              return { id: result.done.conversationId as string };
            },
          ]),
        ),
        ...Object.fromEntries(
          ['GET /api/cvs/:id/pdf', 'GET /api/cvs/:id/docx', 'POST /api/cvs/:id/shares', 'PATCH /api/cvs/:id', 'POST /api/cvs/:id/withdraw'].map((key) => [
            key,
            async (client: TestClient) => ({ id: (await renderedCv(client)).id as string }),
          ]),
        ),
        ...Object.fromEntries(
          ['GET /api/me/credentials/:id', 'POST /api/me/credentials/:id/withdraw'].map((key) => [
            key,
            async (client: TestClient) => {
              // A registration with a document on file is a credential.
              const recordId = await created(client, '/api/registrations', recordBodies.registrations);
              await uploadDocument(app, client, tinyPng(), 'gmc.png', { recordType: 'registration', recordId });
              const credentials = (await client.get('/api/me/credentials')).body.credentials as Array<{ id: string; status: string }>;
              return { id: credentials.find((c) => c.status === 'active')!.id };
            },
          ]),
        ),
        ...Object.fromEntries(
          ['GET /api/shares/:id', 'DELETE /api/shares/:id'].map((key) => [
            key,
            async (client: TestClient) => {
              const cv = await renderedCv(client);
              return { id: (await client.post(`/api/cvs/${cv.id}/shares`, { recipientEmail: 'r@example.org', expiresInHours: 1 })).body.id as string };
            },
          ]),
        ),
        // A CV compared with itself: both ids the owner's, both finished.
        'GET /api/cvs/:id/compare/:otherId': async (client) => {
          const id = (await renderedCv(client)).id as string;
          return { id, otherId: id };
        },
        'GET /api/cvs/:id': async (client) => {
          const res = await client.post('/api/cvs', { jobDescription: 'Locum registrar in emergency medicine. Essential: full GMC registration, current ALS.' });
          if (res.status !== 202) throw new Error(`cv: ${res.status}`);
          return { id: res.body.id };
        },
        'DELETE /api/documents/:id/links/:recordType/:recordId': async (client) => {
          const recordId = await created(client, '/api/training', recordBodies.training);
          const doc = await uploadDocument(app, client, tinyPng(), 'als.png', { recordType: 'training', recordId });
          return { id: doc.body.id, recordType: 'training', recordId };
        },
        ...Object.fromEntries(
          ['GET /api/me/export/:id', 'GET /api/me/export/:id/download'].map((key) => [
            key,
            async (client: TestClient) => {
              // One export at a time: the second factory call reuses the first.
              const res = await client.post('/api/me/export');
              return { id: (res.status === 202 ? res.body.id : (await client.get('/api/me/exports')).body.exports[0].id) as string };
            },
          ]),
        ),
        ...Object.fromEntries(
          ['PUT /api/prescreen/findings/:findingId/comment', 'DELETE /api/prescreen/findings/:findingId/comment'].map((key) => [
            key,
            async (client: TestClient) => {
              // Two posts a year apart: a gap finding to comment on.
              const post = { employer: 'Northgate Trust', title: 'Registrar', contract: 'locum' };
              await client.post('/api/posts', { ...post, startDate: '2019-01-01', endDate: '2019-06-30' });
              await client.post('/api/posts', { ...post, startDate: '2020-08-01', endDate: '2020-12-31' });
              const finding = (await client.get('/api/prescreen')).body.findings.find((f: { kind: string }) => f.kind === 'gap');
              await client.put(`/api/prescreen/findings/${finding.id}/comment`, { comment: 'Parental leave' });
              return { findingId: finding.id as string };
            },
          ]),
        ),
        ...Object.fromEntries(
          ['GET /api/verifications/:id', 'DELETE /api/verifications/:id'].map((key) => [
            key,
            async (client: TestClient) => {
              const post = await created(client, '/api/posts', recordBodies.posts);
              return { id: await created(client, '/api/verifications', { subjectType: 'post', subjectId: post, verifierName: 'Ref', verifierEmail: 'ref@example.org', relationship: 'Supervisor' }) };
            },
          ]),
        ),
      },
      sampleBodies: {
        'POST /api/organisations/:id/invitations': { email: 'x@example.org' },
        'PUT /api/organisations/:id/my-consent': { scope: [] },
        'PATCH /api/organisations/:id/members/:userId': { role: 'member' },
        'PATCH /api/posts/:id': { title: 'Taken over' },
        'POST /api/timecards/:id/break': { action: 'start' },
        'PUT /api/prescreen/findings/:findingId/comment': { comment: 'Not my gap' },
        'POST /api/documents/:id/links': { recordType: 'post', recordId: '00000000-0000-4000-8000-000000000000' },
        'POST /api/cvs/:id/shares': { recipientEmail: 'intruder@example.org', expiresInHours: 1 },
        'PATCH /api/cvs/:id': { showRefereeNames: true },
        'POST /api/timecards/:id/submit': { supervisorName: 'Me', supervisorEmail: 'me@example.org' },
      },
    });
    // Every route with an id, each kind's included: it grows with the record, past the default 30 s.
  }, 90_000);
});
