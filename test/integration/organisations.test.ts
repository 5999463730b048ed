import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/app.ts';
import { startSmtpServer } from '../support/smtp.ts';
import { signUp } from '../support/accounts.ts';
import { findInDatabase } from '../support/pii-scan.ts';
import { invite, joinOrganisation } from '../support/organisations.ts';
import type { TestClient } from '../support/client.ts';

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
const timeline = async (client: TestClient) => (await client.get('/api/audit?limit=200')).body.events as Array<{ action: string; actor: { type: string; id: string | null }; details: Record<string, unknown> }>;
const membersOf = async (client: TestClient, id: string) => (await client.get(`/api/organisations/${id}`)).body.members as Array<{ id: string; role: string; email: string | null; scope: string[] | null }>;
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
    expect(mail.text).toContain('your mandatory training');
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
    await db().updateTable('organisation_invitations').set({ expires_at: new Date(Date.now() - 1000) }).where('organisation_id', '=', orgId).where('status', '=', 'pending').execute();
    const expired = await invitee.client.post(`/api/invitations/${late.token}/accept`);
    expect(expired.status).toBe(410);
    expect(expired.body.error.message).toMatch(/^This invitation expired on \d{1,2} [A-Z][a-z]{2} \d{4}: ask the organisation to invite you again$/);
    expect((await app.client().get(`/api/invitations/${late.token}`)).status).toBe(410);
    expect((await membersOf(admin.client, orgId))).toHaveLength(1);

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
