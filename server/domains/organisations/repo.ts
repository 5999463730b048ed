import type { DbOrTx } from '../../platform/db/transaction.ts';

export async function insertOrganisation(db: DbOrTx, org: { name: string; kind: 'trust' | 'practice' | 'agency' | 'other' }) {
  return db.insertInto('organisations').values(org).returningAll().executeTakeFirstOrThrow();
}

/** Adds a member; undefined when they already belong (their role is left as it is). */
export async function insertMember(db: DbOrTx, member: { organisationId: string; userId: string; role: 'member' | 'admin' }) {
  return db
    .insertInto('organisation_members')
    .values({ organisation_id: member.organisationId, user_id: member.userId, role: member.role })
    .onConflict((oc) => oc.columns(['organisation_id', 'user_id']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** Serialises membership changes of one organisation (e.g. two admins removing each other). */
export async function lockOrganisation(db: DbOrTx, organisationId: string) {
  await db.selectFrom('organisations').select('id').where('id', '=', organisationId).forUpdate().execute();
}

export async function deleteMember(db: DbOrTx, organisationId: string, userId: string) {
  return db
    .deleteFrom('organisation_members')
    .where('organisation_id', '=', organisationId)
    .where('user_id', '=', userId)
    .returning('user_id')
    .executeTakeFirst();
}

export async function findMembership(db: DbOrTx, organisationId: string, userId: string) {
  return db
    .selectFrom('organisation_members')
    .innerJoin('organisations', 'organisations.id', 'organisation_members.organisation_id')
    .select(['organisations.id', 'organisations.name', 'organisations.kind', 'organisations.created_at', 'organisation_members.role'])
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
    .select(['users.id', 'users.name', 'users.email', 'organisation_members.role', 'organisation_members.joined_at'])
    .where('organisation_members.organisation_id', '=', organisationId)
    .orderBy('users.name')
    .execute();
}

export async function countAdmins(db: DbOrTx, organisationId: string): Promise<number> {
  const rows = await db
    .selectFrom('organisation_members')
    .select('user_id')
    .where('organisation_id', '=', organisationId)
    .where('role', '=', 'admin')
    .execute();
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
