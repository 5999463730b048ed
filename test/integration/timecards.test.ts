import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import { startTestApp, type TestApp } from '../support/app.ts';
import { startSmtpServer } from '../support/smtp.ts';
import { signUp } from '../support/accounts.ts';

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

const iso = (s: string) => new Date(s).toISOString();
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

/** The verifier link from the newest email to `to`. */
async function verifierLink(to: string, subject: RegExp) {
  const mail = await smtp.waitForEmail(to, subject);
  const match = mail.text.match(/https?:\/\/\S+\/verify\/[A-Za-z0-9_-]{43}/);
  if (!match) throw new Error('no verifier link');
  smtp.received.splice(smtp.received.indexOf(mail), 1);
  return new URL(match[0]).pathname;
}

const form = (path: string, fields: Record<string, string>) =>
  fetch(app.url(path), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
/** A referee's full answer: who they are, the declaration, and their decision. */
const SAM = { name: 'Dr Sam Okafor', role: 'Consultant in Emergency Medicine', organisation: 'Northgate University Hospitals', declaration: 'yes' };

describe('time cards', () => {
  it('clocks in and out with a break, updating the clinician’s other tabs live', async () => {
    const { client } = await signUp(app);
    const tab = connect(app.server.url, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie: client.cookieHeader(), origin: app.config.appOrigin } });
    await new Promise<void>((resolve, reject) => {
      tab.on('connect', resolve);
      tab.on('connect_error', reject);
    });
    const events: Array<{ id: string; status: string }> = [];
    tab.on('timecard:updated', (e) => events.push(e));

    const started = await client.post('/api/timecards/clock-in', { employer: 'Northgate University Hospitals NHS Foundation Trust', role: 'Locum Registrar, Emergency Medicine', at: hoursAgo(9) });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ status: 'open', clockOut: null, timeZone: 'Europe/London' });
    const id = started.body.id;
    expect((await client.post('/api/timecards/clock-in', { employer: 'Elsewhere', role: 'SHO' })).status).toBe(409);
    expect((await client.post(`/api/timecards/${id}/break`, { action: 'start', at: hoursAgo(4) })).body.onBreakSince).not.toBeNull();
    expect((await client.post(`/api/timecards/${id}/break`, { action: 'start' })).status).toBe(409);
    const back = await client.post(`/api/timecards/${id}/break`, { action: 'end', at: hoursAgo(3.5) });
    expect(back.body).toMatchObject({ breakMinutes: 30, onBreakSince: null });
    const done = await client.post(`/api/timecards/${id}/clock-out`, {});
    expect(done.status).toBe(200);
    expect(done.body.hoursWorked).toBeCloseTo(8.5, 1);
    expect((await client.post(`/api/timecards/${id}/clock-out`, {})).status).toBe(409);
    await new Promise((r) => setTimeout(r, 100));
    expect(events.filter((e) => e.id === id).length).toBeGreaterThanOrEqual(4);
    tab.close();
  });

  it('refuses an overlapping shift across employers, naming the clash', async () => {
    const { client } = await signUp(app);
    const first = await client.post('/api/timecards', {
      employer: 'Calder Valley Hospitals NHS Trust',
      role: 'Registrar',
      start: '2026-10-03T20:00:00+01:00',
      end: '2026-10-04T08:30:00+01:00',
      breakMinutes: 45,
    });
    expect(first.status).toBe(201);
    const clash = await client.post('/api/timecards', { employer: 'Pennine Acute Care NHS Trust', role: 'Registrar', start: '2026-10-04T07:00:00+01:00', end: '2026-10-04T15:00:00+01:00' });
    expect(clash.status).toBe(409);
    expect(clash.body.error.message).toContain('Calder Valley Hospitals NHS Trust');
    expect(clash.body.error.details.clash).toMatchObject({ id: first.body.id, clockIn: iso('2026-10-03T20:00:00+01:00') });
    // Back to back is fine.
    expect((await client.post('/api/timecards', { employer: 'Pennine Acute Care NHS Trust', role: 'Registrar', start: '2026-10-04T08:30:00+01:00', end: '2026-10-04T10:00:00+01:00' })).status).toBe(
      201,
    );
    const bad = await client.post('/api/timecards', { employer: 'X', role: 'Y', start: '2026-10-05T10:00:00Z', end: '2026-10-05T09:00:00Z' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.issues).toEqual([{ path: 'body.end', message: 'End must be after the start' }]);
    const noOffset = await client.post('/api/timecards', { employer: 'X', role: 'Y', start: '2026-10-05T10:00:00', end: '2026-10-05T12:00:00' });
    expect(noOffset.status).toBe(422);
  });

  it('warns about long shifts, short rest and more than 72 hours in 7 days', async () => {
    const { client } = await signUp(app);
    const long = await client.post('/api/timecards', { employer: 'A', role: 'SHO', start: '2026-09-01T07:00:00Z', end: '2026-09-01T21:30:00Z', breakMinutes: 30 });
    expect(long.body.warnings.map((w: { code: string }) => w.code)).toEqual(['LONG_SHIFT']);
    const short = await client.post('/api/timecards', { employer: 'B', role: 'SHO', start: '2026-09-02T06:00:00Z', end: '2026-09-02T14:00:00Z' });
    expect(short.body.warnings.map((w: { code: string }) => w.code)).toEqual(['SHORT_REST']);
    for (let day = 3; day <= 8; day++) {
      await client.post('/api/timecards', { employer: 'C', role: 'SHO', start: `2026-09-0${day}T08:00:00Z`, end: `2026-09-0${day}T19:00:00Z` });
    }
    const list = await client.get('/api/timecards');
    const last = list.body.timecards.find((t: { clockIn: string }) => t.clockIn === '2026-09-08T08:00:00.000Z');
    expect(last.warnings.map((w: { code: string }) => w.code)).toEqual(['OVER_72_HOURS_IN_7_DAYS']);
  });

  it('refuses to send a shift of a few seconds for approval, and says why', async () => {
    const { client } = await signUp(app);
    const slip = await client.post('/api/timecards', { employer: 'Northgate ED', role: 'Locum Registrar', start: '2026-10-17T08:00:00+01:00', end: '2026-10-17T08:00:05+01:00' });
    expect(slip.status).toBe(201);
    expect(slip.body.warnings.map((w: { code: string }) => w.code)).toContain('TOO_SHORT');
    const submitted = await client.post(`/api/timecards/${slip.body.id}/submit`, { supervisorName: 'Dr Sam Okafor', supervisorEmail: 'sam.okafor@example.org' });
    expect(submitted.status).toBe(409);
    expect(submitted.body.error.message).toMatch(/^This shift has 5 seconds of work, under 15 minutes: correct its times/);
    expect((await client.get(`/api/timecards/${slip.body.id}`)).body.status).not.toBe('submitted');
  });

  it('is approved or rejected by the supervisor through a single-use link, and approved shifts roll up', async () => {
    const { client } = await signUp(app, { name: 'Dr Aisha Rahman' });
    const shift = await client.post('/api/timecards', { employer: 'Northgate ED', role: 'Locum Registrar', start: '2026-10-17T08:00:00+01:00', end: '2026-10-17T20:30:00+01:00', breakMinutes: 30 });
    const submitted = await client.post(`/api/timecards/${shift.body.id}/submit`, { supervisorName: 'Dr Sam Okafor', supervisorEmail: 'sam.okafor@example.org' });
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({ subjectType: 'timecard', status: 'requested', relationship: 'Shift supervisor' });
    expect((await client.patch(`/api/timecards/${shift.body.id}`, { breakMinutes: 0 })).status).toBe(409);

    const link = await verifierLink('sam.okafor@example.org', /approve a shift/);
    const pageRes = await fetch(app.url(link));
    expect(pageRes.status).toBe(200);
    const pageHtml = await pageRes.text();
    expect(pageHtml).toContain('Did Dr Aisha Rahman work this shift?');
    expect(pageHtml).toContain('Northgate ED');
    expect(pageHtml).toContain('17 Oct 2026, 08:00');

    const noReason = await form(link, { ...SAM, decision: 'dispute' });
    expect(noReason.status).toBe(422);
    expect(await noReason.text()).toContain('Say what is wrong');
    const rejected = await form(link, { ...SAM, decision: 'dispute', comment: 'You left at 19:00, not 20:30.' });
    expect(rejected.status).toBe(200);
    expect((await form(link, { ...SAM, decision: 'confirm' })).status).toBe(410);
    expect((await fetch(app.url(link))).status).toBe(410);

    const afterReject = await client.get(`/api/timecards/${shift.body.id}`);
    expect(afterReject.body).toMatchObject({ status: 'rejected', rejectionReason: 'You left at 19:00, not 20:30.', decidedBy: 'Dr Sam Okafor' });
    const fixed = await client.patch(`/api/timecards/${shift.body.id}`, { end: '2026-10-17T19:00:00+01:00' });
    expect(fixed.body.status).toBe('open');
    await client.post(`/api/timecards/${shift.body.id}/submit`, { supervisorName: 'Dr Sam Okafor', supervisorEmail: 'sam.okafor@example.org' });
    const second = await verifierLink('sam.okafor@example.org', /approve a shift/);
    expect((await form(second, { ...SAM, decision: 'confirm' })).status).toBe(200);

    const rollup = await client.get('/api/timecards/rollup');
    expect(rollup.body).toEqual({
      rows: [{ employer: 'Northgate ED', role: 'Locum Registrar', shifts: 1, hours: 10.5, firstShift: iso('2026-10-17T08:00:00+01:00'), lastShift: iso('2026-10-17T08:00:00+01:00') }],
      totalHours: 10.5,
    });
    const audit = await client.get('/api/audit?limit=50');
    const byVerifier = audit.body.events.filter((e: { actor: { type: string } }) => e.actor.type === 'verifier').map((e: { action: string }) => e.action);
    expect(byVerifier).toEqual(['verification.confirmed', 'verification.disputed']);
  });
});

describe('verification of posts', () => {
  it('lets a referee confirm a post, raising its evidence level until the post changes', async () => {
    const { client } = await signUp(app, { name: 'Tomasz Nowak' });
    const post = await client.post('/api/posts', { employer: 'Severnside NHS Foundation Trust', title: 'Charge Nurse, Adult ICU', grade: 'Band 6', contract: 'substantive', startDate: '2022-04-01' });
    const req = await client.post('/api/verifications', {
      subjectType: 'post',
      subjectId: post.body.id,
      verifierName: 'Jo Matron',
      verifierEmail: 'jo.matron@example.org',
      relationship: 'Line manager',
    });
    expect(req.status).toBe(201);
    expect(req.body.summary).toBe('Charge Nurse, Adult ICU at Severnside NHS Foundation Trust, 1 Apr 2022 to present');
    const link = await verifierLink('jo.matron@example.org', /confirm a post/);
    const page = await (await fetch(app.url(link))).text();
    expect(page).toContain('Did Tomasz Nowak hold this post?');
    expect(
      (
        await form(link, {
          name: 'Jo Matron',
          role: 'Matron, Critical Care',
          organisation: 'Severnside NHS Foundation Trust',
          declaration: 'yes',
          decision: 'confirm',
          comment: '<script>alert(1)</script>',
        })
      ).status,
    ).toBe(200);
    expect((await client.get(`/api/posts/${post.body.id}`)).body.evidence).toBe('verifier-confirmed');
    const list = await client.get('/api/verifications');
    expect(list.body.verifications[0]).toMatchObject({ status: 'confirmed', comment: '<script>alert(1)</script>' });

    await client.patch(`/api/posts/${post.body.id}`, { grade: 'Band 7' });
    expect((await client.get(`/api/posts/${post.body.id}`)).body.evidence).toBe('self-declared');
    expect((await client.get(`/api/verifications/${req.body.id}`)).body.status).toBe('superseded');
  });

  it('withdraws an unanswered request, after which the link is gone', async () => {
    const { client } = await signUp(app);
    const post = await client.post('/api/posts', { employer: 'Irwell Medical Practice', title: 'GP Registrar', contract: 'substantive', startDate: '2020-08-05', endDate: '2021-08-04' });
    const req = await client.post('/api/verifications', { subjectType: 'post', subjectId: post.body.id, verifierName: 'Dr Trainer', verifierEmail: 'trainer@example.org', relationship: 'GP trainer' });
    const link = await verifierLink('trainer@example.org', /confirm a post/);
    expect((await client.delete(`/api/verifications/${req.body.id}`)).status).toBe(204);
    const gone = await fetch(app.url(link));
    expect(gone.status).toBe(410);
    expect(await gone.text()).toContain('withdrawn');
    expect((await fetch(app.url('/verify/not-a-token'))).status).toBe(410);
  });
});

describe('pages for people without an account', () => {
  it('answer errors as HTML pages, not JSON', async () => {
    const malformed = await fetch(app.url('/verify/not-a-token'));
    expect(malformed.headers.get('content-type')).toContain('text/html');
    const token = 'A'.repeat(43);
    const noDecision = await fetch(app.url(`/verify/${token}`), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    expect(noDecision.status).toBe(422);
    expect(noDecision.headers.get('content-type')).toContain('text/html');
    expect(await noDecision.text()).toContain('The form was not complete');
    const shareMalformed = await fetch(app.url('/s/x'));
    expect(shareMalformed.headers.get('content-type')).toContain('text/html');
  });
});
