import { AppError } from '../../platform/errors.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction, type DbOrTx, type Tx } from '../../platform/db/transaction.ts';
import type { ConsentScope } from '../../platform/db/types.ts';
import { generateToken, hashToken } from '../../platform/crypto/tokens.ts';
import type { Limiter } from '../../platform/rate-limit.ts';
import type { Logger } from '../../platform/logger.ts';
import type { Mailer } from '../../adapters/mailer.ts';
import { invitationTerms } from '../../platform/words/organisation-words.ts';
import { peopleDate } from '../../platform/words/people-dates.ts';
import { organisationInvitationMessage } from '../../emails/render.ts';
import { auditPseudonym, recordAudit } from '../audit/service.ts';
import { findUserByEmail, findUserById } from '../accounts/repo.ts';
import * as repo from './repo.ts';
import type { Organisation } from './schema.ts';
import { findSeatUse, hasStripeSubscription, sumUsage } from '../plans/repo.ts';
import { billingPeriod } from '../plans/service.ts';
import { memberCompliance, organisationCompliance, todayOf } from './compliance.ts';

export interface OrganisationDeps {
  db: Db;
  mailer: Mailer;
  appOrigin: string;
  logger: Logger;
  invitationsPerAdmin: Limiter;
  /** Seats of the organisation's team plan (plans/seats.ts): throws CONFLICT when none is free. */
  assertSeatFree?: (trx: Tx, organisationId: string) => Promise<void>;
}

/** An invitation link works for 14 days, once. */
export const INVITATION_TTL_MS = 14 * 24 * 3600 * 1000;

interface Meta {
  requestId: string;
  now: Date;
}

type Role = 'member' | 'admin';

/** Chains are locked in id order so two requests touching the same two timelines cannot deadlock. */
const chainsInLockOrder = (...ids: string[]) => [...new Set(ids)].sort();

export const invitationUrl = (appOrigin: string, token: string) => `${appOrigin}/invitations?token=${token}`;

/** Membership is the access check for an organisation: a non-member sees a 404. */
async function getMembership(db: DbOrTx, organisationId: string, userId: string) {
  const membership = await repo.findMembership(db, organisationId, userId);
  if (!membership) throw new AppError('NOT_FOUND', 'Organisation not found');
  return membership;
}

export async function assertOrganisationAdmin(db: DbOrTx, organisationId: string, userId: string) {
  const membership = await getMembership(db, organisationId, userId);
  if (membership.role !== 'admin') throw new AppError('FORBIDDEN', 'Only an organisation admin can do this');
  return membership;
}

/**
 * One membership event on both sides: the member's own timeline, and each admin's. Another
 * person is never named by id on a timeline that is not theirs (audit/chain.ts): there the
 * member is a pseudonym, and the actor is pseudonymised by recordAudit.
 */
async function auditBothSides(trx: Tx, event: { organisationId: string; memberId: string; actorId: string; action: string; details?: Record<string, unknown>; alsoChains?: string[] }, meta: Meta) {
  const admins = await repo.findAdminIds(trx, event.organisationId);
  for (const chainId of chainsInLockOrder(event.memberId, ...admins, ...(event.alsoChains ?? []))) {
    await recordAudit(trx, {
      chainId,
      actor: { type: 'user', id: event.actorId },
      action: event.action,
      subject: { type: 'organisation', id: event.organisationId },
      details: { ...(event.details ?? {}), memberId: chainId === event.memberId ? event.memberId : auditPseudonym(event.memberId) },
      ...meta,
    });
  }
}

export async function createOrganisation(db: Db, userId: string, input: { name: string; kind: 'trust' | 'practice' | 'agency' | 'other' }, meta: Meta) {
  const id = await inTransaction(db, async (trx) => {
    const org = await repo.insertOrganisation(trx, input);
    // The founder shares nothing until they choose to (PUT .../my-consent).
    await repo.insertMember(trx, { organisationId: org.id, userId, role: 'admin', scope: [], now: meta.now });
    await recordAudit(trx, {
      chainId: userId,
      actor: { type: 'user', id: userId },
      action: 'organisation.created',
      subject: { type: 'organisation', id: org.id },
      details: { name: org.name, kind: org.kind },
      ...meta,
    });
    return org.id;
  });
  return getOrganisation(db, userId, id);
}

export async function listMyOrganisations(db: DbOrTx, userId: string) {
  return (await repo.findMemberships(db, userId)).map((m) => ({ id: m.id, name: m.name, kind: m.kind, role: m.role }));
}

export async function getOrganisation(db: DbOrTx, userId: string, organisationId: string): Promise<Organisation> {
  const membership = await getMembership(db, organisationId, userId);
  const members = await repo.findMembers(db, organisationId);
  const isAdmin = membership.role === 'admin';
  return {
    id: membership.id,
    name: membership.name,
    kind: membership.kind,
    role: membership.role,
    myScope: membership.consent_scope,
    members: members.map((m) => ({
      id: m.id,
      name: m.name,
      email: isAdmin ? m.email : null,
      role: m.role,
      joinedAt: m.joined_at.toISOString(),
      scope: isAdmin ? m.consent_scope : null,
    })),
  };
}

/**
 * Invites an address. The answer, the email and the time taken do not depend on whether the
 * address has an account: the page behind the link offers to sign in or to sign up.
 */
export async function inviteMember(deps: OrganisationDeps, adminId: string, organisationId: string, input: { email: string; role: Role; scope: ConsentScope[] }, meta: Meta) {
  const { db } = deps;
  const admin = await assertOrganisationAdmin(db, organisationId, adminId);
  await deps.invitationsPerAdmin.consume(adminId);
  const inviter = await findUserById(db, adminId);
  if (inviter?.email === input.email) {
    throw new AppError('VALIDATION', 'You cannot invite yourself: you are already in this organisation', { issues: [{ path: 'body.email', message: 'is your own address' }] });
  }
  const token = generateToken();
  const invitation = await inTransaction(db, async (trx) => {
    await repo.lockOrganisation(trx, organisationId);
    await assertOrganisationAdmin(trx, organisationId, adminId);
    // The admin sees members' addresses already, so saying this tells them nothing new.
    if (await repo.isMemberEmail(trx, organisationId, input.email)) throw new AppError('CONFLICT', 'That address already belongs to a member of this organisation');
    const replaced = await repo.revokePendingInvitationTo(trx, organisationId, input.email, meta.now);
    const row = await repo.insertInvitation(trx, {
      organisationId,
      invitedBy: adminId,
      email: input.email,
      role: input.role,
      scope: input.scope,
      tokenHash: hashToken(token),
      expiresAt: new Date(meta.now.getTime() + INVITATION_TTL_MS),
      now: meta.now,
    });
    // The address is the invitee's, not the admin's: the admin's timeline keeps the invitation's id.
    await recordAudit(trx, {
      chainId: adminId,
      actor: { type: 'user', id: adminId },
      action: 'organisation.invitation_sent',
      subject: { type: 'organisation', id: organisationId },
      details: { invitationId: row.id, role: input.role, scope: input.scope, replaced: replaced.length },
      ...meta,
    });
    return row;
  });
  // Sent after the commit, not from a job: a job payload would have to hold the token. If the
  // mail server is down the invitation stands and the admin can send it again.
  let emailSent = true;
  try {
    const message = await organisationInvitationMessage({
      organisationName: admin.name,
      inviterName: inviter?.name ?? 'An admin',
      role: input.role,
      terms: invitationTerms(admin.name, input.scope),
      acceptUrl: invitationUrl(deps.appOrigin, token),
      expiresOn: peopleDate(invitation.expires_at),
    });
    await deps.mailer.send({ to: input.email, ...message });
  } catch (err) {
    emailSent = false;
    deps.logger.warn({ invitationId: invitation.id, err: err instanceof Error ? err.name : 'unknown' }, 'invitation email not sent');
  }
  return { id: invitation.id, email: input.email, role: invitation.role, scope: input.scope, expiresAt: invitation.expires_at.toISOString(), emailSent };
}

export async function listInvitations(db: DbOrTx, adminId: string, organisationId: string, now: Date) {
  await assertOrganisationAdmin(db, organisationId, adminId);
  const rows = await repo.findPendingInvitations(db, organisationId, now);
  return {
    invitations: rows.map((r) => ({ id: r.id, email: r.email!, role: r.role, scope: r.scope, expiresAt: r.expires_at.toISOString(), createdAt: r.created_at.toISOString() })),
  };
}

export async function revokeInvitation(db: Db, adminId: string, organisationId: string, invitationId: string, meta: Meta) {
  await inTransaction(db, async (trx) => {
    await assertOrganisationAdmin(trx, organisationId, adminId);
    const pending = await repo.findPendingInvitations(trx, organisationId, new Date(0));
    if (!pending.some((i) => i.id === invitationId)) throw new AppError('NOT_FOUND', 'Invitation not found');
    await repo.decideInvitation(trx, invitationId, 'revoked', meta.now);
    await recordAudit(trx, {
      chainId: adminId,
      actor: { type: 'user', id: adminId },
      action: 'organisation.invitation_revoked',
      subject: { type: 'organisation', id: organisationId },
      details: { invitationId },
      ...meta,
    });
  });
}

/** The one rule for whether a link may still be decided: unknown 404, decided or expired 410. */
function assertInvitationOpen(row: Awaited<ReturnType<typeof repo.findInvitationByTokenHash>>, now: Date): asserts row is NonNullable<typeof row> {
  if (!row) throw new AppError('NOT_FOUND', 'Invitation not found: check you used the whole link from the email');
  if (row.status === 'accepted') throw new AppError('GONE', 'This invitation has already been accepted');
  if (row.status === 'declined') throw new AppError('GONE', 'This invitation has already been declined');
  if (row.status === 'revoked') throw new AppError('GONE', 'This invitation was withdrawn by the organisation');
  if (row.expires_at.getTime() <= now.getTime()) throw new AppError('GONE', `This invitation expired on ${peopleDate(row.expires_at)}: ask the organisation to invite you again`);
}

export async function viewInvitation(db: DbOrTx, token: string, now: Date) {
  const row = await repo.findInvitationByTokenHash(db, hashToken(token));
  assertInvitationOpen(row, now);
  return {
    organisation: { name: row.organisation_name, kind: row.organisation_kind },
    email: row.email!,
    role: row.role,
    scope: row.scope,
    terms: invitationTerms(row.organisation_name, row.scope),
    expiresAt: row.expires_at.toISOString(),
  };
}

/**
 * Accepting joins the organisation on the invitation's terms. Only the account with the invited
 * address may accept: the link was sent to that address, and anyone else holding it (a
 * forwarded email) gets the same 404 as for a link that does not exist.
 */
export async function acceptInvitation(deps: Pick<OrganisationDeps, 'db' | 'assertSeatFree'>, userId: string, token: string, meta: Meta) {
  return inTransaction(deps.db, async (trx) => {
    const user = await findUserById(trx, userId);
    const found = await repo.findInvitationByTokenHash(trx, hashToken(token));
    if (!found || !user || (found.status === 'pending' && found.email !== user.email))
      throw new AppError('NOT_FOUND', 'Invitation not found: check you used the whole link from the email, signed in with the address it was sent to');
    await repo.lockOrganisation(trx, found.organisation_id);
    const row = await repo.findInvitationByTokenHash(trx, hashToken(token), { forUpdate: true });
    assertInvitationOpen(row, meta.now);
    if (await repo.findMembership(trx, row.organisation_id, userId)) throw new AppError('CONFLICT', 'You are already a member of this organisation');
    await deps.assertSeatFree?.(trx, row.organisation_id);
    await repo.insertMember(trx, { organisationId: row.organisation_id, userId, role: row.role, scope: row.scope, now: meta.now });
    await repo.decideInvitation(trx, row.id, 'accepted', meta.now);
    await auditBothSides(
      trx,
      {
        organisationId: row.organisation_id,
        memberId: userId,
        actorId: userId,
        action: 'organisation.invitation_accepted',
        details: { invitationId: row.id, role: row.role, scope: row.scope },
        alsoChains: [row.invited_by],
      },
      meta,
    );
    return { organisationId: row.organisation_id };
  });
}

/** Declining needs only the link (no account): the inviter's timeline says so, and the invitee's if they have one. */
export async function declineInvitation(db: Db, token: string, meta: Meta) {
  await inTransaction(db, async (trx) => {
    const row = await repo.findInvitationByTokenHash(trx, hashToken(token), { forUpdate: true });
    assertInvitationOpen(row, meta.now);
    const invitee = await findUserByEmail(trx, row.email!);
    await repo.decideInvitation(trx, row.id, 'declined', meta.now);
    for (const chainId of chainsInLockOrder(row.invited_by, ...(invitee ? [invitee.id] : []))) {
      await recordAudit(trx, {
        chainId,
        actor: invitee ? { type: 'user', id: invitee.id } : { type: 'system', id: null },
        action: 'organisation.invitation_declined',
        subject: { type: 'organisation', id: row.organisation_id },
        details: { invitationId: row.id },
        ...meta,
      });
    }
  });
}

/** Never leaves an organisation that still has members without an admin. */
async function assertNotLastAdmin(trx: Tx, organisationId: string, target: { role: Role }, message: string) {
  if (target.role === 'admin' && (await repo.countAdmins(trx, organisationId)) <= 1) throw new AppError('CONFLICT', message);
}

export async function removeMember(db: Db, adminId: string, organisationId: string, memberId: string, meta: Meta) {
  await inTransaction(db, async (trx) => {
    await repo.lockOrganisation(trx, organisationId);
    await assertOrganisationAdmin(trx, organisationId, adminId);
    const target = await repo.findMembership(trx, organisationId, memberId);
    if (!target) throw new AppError('NOT_FOUND', 'Member not found');
    await assertNotLastAdmin(trx, organisationId, target, 'An organisation needs at least one admin: make someone else admin first');
    // Audited while the member is still listed, then removed.
    await auditBothSides(trx, { organisationId, memberId, actorId: adminId, action: 'organisation.member_removed' }, meta);
    await repo.deleteMember(trx, organisationId, memberId);
  });
}

/**
 * A member may leave at any time. The last admin of an organisation with other members must hand
 * over first; a sole member leaving takes the organisation with them (nobody could reach it).
 */
export async function leaveOrganisation(db: Db, userId: string, organisationId: string, meta: Meta) {
  await inTransaction(db, async (trx) => {
    await repo.lockOrganisation(trx, organisationId);
    const membership = await getMembership(trx, organisationId, userId);
    const others = await repo.findOtherMembers(trx, organisationId, userId);
    if (others.length === 0) {
      // Deleting it would leave Stripe charging for an organisation that no longer exists.
      if (await hasStripeSubscription(trx, { organisationId }))
        throw new AppError('CONFLICT', 'You are its only member and it has a paid plan: cancel the plan in the billing portal before you leave');
      await recordAudit(trx, {
        chainId: userId,
        actor: { type: 'user', id: userId },
        action: 'organisation.left',
        subject: { type: 'organisation', id: organisationId },
        details: { organisationDeleted: true },
        ...meta,
      });
      await repo.deleteOrganisation(trx, organisationId);
      return;
    }
    await assertNotLastAdmin(trx, organisationId, membership, 'You are the only admin: make another member admin before you leave');
    await auditBothSides(trx, { organisationId, memberId: userId, actorId: userId, action: 'organisation.left' }, meta);
    await repo.deleteMember(trx, organisationId, userId);
  });
}

export async function changeRole(db: Db, adminId: string, organisationId: string, memberId: string, role: Role, meta: Meta) {
  await inTransaction(db, async (trx) => {
    await repo.lockOrganisation(trx, organisationId);
    await assertOrganisationAdmin(trx, organisationId, adminId);
    const target = await repo.findMembership(trx, organisationId, memberId);
    if (!target) throw new AppError('NOT_FOUND', 'Member not found');
    if (target.role === role) return;
    if (role === 'member') await assertNotLastAdmin(trx, organisationId, target, 'An organisation needs at least one admin: make someone else admin first');
    await repo.setMemberRole(trx, organisationId, memberId, role);
    await auditBothSides(trx, { organisationId, memberId, actorId: adminId, action: role === 'admin' ? 'organisation.admin_granted' : 'organisation.admin_revoked', details: { role } }, meta);
  });
  return getOrganisation(db, adminId, organisationId);
}

/** A member changes what they share; it applies at once to what the admins see. */
export async function setMyConsent(db: Db, userId: string, organisationId: string, scope: ConsentScope[], meta: Meta) {
  await inTransaction(db, async (trx) => {
    await repo.lockOrganisation(trx, organisationId);
    const membership = await getMembership(trx, organisationId, userId);
    await repo.setConsentScope(trx, organisationId, userId, scope, meta.now);
    await auditBothSides(trx, { organisationId, memberId: userId, actorId: userId, action: 'organisation.consent_changed', details: { before: membership.consent_scope, after: scope } }, meta);
  });
  return getOrganisation(db, userId, organisationId);
}

/**
 * A user's organisations when their account is erased (docs/ARCHITECTURE.md, Erasure and
 * retention). One they are the only member of goes with them (its plan too): nobody else can
 * reach it, and its name may say whose it was. One with other members belongs to them as well
 * and stays; if the erased user was its only admin, its longest-standing member becomes admin,
 * so it is never left without one. That member's timeline says so, naming nobody.
 */
export async function releaseOrganisationsOf(trx: Tx, userId: string, now: Date): Promise<{ deleted: number; handedOver: number }> {
  let deleted = 0;
  let handedOver = 0;
  // Invitations still waiting for their address name them: they go too.
  const user = await findUserById(trx, userId);
  if (user) await repo.deletePendingInvitationsTo(trx, user.email);
  for (const { id, role } of await repo.findMemberships(trx, userId)) {
    await repo.lockOrganisation(trx, id);
    const others = await repo.findOtherMembers(trx, id, userId);
    if (others.length === 0) {
      await repo.deleteOrganisation(trx, id);
      deleted++;
      continue;
    }
    if (role !== 'admin' || others.some((m) => m.role === 'admin')) continue;
    const heir = others[0]!;
    await repo.setMemberRole(trx, id, heir.user_id, 'admin');
    await recordAudit(trx, {
      chainId: heir.user_id,
      actor: { type: 'system', id: null },
      action: 'organisation.admin_handed_over',
      subject: { type: 'organisation', id },
      details: { reason: 'the only admin’s account was erased' },
      now,
    });
    handedOver++;
  }
  return { deleted, handedOver };
}

/** The admins' compliance view: only members who share something, only what they share. */
export async function getComplianceView(db: DbOrTx, adminId: string, organisationId: string, now: Date) {
  await assertOrganisationAdmin(db, organisationId, adminId);
  return organisationCompliance(db, organisationId, now);
}

/** What the member's organisation sees of them, built by the same function as the admins' view. */
export async function getMyView(db: DbOrTx, userId: string, organisationId: string, now: Date) {
  const membership = await getMembership(db, organisationId, userId);
  const user = await findUserById(db, userId);
  const scope = membership.consent_scope;
  return {
    organisation: { id: membership.id, name: membership.name },
    sees: scope.length ? await memberCompliance(db, { id: userId, name: user?.name ?? '', scope }, todayOf(now)) : null,
    terms: invitationTerms(membership.name, scope),
  };
}

/** Usage of the organisation's plan this month, in totals per member (counts only, never content). */
export async function getOrganisationUsage(db: DbOrTx, adminId: string, organisationId: string, now: Date) {
  await assertOrganisationAdmin(db, organisationId, adminId);
  const [members, seatUse, plan] = await Promise.all([repo.findMembers(db, organisationId), findSeatUse(db, organisationId), repo.findOrganisationPlan(db, organisationId)]);
  const periodStart = billingPeriod(now).start.toISOString().slice(0, 10);
  const totals = { assistantMessages: 0, cvGenerations: 0, llmTokens: 0 };
  const rows = [];
  for (const m of members) {
    const u = await sumUsage(db, m.id, periodStart);
    const usage = { assistantMessages: u.assistant_messages, cvGenerations: u.cv_generations, llmTokens: u.llm_tokens };
    for (const k of Object.keys(totals) as Array<keyof typeof totals>) totals[k] += usage[k];
    rows.push({ memberId: m.id, name: m.name, usage });
  }
  return { plan: plan ? { id: plan.id, name: plan.name } : null, seats: { total: seatUse.seats, used: seatUse.members }, periodStart, members: rows, totals };
}
