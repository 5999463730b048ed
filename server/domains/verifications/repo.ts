import type { DbOrTx } from '../../platform/db/transaction.ts';
import type { RefereeEmailKind, VerificationStatus } from '../../platform/db/types.ts';

export async function insertVerification(
  db: DbOrTx,
  row: {
    user_id: string;
    subject_type: 'post' | 'timecard';
    subject_id: string;
    verifier_name: string;
    verifier_email: string;
    relationship: string;
    token_hash: string;
    snapshot: Record<string, unknown>;
    expires_at: Date;
    requested_at: Date;
    email_kind: RefereeEmailKind;
    email_domain: string;
  },
) {
  return db
    .insertInto('verifications')
    .values({ ...row, snapshot: JSON.stringify(row.snapshot) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findVerifications(db: DbOrTx, userId: string) {
  return db.selectFrom('verifications').selectAll().where('user_id', '=', userId).orderBy('requested_at', 'desc').execute();
}

export async function findVerification(db: DbOrTx, userId: string, id: string) {
  return db.selectFrom('verifications').selectAll().where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
}

export async function findVerificationById(db: DbOrTx, id: string) {
  return db.selectFrom('verifications').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findVerificationByTokenHash(db: DbOrTx, tokenHash: string) {
  return db
    .selectFrom('verifications')
    .innerJoin('users', 'users.id', 'verifications.user_id')
    .selectAll('verifications')
    .select(['users.name as clinician_name', 'users.email as clinician_email', 'users.locked_at as owner_locked_at'])
    .where('verifications.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function setTokenHash(db: DbOrTx, id: string, tokenHash: string) {
  return db.updateTable('verifications').set({ token_hash: tokenHash }).where('id', '=', id).where('status', '=', 'requested').returning('id').executeTakeFirst();
}

export interface Responder {
  name: string;
  role: string;
  organisation: string;
  registrationBody: string | null;
  registrationNumber: string | null;
}

/** Moves a still-open request to a final state with who answered it; undefined when it was no longer open. */
export async function closeVerification(db: DbOrTx, id: string, status: VerificationStatus, comment: string | null, responder: Responder, now: Date) {
  return db
    .updateTable('verifications')
    .set({
      status,
      comment,
      responded_at: now,
      responder_name: responder.name,
      responder_role: responder.role,
      responder_organisation: responder.organisation,
      responder_registration_body: responder.registrationBody,
      responder_registration_number: responder.registrationNumber,
      declared_at: now,
    })
    .where('id', '=', id)
    .where('status', '=', 'requested')
    .where('expires_at', '>', now)
    .returningAll()
    .executeTakeFirst();
}

export async function cancelVerification(db: DbOrTx, userId: string, id: string, now: Date) {
  return db
    .updateTable('verifications')
    .set({ status: 'cancelled', responded_at: now })
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .where('status', '=', 'requested')
    .returning('id')
    .executeTakeFirst();
}

/** A changed record is no longer what its verifier confirmed. */
export async function supersedeConfirmations(db: DbOrTx, subjectType: 'post' | 'timecard', subjectId: string, now: Date) {
  const rows = await db
    .updateTable('verifications')
    .set({ status: 'superseded', responded_at: now })
    .where('subject_type', '=', subjectType)
    .where('subject_id', '=', subjectId)
    .where('status', 'in', ['confirmed', 'requested'])
    .returning('id')
    .execute();
  return rows.length;
}

/** The confirmations behind records of one type, newest first (the evidence shown on CVs and share pages). */
export async function findConfirmations(db: DbOrTx, userId: string, subjectTypes: ReadonlyArray<'post' | 'timecard'>) {
  return db
    .selectFrom('verifications')
    .select(['id', 'subject_type', 'subject_id', 'responded_at', 'responder_name', 'responder_role', 'responder_organisation', 'verifier_name', 'relationship', 'email_kind', 'email_domain'])
    .where('user_id', '=', userId)
    .where('subject_type', 'in', subjectTypes)
    .where('status', '=', 'confirmed')
    .orderBy('responded_at', 'desc')
    .execute();
}
