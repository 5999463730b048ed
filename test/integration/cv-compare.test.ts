import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/app.ts';
import { signUp } from '../support/accounts.ts';
import { job, persona } from '../support/fixtures.ts';
import { generateCv } from '../support/cv.ts';
import { serviceEnv } from '../support/env.ts';
import { insertCvRequest, updateCvRequest } from '../../server/domains/cvs/repo.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ ...(serviceEnv.redisUrl ? { REDIS_URL: serviceEnv.redisUrl } : {}) });
});
afterAll(async () => {
  await app?.close();
});

const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/;
const RAW_STATUS = /\b(probably-met|unmet)\b/;

describe('Comparing two CVs', () => {
  it('lists the entries and requirements that differ between CVs for two adverts, and refuses what it cannot compare', async () => {
    const st4 = persona('em-st4-locum.json');
    const { client, userId } = await signUp(app, { name: st4.basics.name });
    expect((await client.post('/api/import/json-resume', st4)).status).toBeLessThan(300);
    const ed = await generateCv(client, job('ed-trust-registrar.txt'));
    const acute = await generateCv(client, job('clinical-fellow-acute-medicine.txt'));
    expect([ed.status, acute.status]).toEqual(['done', 'done']);

    const res = await client.get(`/api/cvs/${ed.id}/compare/${acute.id}`);
    expect(res.status).toBe(200);
    const diff = res.body;
    expect(diff.first).toEqual({ id: ed.id, jobTitle: ed.jobTitle, createdAt: ed.createdAt });
    expect(diff.second.id).toBe(acute.id);
    expect(diff.sameJob).toBe(false);

    // ATLS is asked for by the emergency advert only; MRCP by the acute medicine advert only.
    const texts = (list: Array<{ text: string }>) => list.map((r) => r.text).join(' | ');
    expect(texts(diff.requirements.onlyInFirst)).toMatch(/ATLS/);
    expect(texts(diff.requirements.onlyInSecond)).toMatch(/MRCP/);
    expect(texts(diff.requirements.onlyInSecond)).not.toMatch(/ATLS/);
    for (const r of [...diff.requirements.onlyInFirst, ...diff.requirements.onlyInSecond]) expect(r.statusWords).not.toMatch(RAW_STATUS);
    // Every requirement of either advert is accounted for exactly once.
    const count = (cv: { summary: { requirements: Record<string, unknown[]> } }) => Object.values(cv.summary.requirements).reduce((n, l) => n + l.length, 0);
    expect(diff.requirements.changed.length + diff.requirements.unchanged + diff.requirements.onlyInFirst.length).toBe(count(ed));
    expect(diff.requirements.changed.length + diff.requirements.unchanged + diff.requirements.onlyInSecond.length).toBe(count(acute));

    // Entries: each side's count adds up to the items of its draft, and the two tailored CVs differ somewhere.
    const items = (cv: { draft: { sections: Array<{ items: unknown[] }> } }) => cv.draft.sections.reduce((n, s) => n + s.items.length, 0);
    const full = async (id: string) => (await client.get(`/api/cvs/${id}`)).body;
    const [edFull, acuteFull] = [await full(ed.id), await full(acute.id)];
    expect(diff.items.unchanged + diff.items.removed.length).toBe(items(edFull));
    expect(diff.items.unchanged + diff.items.added.length).toBe(items(acuteFull));
    expect(diff.items.unchanged).toBeGreaterThan(0);
    for (const i of [...diff.items.added, ...diff.items.removed])
      expect(i).toEqual({ section: expect.any(String), title: expect.any(String), subtitle: expect.toSatisfy((s: unknown) => s === null || typeof s === 'string') });

    // The other way round: added and removed swap.
    const back = (await client.get(`/api/cvs/${acute.id}/compare/${ed.id}`)).body;
    expect(back.items.added).toEqual(diff.items.removed);
    expect(back.items.removed).toEqual(diff.items.added);
    expect(back.requirements.onlyInFirst).toEqual(diff.requirements.onlyInSecond);

    // A new version for the same advert once ATLS is in the record: the course is added and the requirement now met.
    expect((await client.post('/api/training', { name: 'Advanced Trauma Life Support (ATLS)', completedOn: '2026-09-01' })).status).toBe(201);
    const ed2 = await generateCv(client, job('ed-trust-registrar.txt'));
    expect(ed2.status).toBe('done');
    const version = (await client.get(`/api/cvs/${ed.id}/compare/${ed2.id}`)).body;
    expect(version.sameJob).toBe(true);
    expect(version.items.added.map((i: { title: string }) => i.title).join(' | ')).toMatch(/ATLS|Advanced Trauma Life Support/);
    expect(version.items.removed).toEqual([]);
    expect(version.requirements.onlyInFirst).toEqual([]);
    expect(version.requirements.onlyInSecond).toEqual([]);
    expect(version.requirements.changed).toEqual([expect.objectContaining({ key: 'atls', from: 'unmet', to: 'met', fromWords: 'not met', toWords: 'met' })]);

    // A CV with itself: nothing differs.
    const same = (await client.get(`/api/cvs/${ed.id}/compare/${ed.id}`)).body;
    expect(same.sameJob).toBe(true);
    expect([same.items.added, same.items.removed, same.requirements.changed, same.requirements.onlyInFirst]).toEqual([[], [], [], []]);

    // Unfinished and failed CVs: 409, in words.
    const db = app.server.platform.database.db;
    const queuedId = randomUUID();
    const now = new Date();
    await insertCvRequest(db, { id: queuedId, user_id: userId, job_description: 'Unfinished', template: 'full', as_of: '2026-01-01', created_at: now });
    const unfinished = await client.get(`/api/cvs/${ed.id}/compare/${queuedId}`);
    expect(unfinished.status).toBe(409);
    expect(unfinished.body.error.message).toBe('The second CV is not finished yet: compare it once it is ready');
    expect(unfinished.body.error.message).not.toMatch(ISO_DATE);
    await updateCvRequest(db, queuedId, { status: 'failed', stage: 'failed' }, now);
    const failed = await client.get(`/api/cvs/${queuedId}/compare/${ed.id}`);
    expect(failed.status).toBe(409);
    expect(failed.body.error.message).toMatch(/^The first CV could not be made/);

    // Another user's CV is not found; bad ids are 422.
    const other = await signUp(app);
    expect((await other.client.get(`/api/cvs/${ed.id}/compare/${acute.id}`)).status).toBe(404);
    expect((await client.get(`/api/cvs/${ed.id}/compare/${randomUUID()}`)).status).toBe(404);
    const bad = await client.get(`/api/cvs/${ed.id}/compare/not-an-id`);
    expect(bad.status).toBe(422);
  }, 180_000);
});
