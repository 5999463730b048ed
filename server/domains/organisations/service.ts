import { AppError } from '../../platform/errors.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction, type DbOrTx, type Tx } from '../../platform/db/transaction.ts';
import { auditPseudonym, recordAudit } from '../audit/service.ts';
import { findUserByEmail } from '../accounts/repo.ts';
import * as repo from './repo.ts';
import type { Organisation } from './schema.ts';
import type { Limiter } from '../../platform/rate-limit.ts';

export interface OrganisationDeps {
  db: Db;
  membersPerAdmin: Limiter;
}

/** Chains are locked in id order so two requests touching the same two timelines cannot deadlock. */
const chainsInLockOrder = (...ids: string[]) => [...new Set(ids)].sort();

interface Meta {
  requestId: string;
  now: Date;
}

/** Membership is the access check for an organisation: a non-member sees a 404. */
async function getMembership(db: DbOrTx, organisationId: string, userId: string) {
  const membership = await repo.findMembership(db, organisationId, userId);
  if (!membership) throw new AppError('NOT_FOUND', 'Organisation not found');
  return membership;
}

async function assertOrganisationAdmin(db: DbOrTx, organisationId: string, userId: string) {
  const membership = await getMembership(db, organisationId, userId);
  if (membership.role !== 'admin') throw new AppError('FORBIDDEN', 'Only an organisation admin can do this');
  return membership;
}

export async function createOrganisation(db: Db, userId: string, input: { name: string; kind: 'trust' | 'practice' | 'agency' | 'other' }, meta: Meta) {
  const id = await inTransaction(db, async (trx) => {
    const org = await repo.insertOrganisation(trx, input);
    await repo.insertMember(trx, { organisationId: org.id, userId, role: 'admin' });
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
    members: members.map((m) => ({ id: m.id, name: m.name, email: isAdmin ? m.email : null, role: m.role, joinedAt: m.joined_at.toISOString() })),
  };
}

export async function addMember(deps: OrganisationDeps, adminId: string, organisationId: string, input: { email: string; role: 'member' | 'admin' }, meta: Meta) {
  const { db } = deps;
  await assertOrganisationAdmin(db, organisationId, adminId);
  await deps.membersPerAdmin.consume(adminId);
  await inTransaction(db, async (trx) => {
    await repo.lockOrganisation(trx, organisationId);
    await assertOrganisationAdmin(trx, organisationId, adminId);
    const member = await findUserByEmail(trx, input.email);
    if (!member) {
      throw new AppError('VALIDATION', 'No Medfolio account uses that email address: ask them to sign up first', {
        issues: [{ path: 'body.email', message: 'has no Medfolio account' }],
      });
    }
    if (!(await repo.insertMember(trx, { organisationId, userId: member.id, role: input.role }))) {
      throw new AppError('CONFLICT', 'That person is already a member');
    }
    // The member's own timeline shows who added them, and the admin's shows what they did.
    for (const chainId of chainsInLockOrder(member.id, adminId)) {
      await recordAudit(trx, {
        chainId,
        actor: { type: 'user', id: adminId },
        action: 'organisation.member_added',
        subject: { type: 'organisation', id: organisationId },
        // On the admin's timeline the member is a pseudonym, never their id (audit/chain.ts).
        details: { memberId: chainId === member.id ? member.id : auditPseudonym(member.id), role: input.role },
        ...meta,
      });
    }
  });
  return getOrganisation(db, adminId, organisationId);
}

export async function removeMember(db: Db, adminId: string, organisationId: string, memberId: string, meta: Meta) {
  await inTransaction(db, async (trx) => {
    await repo.lockOrganisation(trx, organisationId);
    await assertOrganisationAdmin(trx, organisationId, adminId);
    const target = await repo.findMembership(trx, organisationId, memberId);
    if (!target) throw new AppError('NOT_FOUND', 'Member not found');
    if (target.role === 'admin' && (await repo.countAdmins(trx, organisationId)) <= 1) {
      throw new AppError('CONFLICT', 'An organisation needs at least one admin: make someone else admin first');
    }
    await repo.deleteMember(trx, organisationId, memberId);
    for (const chainId of chainsInLockOrder(memberId, adminId)) {
      await recordAudit(trx, {
        chainId,
        actor: { type: 'user', id: adminId },
        action: 'organisation.member_removed',
        subject: { type: 'organisation', id: organisationId },
        details: { memberId: chainId === memberId ? memberId : auditPseudonym(memberId) },
        ...meta,
      });
    }
  });
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
    await recordAudit(trx, { chainId: heir.user_id, actor: { type: 'system', id: null }, action: 'organisation.admin_handed_over', subject: { type: 'organisation', id }, details: { reason: 'the only admin’s account was erased' }, now });
    handedOver++;
  }
  return { deleted, handedOver };
}
