import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Secret, TOTP } from 'otpauth';
import { io as connect } from 'socket.io-client';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../support/app.ts';
import { startSmtpServer, linkFrom } from '../support/smtp.ts';
import { signIn, signUp, STRONG_PASSWORD } from '../support/accounts.ts';
import { serviceEnv } from '../support/env.ts';
import { waitFor } from '../support/wait.ts';
import { TestClient } from '../support/client.ts';

let app: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

beforeAll(async () => {
  smtp = await startSmtpServer();
  app = await startTestApp({ SMTP_URL: smtp.url, TRUST_PROXY: 'true', ...(serviceEnv.redisUrl ? { REDIS_URL: serviceEnv.redisUrl } : {}) });
});
afterAll(async () => {
  await app?.close();
  await smtp?.close();
});

const totpCode = (secret: string, at = Date.now()) => new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate({ timestamp: at });

describe('the account journey over HTTP', () => {
  it('signs up, verifies the email, enrols TOTP, signs in with it, and uses a recovery code once', async () => {
    const { client, email } = await signUp(app, { name: 'Dr Aisha Rahman' });
    const me = await client.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email, name: 'Dr Aisha Rahman', emailVerified: false, twoFactorEnabled: false, role: 'clinician' });
    expect(me.body).not.toHaveProperty('password_hash');

    // Verify the email through the link that arrived over SMTP.
    const mail = await smtp.waitForEmail(email, /Confirm your email/);
    const link = linkFrom(mail, '/verify-email');
    expect(link.origin).toBe(app.config.appOrigin);
    const token = link.searchParams.get('token')!;
    expect((await client.post('/api/auth/verify-email', { token })).status).toBe(200);
    expect((await client.get('/api/me')).body.emailVerified).toBe(true);
    const again = await client.post('/api/auth/verify-email', { token });
    expect(again.status).toBe(410);

    // Enrol TOTP: re-authentication first; enabling signs out the other sessions.
    const otherDevice = await signIn(app, email, STRONG_PASSWORD);
    expect((await client.post('/api/me/two-factor/setup', { password: 'not-my-password-1' })).status).toBe(422);
    const setup = await client.post('/api/me/two-factor/setup', { password: STRONG_PASSWORD });
    expect(setup.status).toBe(200);
    expect(setup.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\/Medfolio:/);
    expect(setup.body.qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);
    expect((await client.post('/api/me/two-factor/enable', { code: '000000' })).status).toBe(422);
    const enabled = await client.post('/api/me/two-factor/enable', { code: totpCode(setup.body.secret) });
    expect(enabled.status).toBe(200);
    const recoveryCodes: string[] = enabled.body.recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect((await otherDevice.get('/api/me')).status).toBe(401);
    expect((await client.get('/api/me')).status).toBe(200);
    const stored = await sql<{ totp_secret: string }>`SELECT totp_secret FROM users WHERE email = ${email}`.execute(app.server.platform.database.db);
    expect(stored.rows[0]!.totp_secret).not.toContain(setup.body.secret);

    expect((await client.post('/api/auth/logout')).status).toBe(204);
    expect((await client.get('/api/me')).status).toBe(401);

    // Password alone is not enough any more.
    const noCode = await app.client().post('/api/auth/login', { email, password: STRONG_PASSWORD });
    expect(noCode.status).toBe(401);
    expect(noCode.body.error.details).toEqual({ twoFactorRequired: true });

    // A valid code signs in; the same code cannot be used again. (Generated for the next step so
    // that enrolment's code, from this step, does not collide with it.)
    const nextStep = Date.now() + 30_000;
    const code = totpCode(setup.body.secret, nextStep);
    const withCode = await app.client().post('/api/auth/login', { email, password: STRONG_PASSWORD, totp: code });
    expect(withCode.status).toBe(200);
    const reused = await app.client().post('/api/auth/login', { email, password: STRONG_PASSWORD, totp: code });
    expect(reused.status).toBe(401);

    // A recovery code works once.
    const recovery = await app.client().post('/api/auth/login', { email, password: STRONG_PASSWORD, totp: recoveryCodes[0] });
    expect(recovery.status).toBe(200);
    expect(recovery.body.user.recoveryCodesRemaining).toBe(9);
    const recoveryAgain = await app.client().post('/api/auth/login', { email, password: STRONG_PASSWORD, totp: recoveryCodes[0] });
    expect(recoveryAgain.status).toBe(401);

    // The timeline tells the story, newest first.
    const signedIn = await signIn(app, email, STRONG_PASSWORD, recoveryCodes[1]);
    const audit = await signedIn.get('/api/audit?limit=100');
    const actions: string[] = audit.body.events.map((e: { action: string }) => e.action);
    expect(actions.slice(-2)).toEqual(['session.created', 'user.registered']);
    expect(actions).toEqual(expect.arrayContaining(['email.verified', 'password.check_failed', 'two_factor.setup_started', 'two_factor.enabled', 'session.ended', 'login.failed', 'session.created']));
  });

  it('refuses weak passwords and duplicate emails with clear errors', async () => {
    const client = app.client();
    const short = await client.post('/api/auth/register', { email: 'short@example.org', name: 'A', password: 'short' });
    expect(short.status).toBe(422);
    expect(short.body.error.details.issues).toEqual([{ path: 'body.password', message: 'Password must be at least 12 characters' }]);
    const common = await client.post('/api/auth/register', { email: 'common@example.org', name: 'A', password: 'password1234' });
    expect(common.body.error.details.issues[0].message).toMatch(/too common/);
    const control = await client.post('/api/auth/register', { email: 'nul@example.org', name: 'Dr \u0000 Null', password: STRONG_PASSWORD });
    expect(control.status).toBe(422);
    expect(control.body.error.details.issues[0]).toEqual({ path: 'body.name', message: 'Name must not contain control characters' });
    const bad = await client.post('/api/auth/register', { email: 'not-an-email', name: '', password: STRONG_PASSWORD });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(['body.email', 'body.name']);
    const { email } = await signUp(app);
    const duplicate = await app.client().post('/api/auth/register', { email: email.toUpperCase(), name: 'B', password: STRONG_PASSWORD });
    expect(duplicate.status).toBe(409);
  });
});

describe('sessions', () => {
  it('revoking a session takes effect on its next request; a password change revokes the others', async () => {
    const { client: first, email } = await signUp(app);
    const second = await signIn(app, email, STRONG_PASSWORD);
    const third = await signIn(app, email, STRONG_PASSWORD);
    const list = await first.get('/api/me/sessions');
    expect(list.body.sessions).toHaveLength(3);
    expect(list.body.sessions.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    expect(list.body.sessions[0].ipPrefix).toMatch(/^10\.\d+\.\d+\.0\/24$/);

    const secondId = (await second.get('/api/me/sessions')).body.sessions.find((s: { current: boolean }) => s.current).id;
    expect((await first.delete(`/api/me/sessions/${secondId}`)).status).toBe(204);
    expect((await second.get('/api/me')).status).toBe(401);
    expect((await first.delete(`/api/me/sessions/${secondId}`)).status).toBe(404);

    const changed = await first.post('/api/me/password', { currentPassword: STRONG_PASSWORD, newPassword: 'another-long-passphrase-7' });
    expect(changed.status).toBe(204);
    expect((await third.get('/api/me')).status).toBe(401);
    expect((await first.get('/api/me')).status).toBe(200);
    expect((await app.client().post('/api/auth/login', { email, password: STRONG_PASSWORD })).status).toBe(401);
    expect((await app.client().post('/api/auth/login', { email, password: 'another-long-passphrase-7' })).status).toBe(200);
  });

  it('resets a forgotten password through the emailed link, signing out everywhere', async () => {
    const { client, email } = await signUp(app);
    const unknown = await app.client().post('/api/auth/forgot-password', { email: 'nobody-here@example.org' });
    const known = await app.client().post('/api/auth/forgot-password', { email });
    expect(unknown.status).toBe(202);
    expect(known.status).toBe(202);
    expect(known.body).toEqual(unknown.body);
    const mail = await smtp.waitForEmail(email, /Reset your Medfolio password/);
    const token = linkFrom(mail, '/reset-password').searchParams.get('token')!;
    const weak = await app.client().post('/api/auth/reset-password', { token, password: 'short' });
    expect(weak.status).toBe(422);
    expect((await app.client().post('/api/auth/reset-password', { token, password: 'a-brand-new-passphrase' })).status).toBe(200);
    expect((await client.get('/api/me')).status).toBe(401);
    expect((await app.client().post('/api/auth/reset-password', { token, password: 'yet-another-passphrase' })).status).toBe(410);
    await signIn(app, email, 'a-brand-new-passphrase');
  });
});

describe('abuse', () => {
  it('answers an unknown email and a wrong password identically', async () => {
    const { email } = await signUp(app);
    const wrong = await app.client().post('/api/auth/login', { email, password: 'not-the-password-at-all' });
    const unknown = await app.client().post('/api/auth/login', { email: 'no-such-user@example.org', password: 'not-the-password-at-all' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const strip = (b: { error: { requestId?: string } }) => ({ ...b.error, requestId: undefined });
    expect(strip(wrong.body)).toEqual(strip(unknown.body));
  });

  it('five wrong passwords hold back only the network they came from: the owner signs in from anywhere else', async () => {
    const owner = await signUp(app);
    const attackerIp = '10.251.1.7';
    const attacker = () => new TestClient(app.server.url, app.config.appOrigin, attackerIp);
    for (let i = 0; i < 5; i++) {
      expect((await attacker().post('/api/auth/login', { email: owner.email, password: `wrong-password-${i}x` })).status).toBe(401);
    }
    const locked = await attacker().post('/api/auth/login', { email: owner.email, password: STRONG_PASSWORD });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(60);
    expect(locked.body.error).toMatchObject({ code: 'RATE_LIMITED' });
    expect(locked.body.error.details.retryAfterSeconds).toBeGreaterThan(60);
    // The owner, on a browser never used before, from another network.
    expect((await app.client().post('/api/auth/login', { email: owner.email, password: STRONG_PASSWORD })).status).toBe(200);
    // The owner's own browser on the attacker's network (a hospital's shared connection).
    const ownBrowser = new TestClient(app.server.url, app.config.appOrigin, attackerIp);
    ownBrowser.cookies.set('medfolio_device', owner.client.cookies.get('medfolio_device')!);
    expect((await ownBrowser.post('/api/auth/login', { email: owner.email, password: STRONG_PASSWORD })).status).toBe(200);
  });

  it('counts parallel guesses too: at most five from one network get a password check', async () => {
    const { email } = await signUp(app);
    const attempts = await Promise.all(
      Array.from({ length: 12 }, (_, i) => new TestClient(app.server.url, app.config.appOrigin, '10.251.2.9').post('/api/auth/login', { email, password: `parallel-guess-${i}x` })),
    );
    const statuses = attempts.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
  });

  it('many wrong passwords from many networks pause new browsers, and the owner gets in with the emailed link', async () => {
    const owner = await signUp(app, { name: 'Dr Kemi Adeyemi' });
    const from = (n: number) => new TestClient(app.server.url, app.config.appOrigin, `10.252.${Math.floor(n / 200)}.${(n % 200) + 1}`);
    // 50 untrusted tries an hour is the ceiling: a botnet of 50 addresses, one try each.
    for (let i = 0; i < 50; i++) expect((await from(i).post('/api/auth/login', { email: owner.email, password: `botnet-guess-${i}` })).status).toBe(401);
    const tripped = await from(50).post('/api/auth/login', { email: owner.email, password: 'botnet-guess-50' });
    expect(tripped.status).toBe(429);
    expect(tripped.body.error.message).toContain('we have emailed you a link');
    expect(Number(tripped.headers.get('retry-after'))).toBe(3600);
    // Brute force stays bounded: a new network, even with the right password, waits.
    const guessedRight = await from(51).post('/api/auth/login', { email: owner.email, password: STRONG_PASSWORD });
    expect(guessedRight.status).toBe(429);
    // An unknown address answers the same way (nothing to learn about who has an account).
    const nobody = 'nobody-here@example.org';
    for (let i = 0; i < 51; i++) await from(100 + i).post('/api/auth/login', { email: nobody, password: `botnet-guess-${i}` });
    const unknown = await from(200).post('/api/auth/login', { email: nobody, password: 'x' });
    expect({ status: unknown.status, message: unknown.body.error.message }).toEqual({ status: 429, message: guessedRight.body.error.message });

    // The owner's usual browser is not held back.
    expect((await owner.client.post('/api/auth/login', { email: owner.email, password: STRONG_PASSWORD })).status).toBe(200);
    // A new browser: the emailed link lets it in, once.
    const mail = await smtp.waitForEmail(owner.email, /trying to sign in/);
    expect(mail.text).toContain('1 hour');
    const token = linkFrom(mail, '/unlock-sign-in').searchParams.get('token')!;
    const laptop = from(300);
    expect((await laptop.post('/api/auth/login', { email: owner.email, password: STRONG_PASSWORD })).status).toBe(429);
    expect((await laptop.post('/api/auth/unlock-sign-in', { token })).status).toBe(200);
    expect((await laptop.post('/api/auth/login', { email: owner.email, password: STRONG_PASSWORD })).status).toBe(200);
    expect((await from(301).post('/api/auth/unlock-sign-in', { token })).status).toBe(410);
    // A trusted browser still needs the password, and five wrong ones hold it back too.
    for (let i = 0; i < 5; i++) expect((await laptop.post('/api/auth/login', { email: owner.email, password: `typo-${i}-password` })).status).toBe(401);
    expect((await laptop.post('/api/auth/login', { email: owner.email, password: STRONG_PASSWORD })).status).toBe(429);
    const timeline = (await laptop.get('/api/audit?limit=200')).body.events.map((e: { action: string }) => e.action);
    expect(timeline).toContain('login.paused');
    expect(timeline).toContain('login.unlocked');
  }, 60_000);

  it('refuses cross-site state-changing requests', async () => {
    const { client } = await signUp(app);
    const evil = await client.request('POST', '/api/me/password', { currentPassword: STRONG_PASSWORD, newPassword: 'hijacked-password-123' }, { origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    expect(evil.body.error.code).toBe('CSRF_REJECTED');
    const noToken = await client.request('POST', '/api/auth/logout', {}, { 'x-csrf-token': '' });
    expect(noToken.status).toBe(403);
    const crossSiteFetch = await fetch(app.url('/api/auth/logout'), {
      method: 'POST',
      headers: { cookie: client.cookieHeader(), 'sec-fetch-site': 'cross-site', 'x-csrf-token': client.cookies.get('medfolio_csrf')! },
    });
    expect(crossSiteFetch.status).toBe(403);
    expect((await client.get('/api/me')).status).toBe(200);
  });

  it('sets the session cookie httpOnly and SameSite, and never stores the raw token', async () => {
    const client = app.client();
    const res = await client.post('/api/auth/register', { email: 'cookie-check@example.org', name: 'C', password: STRONG_PASSWORD });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('medfolio_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Secure/i);
    const token = client.cookies.get('medfolio_session')!;
    const rows = await sql<{ n: number }>`SELECT count(*)::int AS n FROM sessions WHERE token_hash = ${token}`.execute(app.server.platform.database.db);
    expect(rows.rows[0]!.n).toBe(0);
  });
});

/** Someone with superuser access to the database, who can switch the append-only trigger off. */
const tamperAsSuperuser = (db: TestApp['server']['platform']['database']['db']) => (statement: ReturnType<typeof sql>) =>
  db.transaction().execute(async (trx) => {
    await sql`SET LOCAL session_replication_role = replica`.execute(trx);
    await statement.execute(trx);
  });

describe('audit log', () => {
  it('is append-only, verifies, and reports an altered, a missing and a truncated event', async () => {
    const { client, userId } = await signUp(app);
    await client.patch('/api/me', { profession: 'doctor' });
    await client.patch('/api/me', { timeZone: 'Europe/Dublin' });
    await client.post('/api/auth/logout');
    const fresh = await signIn(app, (await app.server.platform.database.db.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirstOrThrow()).email, STRONG_PASSWORD);

    const page1 = await fresh.get('/api/audit?limit=2');
    expect(page1.body.events).toHaveLength(2);
    const page2 = await fresh.get(`/api/audit?limit=2&before=${page1.body.nextBefore}`);
    expect(page2.body.events[0].id < page1.body.events[1].id || Number(page2.body.events[0].id) < Number(page1.body.events[1].id)).toBe(true);
    const updated = (await fresh.get('/api/audit?limit=50')).body.events.find((e: { action: string }) => e.action === 'profile.updated');
    expect(updated.details.before).toBeDefined();

    expect((await fresh.get('/api/audit/verify')).body).toEqual({ ok: true, events: 6, firstBroken: null });

    const db = app.server.platform.database.db;
    await expect(sql`UPDATE audit_events SET action = 'nothing' WHERE chain_id = ${userId}`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_events WHERE chain_id = ${userId}`.execute(db)).rejects.toThrow(/append-only/);

    const tamper = tamperAsSuperuser(db);
    await tamper(sql`UPDATE audit_events SET details = '{"changed":["nothing"]}' WHERE chain_id = ${userId} AND seq = 2`);
    expect((await fresh.get('/api/audit/verify')).body).toEqual({ ok: false, events: 1, firstBroken: { seq: 2, reason: 'content was altered' } });
  });

  it('reports a deleted event in the middle and at the end', async () => {
    const tamper = tamperAsSuperuser(app.server.platform.database.db);
    const middle = await signUp(app);
    await middle.client.patch('/api/me', { profession: 'nurse' });
    await middle.client.patch('/api/me', { profession: 'midwife' });
    await tamper(sql`DELETE FROM audit_events WHERE chain_id = ${middle.userId} AND seq = 2`);
    expect((await middle.client.get('/api/audit/verify')).body.firstBroken).toEqual({ seq: 2, reason: 'event 2 is missing' });

    const end = await signUp(app);
    await end.client.patch('/api/me', { profession: 'ahp' });
    // Registered (1), first session (2), profile updated (3): the last one goes.
    await tamper(sql`DELETE FROM audit_events WHERE chain_id = ${end.userId} AND seq = 3`);
    expect((await end.client.get('/api/audit/verify')).body).toEqual({ ok: false, events: 2, firstBroken: { seq: 3, reason: 'events after 2 were removed' } });

    // Rewinding the head to the surviving event needs the key: its MAC no longer matches.
    await tamper(sql`UPDATE audit_chain_heads SET last_seq = 2, last_hash = (SELECT hash FROM audit_events WHERE chain_id = ${end.userId} AND seq = 2) WHERE chain_id = ${end.userId}`);
    expect((await end.client.get('/api/audit/verify')).body.firstBroken).toEqual({ seq: 2, reason: 'the chain head was altered' });

    // Removing a whole timeline, head and all, is seen too.
    const gone = await signUp(app);
    await tamper(sql`DELETE FROM audit_events WHERE chain_id = ${gone.userId}`);
    await tamper(sql`DELETE FROM audit_chain_heads WHERE chain_id = ${gone.userId}`);
    expect((await gone.client.get('/api/audit/verify')).body).toEqual({ ok: false, events: 0, firstBroken: { seq: 1, reason: 'the chain head is missing' } });
  });
});

describe('organisations and plans', () => {
  it('shows the free plan, and an organisation team plan lifts its members', async () => {
    const admin = await signUp(app);
    await sql`UPDATE users SET role = 'platform_admin' WHERE id = ${admin.userId}`.execute(app.server.platform.database.db);
    const member = await signUp(app);
    const plan = await member.client.get('/api/me/plan');
    expect(plan.status).toBe(200);
    expect(plan.body).toMatchObject({ plan: { id: 'free' }, source: 'personal', usage: { assistantMessages: 0, cvGenerations: 0, llmTokens: 0 } });
    expect(new Date(plan.body.resetsAt).getUTCDate()).toBe(1);

    const org = await member.client.post('/api/organisations', { name: 'Northgate Locum Agency', kind: 'agency' });
    expect(org.status).toBe(201);
    expect((await member.client.put(`/api/admin/organisations/${org.body.id}/plan`, { planId: 'team' })).status).toBe(404);
    expect((await admin.client.put(`/api/admin/organisations/${org.body.id}/plan`, { planId: 'team' })).status).toBe(204);
    const lifted = await member.client.get('/api/me/plan');
    expect(lifted.body).toMatchObject({ plan: { id: 'team' }, source: 'organisation', organisation: { id: org.body.id } });

    const edited = await admin.client.patch('/api/admin/plans/team', { limits: { ...lifted.body.plan.limits, cvGenerations: 150 } });
    expect(edited.status).toBe(200);
    expect((await member.client.get('/api/me/plan')).body.plan.limits.cvGenerations).toBe(150);
    // The list price people read is the admin's to set; a price in pence must be whole.
    expect(lifted.body.plan.price).toEqual({ monthlyPence: 700, perSeat: true });
    expect((await admin.client.patch('/api/admin/plans/team', { price: { monthlyPence: 7.5, perSeat: true } })).status).toBe(422);
    expect((await admin.client.patch('/api/admin/plans/team', { price: { monthlyPence: 750, perSeat: true } })).body.price).toEqual({ monthlyPence: 750, perSeat: true });
    expect((await member.client.get('/api/plans')).body.plans.find((p: { id: string }) => p.id === 'team').price.monthlyPence).toBe(750);
  });

  it("between plans as generous as each other, counts the user's own, whichever came first", async () => {
    const admin = await signUp(app);
    await sql`UPDATE users SET role = 'platform_admin' WHERE id = ${admin.userId}`.execute(app.server.platform.database.db);
    const member = await signUp(app);
    const org = await member.client.post('/api/organisations', { name: 'Airedale Bank Staff', kind: 'trust' });
    // The organisation's subscription is written first, so a plain scan meets it first.
    expect((await admin.client.put(`/api/admin/organisations/${org.body.id}/plan`, { planId: 'team' })).status).toBe(204);
    expect((await admin.client.put(`/api/admin/users/${member.userId}/plan`, { planId: 'team' })).status).toBe(204);
    for (let i = 0; i < 3; i++) expect((await member.client.get('/api/me/plan')).body).toMatchObject({ plan: { id: 'team' }, source: 'personal', organisation: null });
  });
  // Membership itself (invitations, consent, roles) is tested in organisations.test.ts.
});

describe('socket.io authentication', () => {
  it('refuses a socket without a valid session, and accepts the session cookie', async () => {
    const anonymous = connect(app.server.url, { transports: ['websocket'], reconnection: false });
    const refused = await new Promise<Error>((resolve) => anonymous.on('connect_error', resolve));
    expect(refused.message).toBe('UNAUTHENTICATED');
    anonymous.close();

    const { client, userId } = await signUp(app);
    const socket = connect(app.server.url, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie: client.cookieHeader(), origin: app.config.appOrigin } });
    await new Promise<void>((resolve, reject) => {
      socket.on('connect', resolve);
      socket.on('connect_error', reject);
    });
    const received = new Promise((resolve) => socket.on('ping:test', resolve));
    app.server.realtime.emitToUser(userId, 'ping:test', { ok: true });
    expect(await received).toEqual({ ok: true });
    socket.close();

    const foreign = connect(app.server.url, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie: client.cookieHeader(), origin: 'https://evil.example' } });
    expect((await new Promise<Error>((resolve) => foreign.on('connect_error', resolve))).message).toBe('UNAUTHENTICATED');
    foreign.close();

    await client.post('/api/auth/logout');
    const revoked = connect(app.server.url, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie: client.cookieHeader() } });
    expect((await new Promise<Error>((resolve) => revoked.on('connect_error', resolve))).message).toBe('UNAUTHENTICATED');
    revoked.close();
  });
});

describe('email delivery through the job queue', () => {
  it('stores no raw link token: only hashes reach the database', async () => {
    const { email } = await signUp(app);
    const mail = await smtp.waitForEmail(email, /Confirm your email/);
    const token = linkFrom(mail, '/verify-email').searchParams.get('token')!;
    const db = app.server.platform.database.db;
    const hits = await waitFor('job row', async () => {
      const jobs = await sql<{ payload: string; status: string }>`SELECT payload::text, status FROM jobs WHERE name = 'accounts.send-email'`.execute(db);
      return jobs.rows.length ? jobs.rows : undefined;
    });
    expect(JSON.stringify(hits)).not.toContain(token);
    const tokens = await sql<{ token_hash: string }>`SELECT token_hash FROM email_tokens`.execute(db);
    expect(tokens.rows.some((r) => r.token_hash === token)).toBe(false);
  });
});
