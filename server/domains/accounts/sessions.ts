import type { DbOrTx } from '../../platform/db/transaction.ts';
import type { AuthenticatedUser } from '../../platform/http/route.ts';
import { generateToken, hashToken } from '../../platform/crypto/tokens.ts';
import * as repo from './repo.ts';

/** Sessions live in Postgres; the browser holds only a random token, the table only its hash. */
export const SESSION_LIFETIME_MS = 30 * 24 * 3_600_000;
export const SESSION_IDLE_MS = 14 * 24 * 3_600_000;
const TOUCH_EVERY_MS = 5 * 60_000;

export async function createSession(
  db: DbOrTx,
  input: { userId: string; userAgent: string | null; ipPrefix: string | null; now: Date },
): Promise<{ token: string; sessionId: string; expiresAt: Date }> {
  const token = generateToken();
  const expiresAt = new Date(input.now.getTime() + SESSION_LIFETIME_MS);
  const session = await repo.insertSession(db, { ...input, tokenHash: hashToken(token), expiresAt });
  return { token, sessionId: session.id, expiresAt };
}

/** The caller behind a session token, or undefined when it is unknown, revoked, expired or idle. */
export async function resolveSession(db: DbOrTx, token: string | undefined, now: Date): Promise<AuthenticatedUser | undefined> {
  if (!token || token.length > 100) return undefined;
  const session = await repo.findLiveSessionByTokenHash(db, hashToken(token), now, new Date(now.getTime() - SESSION_IDLE_MS));
  if (!session) return undefined;
  if (now.getTime() - session.last_seen_at.getTime() > TOUCH_EVERY_MS) await repo.touchSession(db, session.sessionId, now);
  return { id: session.userId, role: session.role, sessionId: session.sessionId };
}

export async function listSessions(db: DbOrTx, user: AuthenticatedUser, now: Date) {
  const rows = await repo.findLiveSessions(db, user.id, now, new Date(now.getTime() - SESSION_IDLE_MS));
  return rows.map((s) => ({
    id: s.id,
    createdAt: s.created_at.toISOString(),
    lastSeenAt: s.last_seen_at.toISOString(),
    userAgent: s.user_agent,
    ipPrefix: s.ip_prefix,
    current: s.id === user.sessionId,
  }));
}
