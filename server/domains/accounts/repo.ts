import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../../platform/db/transaction.ts';
import type { EmailTokenPurpose } from '../../platform/db/types.ts';

// ---- users

export async function insertUser(db: DbOrTx, user: { email: string; name: string; passwordHash: string }) {
  return db
    .insertInto('users')
    .values({ email: user.email, name: user.name, password_hash: user.passwordHash })
    .onConflict((oc) => oc.column('email').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function findUserByEmail(db: DbOrTx, email: string) {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function findUserById(db: DbOrTx, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateUser(
  db: DbOrTx,
  id: string,
  patch: Partial<{
    password_hash: string;
    email_verified_at: Date;
    totp_secret: string | null;
    totp_enabled_at: Date | null;
    totp_last_step: number | null;
    name: string;
    profession: 'doctor' | 'nurse' | 'midwife' | 'ahp' | 'other' | null;
    home_nation: 'england' | 'scotland' | 'wales' | 'northern-ireland' | 'other' | null;
    time_zone: string;
    role: 'clinician' | 'platform_admin';
    processing_restricted_at: Date | null;
  }>,
  now: Date,
) {
  return db
    .updateTable('users')
    .set({ ...patch, updated_at: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/** Turns on two-factor for exactly the secret that was checked (a concurrent set-up loses). */
export async function enableTotp(db: DbOrTx, userId: string, sealedSecret: string, now: Date): Promise<boolean> {
  const row = await db
    .updateTable('users')
    .set({ totp_enabled_at: now, updated_at: now })
    .where('id', '=', userId)
    .where('totp_secret', '=', sealedSecret)
    .where('totp_enabled_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return Boolean(row);
}

/** Records a TOTP step as used; false when this step (or a later one) was already used. */
export async function useTotpStep(db: DbOrTx, userId: string, step: number): Promise<boolean> {
  const row = await db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .returning('id')
    .executeTakeFirst();
  return Boolean(row);
}

// ---- sessions

export async function insertSession(db: DbOrTx, session: { userId: string; tokenHash: string; userAgent: string | null; ipPrefix: string | null; expiresAt: Date; now: Date }) {
  return db
    .insertInto('sessions')
    .values({
      user_id: session.userId,
      token_hash: session.tokenHash,
      user_agent: session.userAgent,
      ip_prefix: session.ipPrefix,
      created_at: session.now,
      last_seen_at: session.now,
      expires_at: session.expiresAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findLiveSessionByTokenHash(db: DbOrTx, tokenHash: string, now: Date, idleBefore: Date) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id as sessionId', 'sessions.last_seen_at', 'users.id as userId', 'users.role'])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.revoked_at', 'is', null)
    .where('sessions.expires_at', '>', now)
    .where('sessions.last_seen_at', '>', idleBefore)
    .where('users.locked_at', 'is', null)
    .executeTakeFirst();
}

export async function touchSession(db: DbOrTx, sessionId: string, now: Date) {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', sessionId).execute();
}

export async function findLiveSessions(db: DbOrTx, userId: string, now: Date, idleBefore: Date) {
  return db
    .selectFrom('sessions')
    .select(['id', 'created_at', 'last_seen_at', 'user_agent', 'ip_prefix'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .where('last_seen_at', '>', idleBefore)
    .orderBy('last_seen_at', 'desc')
    .execute();
}

export async function revokeSession(db: DbOrTx, userId: string, sessionId: string, now: Date) {
  return db.updateTable('sessions').set({ revoked_at: now }).where('id', '=', sessionId).where('user_id', '=', userId).where('revoked_at', 'is', null).returning('id').executeTakeFirst();
}

export async function revokeSessionsExcept(db: DbOrTx, userId: string, keepSessionId: string | null, now: Date) {
  let query = db.updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (keepSessionId) query = query.where('id', '!=', keepSessionId);
  const rows = await query.returning('id').execute();
  return rows.length;
}

// ---- email tokens

export async function insertEmailToken(db: DbOrTx, token: { userId: string; purpose: EmailTokenPurpose; tokenHash: string; expiresAt: Date; now: Date }) {
  await db.insertInto('email_tokens').values({ user_id: token.userId, purpose: token.purpose, token_hash: token.tokenHash, expires_at: token.expiresAt, created_at: token.now }).execute();
}

/** Marks a live token used and returns its user; a used, expired or unknown token yields nothing. */
export async function consumeEmailToken(db: DbOrTx, purpose: EmailTokenPurpose, tokenHash: string, now: Date) {
  return db
    .updateTable('email_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['user_id'])
    .executeTakeFirst();
}

/** A new link makes older ones of the same purpose useless. */
export async function retireEmailTokens(db: DbOrTx, userId: string, purpose: EmailTokenPurpose, now: Date) {
  await db.updateTable('email_tokens').set({ used_at: now }).where('user_id', '=', userId).where('purpose', '=', purpose).where('used_at', 'is', null).execute();
}

// ---- recovery codes

export async function replaceRecoveryCodes(db: DbOrTx, userId: string, codeHashes: string[]) {
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  if (codeHashes.length) {
    await db
      .insertInto('recovery_codes')
      .values(codeHashes.map((code_hash) => ({ user_id: userId, code_hash })))
      .execute();
  }
}

export async function findUnusedRecoveryCodes(db: DbOrTx, userId: string) {
  return db.selectFrom('recovery_codes').select(['id', 'code_hash']).where('user_id', '=', userId).where('used_at', 'is', null).execute();
}

export async function useRecoveryCode(db: DbOrTx, id: string, now: Date): Promise<boolean> {
  const row = await db.updateTable('recovery_codes').set({ used_at: now }).where('id', '=', id).where('used_at', 'is', null).returning('id').executeTakeFirst();
  return Boolean(row);
}

export async function countUnusedRecoveryCodes(db: DbOrTx, userId: string): Promise<number> {
  const row = await db
    .selectFrom('recovery_codes')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return row.n;
}

/**
 * Holds the user's row for the rest of the transaction: the one lock that serialises an erasure
 * with its cancellation, a new export, and work finishing for that user.
 */
export async function lockUserRow(trx: Tx, userId: string): Promise<void> {
  await trx.selectFrom('users').select('id').where('id', '=', userId).forUpdate().execute();
}
