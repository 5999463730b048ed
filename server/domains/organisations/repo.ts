import type { DbOrTx } from '../../platform/db/transaction.ts';
import type { ConsentScope } from '../../platform/db/types.ts';

export async function insertOrganisation(db: DbOrTx, org: { name: string; kind: 'trust' | 'practice' | 'agency' | 'other' }) {
  return db.insertInto('organisations').values(org).returningAll().executeTakeFirstOrThrow();
}

/** Adds a member; undefined when they already belong (their role is left as it is). */
export async function insertMember(db: DbOrTx, member: { organisationId: string; userId: string; role: 'member' | 'admin'; scope: ConsentScope[]; now: Date }) {
  return db
    .insertInto('organisation_members')
    .values({
      organisation_id: member.organisationId,
      user_id: member.userId,
      role: member.role,
      consent_scope: JSON.stringify(member.scope),
      consented_at: member.now,
      joined_at: member.now,
    })
    .onConflict((oc) => oc.columns(['organisation_id', 'user_id']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** Serialises membership changes of one organisation (e.g. two admins removing each other). */
export async function lockOrganisation(db: DbOrTx, organisationId: string) {
  await db.selectFrom('organisations').select('id').where('id', '=', organisationId).forUpdate().execute();
}

export async function deleteMember(db: DbOrTx, organisationId: string, userId: string) {
  return db.deleteFrom('organisation_members').where('organisation_id', '=', organisationId).where('user_id', '=', userId).returning('user_id').executeTakeFirst();
}

export async function findMembership(db: DbOrTx, organisationId: string, userId: string) {
  return db
    .selectFrom('organisation_members')
    .innerJoin('organisations', 'organisations.id', 'organisation_members.organisation_id')
    .select(['organisations.id', 'organisations.name', 'organisations.kind', 'organisations.created_at', 'organisation_members.role', 'organisation_members.consent_scope'])
    .where('organisation_members.organisation_id', '=', organisationId)
    .where('organisation_members.user_id', '=', userId)
    .executeTakeFirst();
}

export async function findMemberships(db: DbOrTx, userId: string) {
  return db
    .selectFrom('organisation_members')
    .innerJoin('organisations', 'organisations.id', 'organisation_members.organisation_id')
    .select(['organisations.id', 'organisations.name', 'organisations.kind', 'organisation_members.role'])
    .where('organisation_members.user_id', '=', userId)
    .orderBy('organisations.name')
    .execute();
}

export async function findMembers(db: DbOrTx, organisationId: string) {
  return db
    .selectFrom('organisation_members')
    .innerJoin('users', 'users.id', 'organisation_members.user_id')
    .select(['users.id', 'users.name', 'users.email', 'organisation_members.role', 'organisation_members.joined_at', 'organisation_members.consent_scope'])
    .where('organisation_members.organisation_id', '=', organisationId)
    .orderBy('users.name')
    .execute();
}

export async function countAdmins(db: DbOrTx, organisationId: string): Promise<number> {
  const rows = await db.selectFrom('organisation_members').select('user_id').where('organisation_id', '=', organisationId).where('role', '=', 'admin').execute();
  return rows.length;
}

export async function findOrganisation(db: DbOrTx, id: string) {
  return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Members other than `userId`, longest-standing first. */
export async function findOtherMembers(db: DbOrTx, organisationId: string, userId: string) {
  return db
    .selectFrom('organisation_members')
    .select(['user_id', 'role', 'joined_at'])
    .where('organisation_id', '=', organisationId)
    .where('user_id', '<>', userId)
    .orderBy('joined_at')
    .orderBy('user_id')
    .execute();
}

export async function setMemberRole(db: DbOrTx, organisationId: string, userId: string, role: 'member' | 'admin') {
  await db.updateTable('organisation_members').set({ role }).where('organisation_id', '=', organisationId).where('user_id', '=', userId).execute();
}

export async function deleteOrganisation(db: DbOrTx, organisationId: string) {
  await db.deleteFrom('organisations').where('id', '=', organisationId).execute();
}

export async function findAdminIds(db: DbOrTx, organisationId: string): Promise<string[]> {
  const rows = await db.selectFrom('organisation_members').select('user_id').where('organisation_id', '=', organisationId).where('role', '=', 'admin').execute();
  return rows.map((r) => r.user_id);
}

export async function countMembers(db: DbOrTx, organisationId: string): Promise<number> {
  const row = await db
    .selectFrom('organisation_members')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('organisation_id', '=', organisationId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function setConsentScope(db: DbOrTx, organisationId: string, userId: string, scope: ConsentScope[], now: Date) {
  await db
    .updateTable('organisation_members')
    .set({ consent_scope: JSON.stringify(scope), consented_at: now })
    .where('organisation_id', '=', organisationId)
    .where('user_id', '=', userId)
    .execute();
}

/** Is an address already a member's? Only ever asked by an admin of the organisation, who sees members' addresses anyway. */
export async function isMemberEmail(db: DbOrTx, organisationId: string, email: string): Promise<boolean> {
  const row = await db
    .selectFrom('organisation_members')
    .innerJoin('users', 'users.id', 'organisation_members.user_id')
    .select('users.id')
    .where('organisation_members.organisation_id', '=', organisationId)
    .where('users.email', '=', email)
    .executeTakeFirst();
  return Boolean(row);
}

/** Withdraws a pending invitation to the same address, so only the newest link works. */
export async function revokePendingInvitationTo(db: DbOrTx, organisationId: string, email: string, now: Date) {
  return db
    .updateTable('organisation_invitations')
    .set({ status: 'revoked', email: null, decided_at: now })
    .where('organisation_id', '=', organisationId)
    .where('email', '=', email)
    .where('status', '=', 'pending')
    .returning('id')
    .execute();
}

export async function insertInvitation(
  db: DbOrTx,
  invitation: { organisationId: string; invitedBy: string; email: string; role: 'member' | 'admin'; scope: ConsentScope[]; tokenHash: string; expiresAt: Date; now: Date },
) {
  return db
    .insertInto('organisation_invitations')
    .values({
      organisation_id: invitation.organisationId,
      invited_by: invitation.invitedBy,
      email: invitation.email,
      role: invitation.role,
      scope: JSON.stringify(invitation.scope),
      token_hash: invitation.tokenHash,
      expires_at: invitation.expiresAt,
      created_at: invitation.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findPendingInvitations(db: DbOrTx, organisationId: string, now: Date) {
  return db
    .selectFrom('organisation_invitations')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('status', '=', 'pending')
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .execute();
}

/** An invitation by its link, with its organisation; `forUpdate` holds it while it is decided. */
export async function findInvitationByTokenHash(db: DbOrTx, tokenHash: string, opts: { forUpdate?: boolean } = {}) {
  let query = db
    .selectFrom('organisation_invitations')
    .innerJoin('organisations', 'organisations.id', 'organisation_invitations.organisation_id')
    .selectAll('organisation_invitations')
    .select(['organisations.name as organisation_name', 'organisations.kind as organisation_kind'])
    .where('organisation_invitations.token_hash', '=', tokenHash);
  if (opts.forUpdate) query = query.forUpdate('organisation_invitations');
  return query.executeTakeFirst();
}

/** Decides a pending invitation once; the address goes with the decision (migration 0042). */
export async function decideInvitation(db: DbOrTx, id: string, status: 'accepted' | 'declined' | 'revoked', now: Date) {
  return db
    .updateTable('organisation_invitations')
    .set({ status, email: null, decided_at: now })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .returning(['id', 'organisation_id', 'invited_by', 'role'])
    .executeTakeFirst();
}

export async function deletePendingInvitationsTo(db: DbOrTx, email: string) {
  await db.deleteFrom('organisation_invitations').where('email', '=', email).where('status', '=', 'pending').execute();
}

/**
 * The record items a compliance view may show, column by column: never a registration or
 * certificate number, a document, a post or free text beyond a course's and a status's name.
 */
export async function findComplianceItems(db: DbOrTx, userId: string) {
  const [registrations, dbsChecks, training] = await Promise.all([
    db.selectFrom('registrations').select(['id', 'body', 'status', 'renewal_date', 'revalidation_date']).where('user_id', '=', userId).orderBy('body').orderBy('id').execute(),
    db
      .selectFrom('dbs_checks')
      .select(['id', 'level', 'workforce', 'issue_date', 'update_service', 'update_service_renewal_date'])
      .where('user_id', '=', userId)
      .orderBy('issue_date', 'desc')
      .orderBy('id')
      .execute(),
    db.selectFrom('training').select(['id', 'name', 'completed_on', 'expires_on']).where('user_id', '=', userId).orderBy('name').orderBy('id').execute(),
  ]);
  return { registrations, dbsChecks, training };
}

export async function findOrganisationPlan(db: DbOrTx, organisationId: string) {
  return db
    .selectFrom('subscriptions')
    .innerJoin('plans', 'plans.id', 'subscriptions.plan_id')
    .select(['plans.id', 'plans.name'])
    .where('subscriptions.organisation_id', '=', organisationId)
    .where('subscriptions.status', '=', 'active')
    .executeTakeFirst();
}
