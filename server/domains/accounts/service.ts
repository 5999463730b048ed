import { AppError, validationError } from '../../platform/errors.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { AuthenticatedUser } from '../../platform/http/route.ts';
import { hashToken } from '../../platform/crypto/tokens.ts';
import { recordAudit } from '../audit/service.ts';
import { findMemberships } from '../organisations/repo.ts';
import { subscribeUserToPlan } from '../plans/service.ts';
import type { AccountsDeps } from './deps.ts';
import { sendAccountEmailJob } from './jobs.ts';
import { burnPasswordCheck, hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import * as repo from './repo.ts';
import { createSession } from './sessions.ts';
import { openDevice, sealDevice } from './devices.ts';
import { checkSecondFactor, secondFactorRequired, startTotpEnrolment, newRecoveryCodes, consumeTotpCode } from './two-factor.ts';
import type { z } from 'zod';
import type { Me, ZUpdateProfileRequest } from './schema.ts';

export interface RequestMeta {
  ip: string;
  ipPrefix: string | null;
  userAgent: string | null;
  requestId: string;
  now: Date;
  /** The trusted-device cookie, when the browser sent one (sign-in routes only). */
  device?: string | null | undefined;
}

const INVALID_LOGIN = () => new AppError('UNAUTHENTICATED', 'The email or password is incorrect');

function assertPasswordPolicy(password: string, context: { email?: string; name?: string }, field: string) {
  const problem = passwordProblem(password, context);
  if (problem) throw validationError([{ path: field, message: problem }], `The password ${problem}`);
}

const userAudit = (userId: string, meta: RequestMeta) => ({
  chainId: userId,
  actor: { type: 'user' as const, id: userId },
  requestId: meta.requestId,
  now: meta.now,
});

export async function register(deps: AccountsDeps, input: { email: string; password: string; name: string }, meta: RequestMeta) {
  await deps.limits.registerPerIp.consume(meta.ip);
  assertPasswordPolicy(input.password, input, 'body.password');
  const passwordHash = await hashPassword(input.password);
  const { user, session } = await inTransaction(deps.db, async (trx) => {
    const user = await repo.insertUser(trx, { email: input.email, name: input.name, passwordHash });
    if (!user) throw new AppError('CONFLICT', 'An account with this email address already exists: sign in or reset your password', { field: 'body.email' });
    await subscribeUserToPlan(trx, user.id, 'free', meta.now);
    const session = await createSession(trx, { userId: user.id, userAgent: meta.userAgent, ipPrefix: meta.ipPrefix, now: meta.now });
    await recordAudit(trx, { ...userAudit(user.id, meta), action: 'user.registered', subject: { type: 'user', id: user.id } });
    // The first session is one like any other: its start belongs in the timeline too.
    await recordAudit(trx, { ...userAudit(user.id, meta), action: 'session.created', subject: { type: 'session', id: session.sessionId }, details: { secondFactor: 'none', ipPrefix: meta.ipPrefix } });
    await deps.queue.enqueue(sendAccountEmailJob, { userId: user.id, purpose: 'verify_email' }, { db: trx });
    return { user, session };
  });
  // The browser that created the account is trusted by it (see devices.ts).
  return { userId: user.id, session, device: sealDevice(deps.secretBox, user.id, meta.now) };
}

/**
 * Audits a refused sign-in off the request path, so a known account (audited) and an unknown
 * one (nothing to audit) answer after the same work.
 */
function auditInBackground(deps: AccountsDeps, entry: Parameters<typeof recordAudit>[1]) {
  void recordAudit(deps.db, entry).catch((err: unknown) => deps.logger.error({ err }, 'audit write failed'));
}

/**
 * Email, password and (when on) the second factor, with the per-IP limit and the sign-in guess
 * guard (platform/guess-guard.ts): sign-in and the cancellation of a pending erasure (which has
 * no session) both go through it. A browser this account trusts is not held back by wrong
 * passwords typed elsewhere.
 */
export async function checkCredentials(deps: AccountsDeps, input: { email: string; password: string; totp?: string | undefined }, meta: RequestMeta) {
  await deps.limits.loginPerIp.consume(meta.ip);
  const user = await repo.findUserByEmail(deps.db, input.email);
  const device = openDevice(deps.secretBox, meta.device, meta.now);
  const trustedDevice = user && device?.userId === user.id ? device : undefined;
  // Keyed by the address typed, so an unknown address is counted like a known one.
  const attempt = { subject: input.email, client: trustedDevice ? trustedDevice.deviceId : meta.ip, trusted: Boolean(trustedDevice) };
  try {
    await deps.limits.signIn.admit(attempt, async (pausedForSeconds) => {
      if (user) pauseNotice(deps, user, pausedForSeconds, meta);
    });
  } catch (err) {
    if (user) auditInBackground(deps, { ...userAudit(user.id, meta), actor: { type: 'user', id: null }, action: 'login.locked_out', subject: { type: 'user', id: user.id } });
    throw err;
  }
  const passwordOk = user ? await verifyPassword(user.password_hash, input.password) : (await burnPasswordCheck(input.password), false);
  if (!user || !passwordOk) {
    if (user)
      auditInBackground(deps, { ...userAudit(user.id, meta), actor: { type: 'user', id: null }, action: 'login.failed', subject: { type: 'user', id: user.id }, details: { reason: 'password' } });
    throw INVALID_LOGIN();
  }
  let secondFactor: 'totp' | 'recovery_code' | undefined;
  if (user.totp_enabled_at) {
    if (!input.totp) throw secondFactorRequired();
    const used = await checkSecondFactor(deps.db, deps.secretBox, user, input.totp, meta.now);
    if (!used) {
      auditInBackground(deps, { ...userAudit(user.id, meta), actor: { type: 'user', id: null }, action: 'login.failed', subject: { type: 'user', id: user.id }, details: { reason: 'second_factor' } });
      throw new AppError('UNAUTHENTICATED', 'The two-factor code is not valid (or was already used)', { twoFactorRequired: true });
    }
    secondFactor = used;
  }
  await deps.limits.signIn.succeeded(attempt);
  return { user, secondFactor, device: trustedDevice };
}

/**
 * Untrusted browsers have just been paused for this account: its owner is emailed a link that
 * lets their browser in, and the pause goes in their timeline. Off the request path, so a
 * known address answers like an unknown one.
 */
function pauseNotice(deps: AccountsDeps, user: { id: string; locked_at: Date | null }, pausedForSeconds: number, meta: RequestMeta) {
  if (user.locked_at) return; // pending erasure: the owner cancels with the password instead
  void inTransaction(deps.db, async (trx) => {
    await deps.queue.enqueue(sendAccountEmailJob, { userId: user.id, purpose: 'unlock_sign_in', pausedForSeconds }, { db: trx });
    await recordAudit(trx, { ...userAudit(user.id, meta), actor: { type: 'user', id: null }, action: 'login.paused', subject: { type: 'user', id: user.id }, details: { pausedForSeconds } });
  }).catch((err: unknown) => deps.logger.error({ err }, 'sign-in pause notice failed'));
}

export async function login(deps: AccountsDeps, input: { email: string; password: string; totp?: string | undefined }, meta: RequestMeta) {
  const { user, secondFactor, device } = await checkCredentials(deps, input, meta);
  if (user.locked_at) {
    throw new AppError('FORBIDDEN', 'This account is locked because you asked us to erase it. You can still cancel the erasure with your password.', { erasurePending: true });
  }
  const session = await inTransaction(deps.db, async (trx) => {
    const session = await createSession(trx, { userId: user.id, userAgent: meta.userAgent, ipPrefix: meta.ipPrefix, now: meta.now });
    await recordAudit(trx, {
      ...userAudit(user.id, meta),
      action: 'session.created',
      subject: { type: 'session', id: session.sessionId },
      details: { secondFactor: secondFactor ?? 'none', ipPrefix: meta.ipPrefix },
    });
    return session;
  });
  // This browser is trusted from now on (its trust renewed when it already was).
  return { userId: user.id, session, device: sealDevice(deps.secretBox, user.id, meta.now, device?.deviceId) };
}

/**
 * The emailed sign-in unlock: the browser that follows the link becomes trusted for the
 * account, so it can sign in (with the password) while untrusted browsers are paused.
 */
export async function unlockSignIn(deps: AccountsDeps, token: string, meta: RequestMeta) {
  const userId = await inTransaction(deps.db, async (trx) => {
    const used = await repo.consumeEmailToken(trx, 'unlock_sign_in', hashToken(token), meta.now);
    if (!used) throw new AppError('GONE', 'This link has expired or was already used: if sign-in is still paused, another email is on its way when someone tries again, or reset your password');
    await recordAudit(trx, {
      ...userAudit(used.user_id, meta),
      actor: { type: 'user', id: null },
      action: 'login.unlocked',
      subject: { type: 'user', id: used.user_id },
      details: { ipPrefix: meta.ipPrefix },
    });
    return used.user_id;
  });
  return { device: sealDevice(deps.secretBox, userId, meta.now) };
}

export async function logout(deps: AccountsDeps, user: AuthenticatedUser, meta: RequestMeta) {
  await inTransaction(deps.db, async (trx) => {
    await repo.revokeSession(trx, user.id, user.sessionId, meta.now);
    await recordAudit(trx, { ...userAudit(user.id, meta), action: 'session.ended', subject: { type: 'session', id: user.sessionId } });
  });
}

export async function revokeOwnSession(deps: AccountsDeps, user: AuthenticatedUser, sessionId: string, meta: RequestMeta) {
  await inTransaction(deps.db, async (trx) => {
    const revoked = await repo.revokeSession(trx, user.id, sessionId, meta.now);
    if (!revoked) throw new AppError('NOT_FOUND', 'Session not found');
    await recordAudit(trx, { ...userAudit(user.id, meta), action: 'session.revoked', subject: { type: 'session', id: sessionId } });
  });
}

export async function getMe(deps: AccountsDeps, userId: string): Promise<Me> {
  const user = await repo.findUserById(deps.db, userId);
  if (!user) throw new AppError('NOT_FOUND', 'Account not found');
  const [organisations, recoveryCodesRemaining] = await Promise.all([findMemberships(deps.db, userId), user.totp_enabled_at ? repo.countUnusedRecoveryCodes(deps.db, userId) : Promise.resolve(0)]);
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    profession: user.profession,
    homeNation: user.home_nation,
    timeZone: user.time_zone,
    emailVerified: Boolean(user.email_verified_at),
    twoFactorEnabled: Boolean(user.totp_enabled_at),
    recoveryCodesRemaining,
    processingRestricted: Boolean(user.processing_restricted_at),
    organisations: organisations.map((o) => ({ id: o.id, name: o.name, role: o.role })),
    createdAt: user.created_at.toISOString(),
  };
}

export async function updateProfile(deps: AccountsDeps, userId: string, patch: z.infer<typeof ZUpdateProfileRequest>, meta: RequestMeta) {
  await inTransaction(deps.db, async (trx) => {
    const before = await repo.findUserById(trx, userId);
    if (!before) throw new AppError('NOT_FOUND', 'Account not found');
    await repo.updateUser(
      trx,
      userId,
      {
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.profession !== undefined ? { profession: patch.profession } : {}),
        ...(patch.homeNation !== undefined ? { home_nation: patch.homeNation } : {}),
        ...(patch.timeZone !== undefined ? { time_zone: patch.timeZone } : {}),
      },
      meta.now,
    );
    // Rectification: the previous values stay in the owner's audit trail.
    await recordAudit(trx, {
      ...userAudit(userId, meta),
      action: 'profile.updated',
      subject: { type: 'user', id: userId },
      details: { before: { name: before.name, profession: before.profession, homeNation: before.home_nation, timeZone: before.time_zone }, changed: Object.keys(patch) },
    });
  });
  return getMe(deps, userId);
}

export async function verifyEmail(deps: AccountsDeps, token: string, meta: RequestMeta) {
  await inTransaction(deps.db, async (trx) => {
    const used = await repo.consumeEmailToken(trx, 'verify_email', hashToken(token), meta.now);
    if (!used) throw new AppError('GONE', 'This link has expired or was already used: request a new one from your account');
    await repo.updateUser(trx, used.user_id, { email_verified_at: meta.now }, meta.now);
    await recordAudit(trx, { ...userAudit(used.user_id, meta), action: 'email.verified', subject: { type: 'user', id: used.user_id } });
  });
}

export async function resendVerification(deps: AccountsDeps, userId: string, meta: RequestMeta) {
  await deps.limits.emailsPerIp.consume(meta.ip);
  await deps.limits.emailsPerAccount.consume(userId);
  await deps.queue.enqueue(sendAccountEmailJob, { userId, purpose: 'verify_email' });
}

/** Always answers the same way, whether or not the address has an account. */
export async function requestPasswordReset(deps: AccountsDeps, email: string, meta: RequestMeta) {
  await deps.limits.emailsPerIp.consume(meta.ip);
  await deps.limits.emailsPerAccount.consume(email);
  const user = await repo.findUserByEmail(deps.db, email);
  if (user && !user.locked_at) {
    // Off the request path, so a known address does not answer more slowly than an unknown one.
    void inTransaction(deps.db, async (trx) => {
      await deps.queue.enqueue(sendAccountEmailJob, { userId: user.id, purpose: 'reset_password' }, { db: trx });
      await recordAudit(trx, { ...userAudit(user.id, meta), actor: { type: 'user', id: null }, action: 'password.reset_requested', subject: { type: 'user', id: user.id } });
    }).catch((err: unknown) => deps.logger.error({ err }, 'password reset request failed'));
  }
}

export async function resetPassword(deps: AccountsDeps, input: { token: string; password: string }, meta: RequestMeta) {
  const { email, userId } = await inTransaction(deps.db, async (trx) => {
    const used = await repo.consumeEmailToken(trx, 'reset_password', hashToken(input.token), meta.now);
    if (!used) throw new AppError('GONE', 'This link has expired or was already used: request a new one');
    const user = await repo.findUserById(trx, used.user_id);
    if (!user) throw new AppError('GONE', 'This link has expired or was already used: request a new one');
    assertPasswordPolicy(input.password, user, 'body.password');
    // Following the link proves control of the mailbox, so the address counts as verified.
    await repo.updateUser(trx, user.id, { password_hash: await hashPassword(input.password), email_verified_at: user.email_verified_at ?? meta.now }, meta.now);
    const revoked = await repo.revokeSessionsExcept(trx, user.id, null, meta.now);
    await recordAudit(trx, { ...userAudit(user.id, meta), actor: { type: 'user', id: null }, action: 'password.reset', subject: { type: 'user', id: user.id }, details: { sessionsRevoked: revoked } });
    return { email: user.email, userId: user.id };
  });
  // A new password ends any lockout earned with the old one, and following the emailed link
  // proves this browser is the owner's: it is trusted from now on.
  await deps.limits.signIn.reset(email);
  return { device: sealDevice(deps.secretBox, userId, meta.now) };
}

export async function changePassword(deps: AccountsDeps, user: AuthenticatedUser, input: { currentPassword: string; newPassword: string }, meta: RequestMeta) {
  await deps.limits.twoFactorPerUser.consume(user.id);
  const row = await repo.findUserById(deps.db, user.id);
  if (!row || !(await verifyPassword(row.password_hash, input.currentPassword))) {
    await recordAudit(deps.db, { ...userAudit(user.id, meta), action: 'password.check_failed', subject: { type: 'user', id: user.id }, details: { for: 'password_change' } });
    throw new AppError('VALIDATION', 'The current password is incorrect', { issues: [{ path: 'body.currentPassword', message: 'is incorrect' }] });
  }
  assertPasswordPolicy(input.newPassword, row, 'body.newPassword');
  const passwordHash = await hashPassword(input.newPassword);
  await inTransaction(deps.db, async (trx) => {
    await repo.updateUser(trx, user.id, { password_hash: passwordHash }, meta.now);
    const revoked = await repo.revokeSessionsExcept(trx, user.id, user.sessionId, meta.now);
    await recordAudit(trx, { ...userAudit(user.id, meta), action: 'password.changed', subject: { type: 'user', id: user.id }, details: { otherSessionsRevoked: revoked } });
  });
}

/** Re-authentication before a sensitive change; a wrong password is audited. */
async function assertPassword(deps: AccountsDeps, userId: string, password: string, purpose: string, meta: RequestMeta) {
  await deps.limits.twoFactorPerUser.consume(userId);
  const row = await repo.findUserById(deps.db, userId);
  if (!row || !(await verifyPassword(row.password_hash, password))) {
    await recordAudit(deps.db, { ...userAudit(userId, meta), action: 'password.check_failed', subject: { type: 'user', id: userId }, details: { for: purpose } });
    throw new AppError('VALIDATION', 'The password is incorrect', { issues: [{ path: 'body.password', message: 'is incorrect' }] });
  }
  return row;
}

/**
 * The password alone, before a screen asks "Are you sure?": a wrong password is said first,
 * not after the person has confirmed. The second factor is checked by the act itself (a code
 * is single-use, so checking it here would spend it). Same limits and audit as any check.
 */
export async function checkPasswordFirst(deps: AccountsDeps, userId: string, password: string, purpose: string, meta: RequestMeta): Promise<void> {
  await assertPassword(deps, userId, password, purpose, meta);
}

/** Password, and the second factor when it is on: for acts that cannot be undone by a stolen session. */
export async function confirmIdentity(deps: AccountsDeps, userId: string, input: { password: string; totp?: string | undefined }, purpose: string, meta: RequestMeta) {
  const row = await assertPassword(deps, userId, input.password, purpose, meta);
  if (row.totp_enabled_at) {
    if (!input.totp) throw new AppError('VALIDATION', 'Your two-factor code is required', { issues: [{ path: 'body.totp', message: 'is required' }] });
    if (!(await checkSecondFactor(deps.db, deps.secretBox, row, input.totp, meta.now))) {
      throw new AppError('VALIDATION', 'The two-factor code is not valid', { issues: [{ path: 'body.totp', message: 'is not valid' }] });
    }
  }
  return row;
}

/** Needs the password: an unattended signed-in browser must not be able to enrol its own device. */
export async function beginTwoFactorSetup(deps: AccountsDeps, user: AuthenticatedUser, password: string, meta: RequestMeta) {
  const row = await assertPassword(deps, user.id, password, 'two_factor_setup', meta);
  if (row.totp_enabled_at) throw new AppError('CONFLICT', 'Two-factor authentication is already on: turn it off first to enrol a new device');
  const enrolment = await startTotpEnrolment(deps.db, deps.secretBox, row, meta.now);
  await recordAudit(deps.db, { ...userAudit(user.id, meta), action: 'two_factor.setup_started', subject: { type: 'user', id: user.id } });
  return enrolment;
}

export async function enableTwoFactor(deps: AccountsDeps, user: AuthenticatedUser, code: string, meta: RequestMeta) {
  await deps.limits.twoFactorPerUser.consume(user.id);
  const row = await repo.findUserById(deps.db, user.id);
  if (!row?.totp_secret) throw new AppError('CONFLICT', 'Start two-factor set-up first');
  if (row.totp_enabled_at) throw new AppError('CONFLICT', 'Two-factor authentication is already on');
  if (!(await consumeTotpCode(deps.db, deps.secretBox, row, code, meta.now))) {
    throw new AppError('VALIDATION', 'That code does not match: check the time on your phone and try the next code', { issues: [{ path: 'body.code', message: 'does not match' }] });
  }
  const recovery = await newRecoveryCodes();
  const sealedSecret = row.totp_secret;
  return inTransaction(deps.db, async (trx) => {
    if (!(await repo.enableTotp(trx, user.id, sealedSecret, meta.now))) {
      throw new AppError('CONFLICT', 'Two-factor set-up changed meanwhile: start again');
    }
    await repo.replaceRecoveryCodes(trx, user.id, recovery.hashes);
    // Sessions signed in with the password alone end: from now on each needs the second factor.
    const revoked = await repo.revokeSessionsExcept(trx, user.id, user.sessionId, meta.now);
    await recordAudit(trx, { ...userAudit(user.id, meta), action: 'two_factor.enabled', subject: { type: 'user', id: user.id }, details: { otherSessionsRevoked: revoked } });
    return { recoveryCodes: recovery.codes };
  });
}

export async function disableTwoFactor(deps: AccountsDeps, user: AuthenticatedUser, input: { password: string; totp: string }, meta: RequestMeta) {
  const row = await assertPassword(deps, user.id, input.password, 'two_factor_disable', meta);
  if (!row.totp_enabled_at) throw new AppError('CONFLICT', 'Two-factor authentication is not on');
  if (!(await checkSecondFactor(deps.db, deps.secretBox, row, input.totp, meta.now))) {
    throw new AppError('VALIDATION', 'The two-factor code is not valid', { issues: [{ path: 'body.totp', message: 'is not valid' }] });
  }
  await inTransaction(deps.db, async (trx) => {
    await repo.updateUser(trx, user.id, { totp_secret: null, totp_enabled_at: null, totp_last_step: null }, meta.now);
    await repo.replaceRecoveryCodes(trx, user.id, []);
    await recordAudit(trx, { ...userAudit(user.id, meta), action: 'two_factor.disabled', subject: { type: 'user', id: user.id } });
  });
}

export async function regenerateRecoveryCodes(deps: AccountsDeps, user: AuthenticatedUser, password: string, meta: RequestMeta) {
  const row = await assertPassword(deps, user.id, password, 'recovery_codes', meta);
  if (!row.totp_enabled_at) throw new AppError('CONFLICT', 'Two-factor authentication is not on');
  const recovery = await newRecoveryCodes();
  return inTransaction(deps.db, async (trx) => {
    await repo.replaceRecoveryCodes(trx, user.id, recovery.hashes);
    await recordAudit(trx, { ...userAudit(user.id, meta), action: 'two_factor.recovery_codes_replaced', subject: { type: 'user', id: user.id } });
    return { recoveryCodes: recovery.codes };
  });
}

/**
 * Creates an account with a verified email, for operators (demo seeding, migrations of other
 * systems). Returns undefined when the address is taken.
 */
export async function createVerifiedUser(db: AccountsDeps['db'], input: { email: string; name: string; password: string }, now: Date) {
  assertPasswordPolicy(input.password, input, 'password');
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (trx) => {
    const user = await repo.insertUser(trx, { email: input.email.trim().toLowerCase(), name: input.name, passwordHash });
    if (!user) return undefined;
    await repo.updateUser(trx, user.id, { email_verified_at: now }, now);
    await subscribeUserToPlan(trx, user.id, 'free', now);
    await recordAudit(trx, { chainId: user.id, actor: { type: 'system', id: null }, action: 'user.registered', subject: { type: 'user', id: user.id }, details: { by: 'operator' }, now });
    return user.id;
  });
}

/** Grants or removes the platform admin role; audited on the user's own timeline. */
export async function setPlatformAdmin(db: AccountsDeps['db'], email: string, admin: boolean, now: Date) {
  return inTransaction(db, async (trx) => {
    const user = await repo.findUserByEmail(trx, email.trim().toLowerCase());
    if (!user) throw new AppError('NOT_FOUND', 'No account uses that email address');
    await repo.updateUser(trx, user.id, { role: admin ? 'platform_admin' : 'clinician' }, now);
    await recordAudit(trx, {
      chainId: user.id,
      actor: { type: 'system', id: null },
      action: admin ? 'role.granted' : 'role.revoked',
      subject: { type: 'user', id: user.id },
      details: { role: 'platform_admin' },
      now,
    });
    return user.id;
  });
}
