import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/app.ts';
import { startSmtpServer } from '../support/smtp.ts';
import { signUp } from '../support/accounts.ts';
import { findInDatabase } from '../support/pii-scan.ts';
import { invite, joinOrganisation } from '../support/organisations.ts';
import type { TestClient } from '../support/client.ts';
import { tinyPng, uploadDocument } from '../support/files.ts';
import { enforceRetention } from '../../server/domains/privacy/retention.ts';

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

const db = () => app.server.platform.database.db;
const freshAddress = () => `invitee-${randomBytes(5).toString('hex')}@example.org`;
const newOrg = async (client: TestClient, name = 'Calder Valley Practice') => {
  const res = await client.post('/api/organisations', { name, kind: 'practice' });
  expect(res.status).toBe(201);
  return res.body.id as string;
};
const timeline = async (client: TestClient) =>
  (await client.get('/api/audit?limit=200')).body.events as Array<{ action: string; actor: { type: string; id: string | null }; details: Record<string, unknown> }>;
const membersOf = async (client: TestClient, id: string) =>
  (await client.get(`/api/organisations/${id}`)).body.members as Array<{ id: string; role: string; email: string | null; scope: string[] | null }>;
const invitationRows = (orgId: string) => db().selectFrom('organisation_invitations').selectAll().where('organisation_id', '=', orgId).execute();

describe('joining an organisation by consent', () => {
  it('emails a single-use link whose page states the terms; only the invited account can accept; both timelines say so', async () => {
    const admin = await signUp(app, { name: 'Dr Ada Admin' });
    const member = await signUp(app, { name: 'Nurse Ben Member' });
    const orgId = await newOrg(admin.client);

    const { res, mail, token } = await invite(smtp, admin.client, orgId, member.email, { scope: ['registration', 'training', 'evidence'] });
    expect(res.body).toMatchObject({ email: member.email, role: 'member', scope: ['registration', 'training', 'evidence'], emailSent: true });
    expect(new Date(res.body.expiresAt).getTime() - Date.now()).toBeGreaterThan(13.9 * 24 * 3600 * 1000);
    expect(mail.subject).toBe('Dr Ada Admin invites you to join Calder Valley Practice on Medfolio');
    expect(mail.text).toContain('your training: each course');
    expect(mail.text).toContain('never sees your CVs');
    // Only a hash of the token is kept.
    expect(await findInDatabase(db(), [token])).toEqual([]);

    // Not a member until they accept.
    expect((await member.client.get(`/api/organisations/${orgId}`)).status).toBe(404);
    const page = await app.client().get(`/api/invitations/${token}`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ organisation: { name: 'Calder Valley Practice', kind: 'practice' }, email: member.email, role: 'member', scope: ['registration', 'training', 'evidence'] });
    expect(page.body.terms.join('\n')).toMatch(/Calder Valley Practice will see your name, your email address and:/);
    expect(page.body.terms.join('\n')).not.toContain('DBS');

    // Someone else holding the link (a forwarded email) gets the answer an unknown link gets, and nothing changes.
    const stranger = await signUp(app);
    const foreign = await stranger.client.post(`/api/invitations/${token}/accept`);
    expect(foreign.status).toBe(404);
    expect((await stranger.client.get(`/api/organisations/${orgId}`)).status).toBe(404);
    expect((await invitationRows(orgId))[0]).toMatchObject({ status: 'pending' });

    const accepted = await member.client.post(`/api/invitations/${token}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual({ organisationId: orgId });
    expect((await member.client.get(`/api/organisations/${orgId}`)).body).toMatchObject({ role: 'member', myScope: ['registration', 'training', 'evidence'] });
    // The decided invitation keeps no address.
    expect((await invitationRows(orgId))[0]).toMatchObject({ status: 'accepted', email: null });

    // Used once: a second try, by anyone, is refused and changes nothing.
    const again = await member.client.post(`/api/invitations/${token}/accept`);
    expect(again.status).toBe(410);
    expect(again.body.error.message).toBe('This invitation has already been accepted');
    expect((await app.client().post(`/api/invitations/${token}/decline`)).status).toBe(410);

    // Both sides audited; on the admin's timeline the member is a pseudonym, and on the member's the admin is.
    const mine = (await timeline(member.client)).find((e) => e.action === 'organisation.invitation_accepted')!;
    expect(mine.details).toMatchObject({ memberId: member.userId, scope: ['registration', 'training', 'evidence'] });
    const theirs = (await timeline(admin.client)).filter((e) => e.action.startsWith('organisation.'));
    expect(theirs.map((e) => e.action)).toEqual(['organisation.invitation_accepted', 'organisation.invitation_sent', 'organisation.created']);
    expect(theirs[0]!.actor.id).toMatch(/^p_/);
    expect(theirs[0]!.details.memberId).toMatch(/^p_/);
    expect(JSON.stringify(theirs)).not.toContain(member.userId);
    expect((await admin.client.get('/api/audit/verify')).body.ok).toBe(true);
    expect((await member.client.get('/api/audit/verify')).body.ok).toBe(true);
  });

  it('answers the same whether or not the address has an account; a new user signs up from the invitation and lands in it', async () => {
    const admin = await signUp(app);
    const existing = await signUp(app);
    const orgId = await newOrg(admin.client, 'Northgate Locum Agency');
    const newcomer = freshAddress();

    const a = await invite(smtp, admin.client, orgId, existing.email);
    const b = await invite(smtp, admin.client, orgId, newcomer);
    const shape = (body: Record<string, unknown>) => ({ ...body, id: 'x', email: 'x', expiresAt: 'x' });
    expect(shape(a.res.body)).toEqual(shape(b.res.body));
    expect(a.mail.text.replace(a.token, 'T').replaceAll(existing.email, 'E')).toEqual(b.mail.text.replace(b.token, 'T').replaceAll(newcomer, 'E'));
    expect(Object.keys((await app.client().get(`/api/invitations/${a.token}`)).body)).toEqual(Object.keys((await app.client().get(`/api/invitations/${b.token}`)).body));

    // The newcomer reads the invitation, creates an account with that address, and accepts.
    const page = await app.client().get(`/api/invitations/${b.token}`);
    expect(page.body.email).toBe(newcomer);
    const fresh = await signUp(app, { email: newcomer });
    expect((await fresh.client.post(`/api/invitations/${b.token}/accept`)).status).toBe(200);
    expect((await fresh.client.get('/api/organisations')).body.organisations).toEqual([{ id: orgId, name: 'Northgate Locum Agency', kind: 'practice', role: 'member' }]);
  });

  it('declining needs no account and leaves nothing changed but the answer; expired and unknown links are refused', async () => {
    const admin = await signUp(app);
    const orgId = await newOrg(admin.client);
    const invitee = await signUp(app);
    const { token } = await invite(smtp, admin.client, orgId, invitee.email);
    expect((await app.client().post(`/api/invitations/${token}/decline`)).status).toBe(204);
    expect((await invitee.client.post(`/api/invitations/${token}/accept`)).status).toBe(410);
    expect((await membersOf(admin.client, orgId)).map((m) => m.id)).toEqual([admin.userId]);
    expect((await timeline(invitee.client)).map((e) => e.action)).toContain('organisation.invitation_declined');
    expect((await timeline(admin.client)).map((e) => e.action)).toContain('organisation.invitation_declined');

    const late = await invite(smtp, admin.client, orgId, invitee.email);
    await db()
      .updateTable('organisation_invitations')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('organisation_id', '=', orgId)
      .where('status', '=', 'pending')
      .execute();
    const expired = await invitee.client.post(`/api/invitations/${late.token}/accept`);
    expect(expired.status).toBe(410);
    expect(expired.body.error.message).toMatch(/^This invitation expired on \d{1,2} [A-Z][a-z]{2} \d{4}: ask the organisation to invite you again$/);
    expect((await app.client().get(`/api/invitations/${late.token}`)).status).toBe(410);
    expect(await membersOf(admin.client, orgId)).toHaveLength(1);

    // A week after it expired, an unanswered invitation (and the address in it) is gone.
    await db()
      .updateTable('organisation_invitations')
      .set({ expires_at: new Date(Date.now() - 8 * 24 * 3600 * 1000) })
      .where('organisation_id', '=', orgId)
      .where('status', '=', 'pending')
      .execute();
    await enforceRetention({ db: db(), storage: app.server.platform.storage, queue: app.server.platform.queue, erasureGraceDays: 30 }, new Date());
    expect((await invitationRows(orgId)).filter((i) => i.status === 'pending')).toEqual([]);
    expect((await app.client().get(`/api/invitations/${late.token}`)).status).toBe(404);

    expect((await invitee.client.post(`/api/invitations/${'x'.repeat(43)}/accept`)).status).toBe(404);
    expect((await app.client().get('/api/invitations/short')).status).toBe(422);
  });

  it('refuses inviting yourself, a member, or from a non-admin; a new invitation replaces the pending one; a flood is rate-limited', async () => {
    const admin = await signUp(app);
    const member = await signUp(app);
    const orgId = await newOrg(admin.client);
    await joinOrganisation(smtp, admin.client, orgId, member);
    const before = await invitationRows(orgId);

    const self = await admin.client.post(`/api/organisations/${orgId}/invitations`, { email: admin.email.toUpperCase() });
    expect(self.status).toBe(422);
    expect(self.body.error.details.issues).toEqual([expect.objectContaining({ path: 'body.email' })]);
    expect((await admin.client.post(`/api/organisations/${orgId}/invitations`, { email: member.email })).status).toBe(409);
    expect((await member.client.post(`/api/organisations/${orgId}/invitations`, { email: freshAddress() })).status).toBe(403);
    expect((await admin.client.post(`/api/organisations/${orgId}/invitations`, { email: 'not-an-address' })).status).toBe(422);
    expect((await admin.client.post(`/api/organisations/${orgId}/invitations`, { email: freshAddress(), scope: ['cvs'] })).status).toBe(422);
    expect(await invitationRows(orgId)).toEqual(before);

    const address = freshAddress();
    const first = await invite(smtp, admin.client, orgId, address);
    const second = await invite(smtp, admin.client, orgId, address);
    expect((await app.client().get(`/api/invitations/${first.token}`)).status).toBe(410);
    expect((await app.client().get(`/api/invitations/${second.token}`)).status).toBe(200);
    expect((await admin.client.get(`/api/organisations/${orgId}/invitations`)).body.invitations.map((i: { email: string }) => i.email)).toEqual([address]);
    expect((await member.client.get(`/api/organisations/${orgId}/invitations`)).status).toBe(403);

    // A thousand invitations in a minute: the first few pass, then 429 with Retry-After, and nothing more is stored.
    const statuses: number[] = [];
    let refused: Awaited<ReturnType<TestClient['post']>> | undefined;
    for (let i = 0; i < 40 && !refused; i++) {
      const res = await admin.client.post(`/api/organisations/${orgId}/invitations`, { email: freshAddress() });
      statuses.push(res.status);
      if (res.status === 429) refused = res;
    }
    expect(refused?.status).toBe(429);
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 201).length).toBeLessThanOrEqual(30);
    const stored = (await invitationRows(orgId)).length;
    expect((await admin.client.post(`/api/organisations/${orgId}/invitations`, { email: freshAddress() })).status).toBe(429);
    expect((await invitationRows(orgId)).length).toBe(stored);

    // An admin may withdraw an invitation; the link then stops working.
    const other = await signUp(app);
    const otherOrg = await newOrg(other.client);
    const pending = await invite(smtp, other.client, otherOrg, freshAddress());
    expect((await other.client.delete(`/api/organisations/${otherOrg}/invitations/${pending.res.body.id}`)).status).toBe(204);
    expect((await app.client().get(`/api/invitations/${pending.token}`)).status).toBe(410);
  });
});

describe('members and roles', () => {
  it('a member can leave at any time; admins remove, promote and demote, but never the last admin', async () => {
    const admin = await signUp(app);
    const ben = await signUp(app);
    const cat = await signUp(app);
    const orgId = await newOrg(admin.client);
    await joinOrganisation(smtp, admin.client, orgId, ben);
    await joinOrganisation(smtp, admin.client, orgId, cat);

    // The last admin can neither leave nor step down while others remain.
    expect((await admin.client.delete(`/api/organisations/${orgId}/members/self`)).status).toBe(409);
    expect((await admin.client.patch(`/api/organisations/${orgId}/members/${admin.userId}`, { role: 'member' })).status).toBe(409);
    expect((await admin.client.delete(`/api/organisations/${orgId}/members/${admin.userId}`)).status).toBe(409);
    // Members cannot manage others.
    expect((await ben.client.patch(`/api/organisations/${orgId}/members/${cat.userId}`, { role: 'admin' })).status).toBe(403);
    expect((await ben.client.delete(`/api/organisations/${orgId}/members/${cat.userId}`)).status).toBe(403);
    // A member sees names and roles, not addresses or what others share.
    expect((await membersOf(ben.client, orgId)).every((m) => m.email === null && m.scope === null)).toBe(true);

    const promoted = await admin.client.patch(`/api/organisations/${orgId}/members/${ben.userId}`, { role: 'admin' });
    expect(promoted.status).toBe(200);
    expect(promoted.body.members.find((m: { id: string }) => m.id === ben.userId).role).toBe('admin');
    expect((await timeline(ben.client)).map((e) => e.action)).toContain('organisation.admin_granted');
    expect((await admin.client.delete(`/api/organisations/${orgId}/members/self`)).status).toBe(204);
    expect((await admin.client.get(`/api/organisations/${orgId}`)).status).toBe(404);
    expect((await timeline(admin.client)).map((e) => e.action)).toContain('organisation.left');
    expect((await timeline(ben.client)).find((e) => e.action === 'organisation.left')!.details.memberId).toMatch(/^p_/);

    // Cat leaves on her own.
    expect((await cat.client.delete(`/api/organisations/${orgId}/members/self`)).status).toBe(204);
    expect((await membersOf(ben.client, orgId)).map((m) => m.id)).toEqual([ben.userId]);
    // The sole member leaving takes the organisation with them.
    expect((await ben.client.delete(`/api/organisations/${orgId}/members/self`)).status).toBe(204);
    expect(await db().selectFrom('organisations').select('id').where('id', '=', orgId).execute()).toEqual([]);
  });

  it('an admin removes a member, who is told on their own timeline; a member changes what they share', async () => {
    const admin = await signUp(app);
    const ben = await signUp(app);
    const orgId = await newOrg(admin.client);
    await joinOrganisation(smtp, admin.client, orgId, ben, { scope: ['registration'] });
    const changed = await ben.client.put(`/api/organisations/${orgId}/my-consent`, { scope: ['training', 'registration', 'training'] });
    expect(changed.status).toBe(200);
    expect(changed.body.myScope).toEqual(['registration', 'training']);
    expect((await membersOf(admin.client, orgId)).find((m) => m.id === ben.userId)!.scope).toEqual(['registration', 'training']);
    expect((await timeline(admin.client)).find((e) => e.action === 'organisation.consent_changed')!.details).toMatchObject({ before: ['registration'], after: ['registration', 'training'] });

    expect((await admin.client.delete(`/api/organisations/${orgId}/members/${ben.userId}`)).status).toBe(204);
    expect((await ben.client.get(`/api/organisations/${orgId}`)).status).toBe(404);
    expect((await timeline(ben.client)).find((e) => e.action === 'organisation.member_removed')!.actor.id).toMatch(/^p_/);
    expect((await admin.client.delete(`/api/organisations/${orgId}/members/${ben.userId}`)).status).toBe(404);
  });
});

const inDays = (days: number) => new Date(Date.now() + days * 24 * 3600 * 1000).toISOString().slice(0, 10);

describe('what an organisation admin can see', () => {
  it('shows only consenting members, only what they consented to, with expiry counts; the member sees exactly the same; the CSV is injection-safe', async () => {
    const admin = await signUp(app, { name: 'Dr Ada Admin' });
    const full = await signUp(app, { name: 'Nurse Full Sharer' });
    const partial = await signUp(app, { name: 'Dr Partial Sharer' });
    const silent = await signUp(app, { name: 'Dr Shares Nothing' });
    const orgId = await newOrg(admin.client, 'Severnside Trust');
    await joinOrganisation(smtp, admin.client, orgId, full, { scope: ['registration', 'dbs', 'training', 'evidence'] });
    await joinOrganisation(smtp, admin.client, orgId, partial, { scope: ['training'] });
    await joinOrganisation(smtp, admin.client, orgId, silent);

    const post = await full.client.post('/api/registrations', { body: 'NMC', number: '09C1234E', status: 'Registered nurse', renewalDate: inDays(20), revalidationDate: inDays(400) });
    expect(post.status).toBe(201);
    await full.client.post('/api/dbs', {
      level: 'enhanced-barred',
      workforce: 'both',
      certificateNumber: '001234567890',
      issueDate: '2024-05-20',
      updateService: true,
      updateServiceRenewalDate: inDays(80),
    });
    const bls = await full.client.post('/api/training', { name: 'Basic Life Support', completedOn: '2025-01-10', expiresOn: inDays(45) });
    await uploadDocument(app, full.client, tinyPng(), 'bls.png', { recordType: 'training', recordId: bls.body.id });
    await full.client.post('/api/training', { name: '=HYPERLINK("http://evil.example","Click")', completedOn: '2020-01-10', expiresOn: inDays(-3) });
    await full.client.post('/api/posts', { employer: 'Secret Employer Ltd', title: 'Staff Nurse', contract: 'bank', startDate: '2022-01-01' });
    await partial.client.post('/api/registrations', { body: 'GMC', number: '7654321', status: 'Full registration', renewalDate: inDays(10) });
    await partial.client.post('/api/training', { name: 'Safeguarding Adults Level 3', completedOn: '2025-02-01', expiresOn: inDays(70) });
    await silent.client.post('/api/training', { name: 'Fire Safety', completedOn: '2025-02-01', expiresOn: inDays(5) });

    const view = await admin.client.get(`/api/organisations/${orgId}/compliance`);
    expect(view.status).toBe(200);
    expect(view.body.notSharing).toBe(2); // the admin shares nothing by default, and neither does the silent member
    expect(view.body.members.map((m: { name: string }) => m.name).sort()).toEqual(['Dr Partial Sharer', 'Nurse Full Sharer']);
    const fullView = view.body.members.find((m: { memberId: string }) => m.memberId === full.userId);
    expect(fullView).toEqual({
      memberId: full.userId,
      name: 'Nurse Full Sharer',
      scope: ['registration', 'dbs', 'training', 'evidence'],
      registrations: [{ body: 'NMC', status: 'Registered nurse', renewalDate: inDays(20), revalidationDate: inDays(400), evidence: 'self-declared' }],
      dbsChecks: [{ level: 'enhanced-barred', workforce: 'both', issueDate: '2024-05-20', updateService: true, updateServiceRenewalDate: inDays(80), evidence: 'self-declared' }],
      training: [
        { name: '=HYPERLINK("http://evil.example","Click")', completedOn: '2020-01-10', expiresOn: inDays(-3), evidence: 'self-declared' },
        { name: 'Basic Life Support', completedOn: '2025-01-10', expiresOn: inDays(45), evidence: 'document-backed' },
      ],
      expiring: { expired: 1, within30: 1, within60: 2, within90: 3 },
    });
    const partialView = view.body.members.find((m: { memberId: string }) => m.memberId === partial.userId);
    expect(partialView).toMatchObject({
      registrations: null,
      dbsChecks: null,
      training: [{ name: 'Safeguarding Adults Level 3', evidence: null }],
      expiring: { expired: 0, within30: 0, within60: 0, within90: 1 },
    });
    expect(view.body.expiring).toEqual({ expired: 1, within30: 1, within60: 2, within90: 4 });
    // Never a number, a document, a post, or anything of a member who shares nothing.
    const raw = JSON.stringify(view.body);
    for (const absent of ['09C1234E', '001234567890', '7654321', 'Secret Employer', 'bls.png', 'Fire Safety', silent.userId, full.email]) expect(raw).not.toContain(absent);

    // The member sees exactly what the organisation sees.
    const mine = await full.client.get(`/api/organisations/${orgId}/my-view`);
    expect(mine.status).toBe(200);
    expect(mine.body.sees).toEqual(fullView);
    expect(mine.body.terms[0]).toBe('If you accept, Severnside Trust will see your name, your email address and:');
    expect((await silent.client.get(`/api/organisations/${orgId}/my-view`)).body.sees).toBeNull();

    // Only admins; another user's organisation is a 404.
    expect((await full.client.get(`/api/organisations/${orgId}/compliance`)).status).toBe(403);
    expect((await full.client.get(`/api/organisations/${orgId}/compliance.csv`)).status).toBe(403);
    const stranger = await signUp(app);
    expect((await stranger.client.get(`/api/organisations/${orgId}/my-view`)).status).toBe(404);

    const csv = await fetch(app.url(`/api/organisations/${orgId}/compliance.csv`), { headers: { cookie: admin.client.cookieHeader() } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="compliance-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = (await csv.text())
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('"Member","Item","Detail","Completed or issued","Expires or renews","Evidence"');
    expect(lines).toContain(`"Nurse Full Sharer","'=HYPERLINK(""http://evil.example"",""Click"")","training","2020-01-10","${inDays(-3)}","self-declared"`);
    expect(lines).toContain(`"Nurse Full Sharer","Basic Life Support","training","2025-01-10","${inDays(45)}","document on file"`);
    expect(lines).toContain(`"Nurse Full Sharer","Enhanced with barred lists DBS check","child and adult workforce, on the update service","2024-05-20","${inDays(80)}","self-declared"`);
    expect(lines.some((l) => l.includes('Fire Safety') || l.includes('09C1234E'))).toBe(false);
    // Every cell that could start a formula is neutralised.
    for (const line of lines.slice(1)) for (const cell of line.slice(1, -1).split('","')) expect(cell).not.toMatch(/^[=+\-@]/);

    // Withdrawing consent takes effect at once.
    expect((await full.client.put(`/api/organisations/${orgId}/my-consent`, { scope: [] })).status).toBe(200);
    const after = await admin.client.get(`/api/organisations/${orgId}/compliance`);
    expect(after.body.members.map((m: { memberId: string }) => m.memberId)).toEqual([partial.userId]);
    expect(after.body.notSharing).toBe(3);
  });
});
