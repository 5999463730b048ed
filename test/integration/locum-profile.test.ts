import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { signUp } from '../support/accounts.ts';
import { buildSnapshot } from '../../server/cv-render/build.ts';
import { renderCvHtml } from '../../server/cv-render/templates.ts';
import { loadAiRecord } from '../../server/ai/record-view.ts';
import { pseudonymisedRecord } from '../../server/ai/context.ts';

/**
 * The locum profile: specialties and availability, kept on the profile, printed on the one-page
 * locum CV beside compliance, carried by JSON Resume's clinical extension, and never sent to a model.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const db = () => app.server.platform.database.db;
const issuesOf = (res: { body: any }) => Object.fromEntries((res.body.error?.details?.issues ?? []).map((i: { path: string; message: string }) => [i.path, i.message]));

const AVAILABILITY = {
  specialties: ['Emergency medicine', 'Acute medicine'],
  shiftPatterns: ['nights', 'long-days', 'weekends'],
  noticeDays: 14,
  regions: ['Greater Manchester', 'West Yorkshire'],
  travelRadiusMiles: 40,
  availableFrom: '2099-01-01',
};

describe('the locum profile', () => {
  it('is empty until given, replaced by PUT, and refuses bad values with the field named', async () => {
    const { client } = await signUp(app);
    expect((await client.get('/api/me/locum-profile')).body).toEqual({ specialties: [], shiftPatterns: [], noticeDays: null, regions: [], travelRadiusMiles: null, availableFrom: null });
    const soon = { ...AVAILABILITY, availableFrom: new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10) };
    const saved = await client.put('/api/me/locum-profile', soon);
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual(soon);
    expect((await client.get('/api/me/locum-profile')).body).toEqual(soon);
    // A field left out is cleared: PUT replaces the whole profile.
    expect((await client.put('/api/me/locum-profile', { specialties: ['Emergency medicine'] })).body).toMatchObject({ specialties: ['Emergency medicine'], noticeDays: null, regions: [] });
    expect((await client.get('/api/audit?limit=5')).body.events.map((e: { action: string }) => e.action)).toContain('profile.updated');

    const bad = await client.put('/api/me/locum-profile', { noticeDays: -1, travelRadiusMiles: 2.5, shiftPatterns: ['mornings'], specialties: ['ICU', 'icu'], availableFrom: '2025-02-30' });
    expect(bad.status).toBe(422);
    expect(issuesOf(bad)).toMatchObject({
      'body.noticeDays': 'Notice must be at least 0',
      'body.travelRadiusMiles': 'Travel radius must be a whole number',
      'body.shiftPatterns.0': 'Shift patterns 1 must be one of: days, long days, nights, twilights, weekends, on call',
      'body.specialties': 'Specialties must not name the same one twice',
      'body.availableFrom': 'Available from is not a real calendar date',
    });
    const far = await client.put('/api/me/locum-profile', { availableFrom: '2099-01-01' });
    expect(issuesOf(far)).toEqual({ 'body.availableFrom': 'Available from is more than a year ahead' });
    expect((await client.get('/api/me/locum-profile')).body.specialties).toEqual(['Emergency medicine']);
    // Each clinician has their own.
    const other = await signUp(app);
    expect((await other.client.get('/api/me/locum-profile')).body.specialties).toEqual([]);
    expect((await app.client().get('/api/me/locum-profile')).status).toBe(401);
  });

  it('prints on the one-page locum CV in the compliance panel, only what was entered, and never on a full CV or in a prompt', async () => {
    const { client, userId } = await signUp(app);
    await client.put('/api/me/locum-profile', { specialties: ['Tropical medicine'], shiftPatterns: ['nights', 'on-call'], noticeDays: 0, availableFrom: '2020-01-01' });
    const registration = (await client.post('/api/registrations', { body: 'GMC', number: '7123456', status: 'Full registration with a licence to practise' })).body;
    const draft = {
      sections: [
        {
          kind: 'registration' as const,
          title: 'Registration',
          items: [{ title: 'GMC registration', subtitle: null, dates: null, bullets: [], cites: [{ type: 'registration', id: registration.id }] }],
        },
        // A model's availability section is never printed: the record's is.
        { kind: 'availability' as const, title: 'Availability', items: [{ title: 'Available every day', subtitle: null, dates: null, bullets: [], cites: [{ type: 'profile', id: 'profile' }] }] },
      ],
    };
    const locum = await buildSnapshot(db(), userId, { template: 'locum', draft, jobTitle: null });
    expect(locum.sections.map((s) => s.kind)).toEqual(['availability', 'registration']);
    expect(locum.sections[0]).toMatchObject({
      title: 'Specialties and availability',
      items: [
        { title: 'Specialties', subtitle: 'Tropical medicine' },
        { title: 'Shift patterns', subtitle: 'Nights, on call' },
        // A start date already reached reads as now.
        { title: 'Available', subtitle: 'Now' },
        { title: 'Notice', subtitle: 'No notice needed' },
      ],
    });
    const html = renderCvHtml(locum);
    const aside = html.slice(html.indexOf('<aside'), html.indexOf('</aside>'));
    expect(aside).toContain('Specialties and availability');
    expect(aside).toContain('Tropical medicine');
    expect(html).not.toContain('Available every day');

    const full = await buildSnapshot(db(), userId, { template: 'uk-doctor', draft, jobTitle: null });
    expect(full.sections.map((s) => s.kind)).toEqual(['registration']);

    const seen = JSON.stringify(pseudonymisedRecord(await loadAiRecord(db(), userId, new Date())));
    expect(seen).not.toContain('Tropical medicine');
  });

  it('travels in JSON Resume under clinical.locumProfile: export, import and export again identically; a file that leaves a field out keeps ours', async () => {
    const { client } = await signUp(app, { name: 'Dr Locum Export' });
    const given = { ...AVAILABILITY, availableFrom: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10) };
    await client.put('/api/me/locum-profile', given);
    const exported = (await client.get('/api/export/json-resume')).body;
    expect(exported.clinical.locumProfile).toEqual(given);

    const other = await signUp(app, { name: 'Dr Locum Export' });
    const imported = await other.client.post('/api/import/json-resume', exported);
    expect(imported.status).toBe(200);
    expect(imported.body.notImported.filter((n: { path: string }) => n.path.startsWith('clinical.'))).toEqual([]);
    expect((await other.client.get('/api/me/locum-profile')).body).toEqual(given);
    const again = (await other.client.get('/api/export/json-resume')).body;
    expect({ ...again, basics: undefined, meta: undefined }).toEqual({ ...exported, basics: undefined, meta: undefined });

    // A file giving only some fields changes those, and an unknown field is reported, not dropped silently.
    const partial = await other.client.post('/api/import/json-resume', { clinical: { locumProfile: { noticeDays: 7, pager: 'yes' } } });
    expect(partial.body.notImported).toContainEqual({ path: 'clinical.locumProfile.pager', reason: 'not a field Medfolio keeps' });
    expect((await other.client.get('/api/me/locum-profile')).body).toEqual({ ...given, noticeDays: 7 });

    const bad = await other.client.post('/api/import/json-resume', { clinical: { locumProfile: { travelRadiusMiles: -5, shiftPatterns: ['mornings'] } } });
    expect(bad.status).toBe(422);
    expect(Object.keys(issuesOf(bad)).sort()).toEqual(['body.clinical.locumProfile.shiftPatterns.0', 'body.clinical.locumProfile.travelRadiusMiles']);
    expect((await other.client.get('/api/me/locum-profile')).body.noticeDays).toBe(7);
  });
});
