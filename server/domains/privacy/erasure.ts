import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction, type Tx } from '../../platform/db/transaction.ts';
import { AppError } from '../../platform/errors.ts';
import type { JobHandler } from '../../platform/queue/job.ts';
import type { JobQueue } from '../../platform/queue/queue.ts';
import type { CreateLimiter } from '../../platform/rate-limit.ts';
import type { Logger } from '../../platform/logger.ts';
import { userPrefixes, type FileStorage } from '../../adapters/storage.ts';
import type { Mailer } from '../../adapters/mailer.ts';
import { accountErasedMessage, erasureCancelledMessage, erasureScheduledMessage } from '../../emails/render.ts';
import type { AccountsDeps } from '../accounts/deps.ts';
import type { RequestMeta } from '../accounts/service.ts';
import { checkCredentials, checkPasswordFirst, confirmIdentity } from '../accounts/service.ts';
import { recordAudit } from '../audit/service.ts';
import { lockUserRow } from '../accounts/repo.ts';
import { PERSONAL_TABLES } from './data-map.ts';
import { releaseOrganisationsOf } from '../organisations/service.ts';
import { stopBilling, type BillingDeps } from '../billing/service.ts';
import * as repo from './repo.ts';
import { peopleDate } from '../../platform/words/people-dates.ts';
import { dueDate, logRequest } from './requests.ts';
import { eraseAccountJob, erasureEmailJob } from './jobs.ts';

const DAY_MS = 86_400_000;

export interface ErasureDeps {
  db: Db;
  queue: Pick<JobQueue, 'enqueue'>;
  accounts: AccountsDeps;
  erasureGraceDays: number;
}

/**
 * Locks the account at once: sessions end, every share link stops working (and stays revoked
 * if the erasure is cancelled: the clinician re-shares on purpose), and the request is logged.
 */
async function lockForErasure(
  trx: Tx,
  deps: ErasureDeps,
  input: { userId: string; source: 'user' | 'admin'; scheduledFor: Date; details: Record<string, unknown>; meta: { requestId: string; now: Date } },
) {
  const { userId, meta } = input;
  await lockUserRow(trx, userId);
  if (await repo.findScheduledErasure(trx, userId)) throw new AppError('CONFLICT', 'An erasure is already scheduled for this account');
  await trx.updateTable('users').set({ locked_at: meta.now, updated_at: meta.now }).where('id', '=', userId).execute();
  await trx.updateTable('sessions').set({ revoked_at: meta.now }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
  // An emailed reset link must not hand a new password to whoever holds the mailbox meanwhile.
  await trx.deleteFrom('email_tokens').where('user_id', '=', userId).execute();
  const shares = await trx.updateTable('share_links').set({ revoked_at: meta.now }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  const request = await logRequest(trx, { userId, type: 'erasure', source: input.source, status: 'scheduled', now: meta.now, scheduledFor: input.scheduledFor, details: input.details });
  await recordAudit(trx, {
    chainId: userId,
    actor: input.source === 'admin' ? { type: 'admin', id: String(input.details.adminId) } : { type: 'user', id: userId },
    action: 'erasure.requested',
    subject: { type: 'privacy_request', id: request.id },
    details: { scheduledFor: input.scheduledFor.toISOString(), sharesRevoked: Number(shares.numUpdatedRows) },
    ...meta,
  });
  const delayMs = Math.max(0, input.scheduledFor.getTime() - meta.now.getTime());
  await deps.queue.enqueue(eraseAccountJob, { requestId: request.id }, { db: trx, delayMs });
  return request;
}

/** Before the erasure's "Are you sure?": is this the account's password? */
export const checkErasurePassword = (deps: ErasureDeps, userId: string, password: string, meta: RequestMeta) => checkPasswordFirst(deps.accounts, userId, password, 'erasure', meta);

export async function requestErasure(deps: ErasureDeps, userId: string, input: { password: string; totp?: string | undefined }, meta: RequestMeta) {
  await confirmIdentity(deps.accounts, userId, input, 'erasure', meta);
  // The grace period never runs past the legal deadline (one month): it ends a day before it.
  const scheduledFor = new Date(Math.min(meta.now.getTime() + deps.erasureGraceDays * DAY_MS, dueDate(meta.now).getTime() - DAY_MS));
  const request = await inTransaction(deps.db, async (trx) => {
    const request = await lockForErasure(trx, deps, { userId, source: 'user', scheduledFor, details: {}, meta });
    await deps.queue.enqueue(erasureEmailJob, { requestId: request.id }, { db: trx });
    return request;
  });
  return {
    reference: request.subject_ref,
    scheduledFor: scheduledFor.toISOString(),
    message: `Your account is locked and will be erased on ${peopleDate(scheduledFor)}. Until then you can cancel with your password.`,
  };
}

/**
 * For legal requests: no grace period and no cancelling, so the admin confirms with their own
 * password (and second factor), the order is recorded on the admin's timeline too, and another
 * platform admin cannot be erased this way. The reason is kept: it must hold no personal data.
 */
export async function adminEraseNow(deps: ErasureDeps, adminId: string, userId: string, input: { reason: string; password: string; totp?: string | undefined }, meta: RequestMeta) {
  await confirmIdentity(deps.accounts, adminId, input, 'admin_erasure', meta);
  const target = await deps.db.selectFrom('users').select(['id', 'role']).where('id', '=', userId).executeTakeFirst();
  if (!target) throw new AppError('NOT_FOUND', 'User not found');
  if (target.role === 'platform_admin') throw new AppError('CONFLICT', 'A platform admin cannot be erased: revoke the role first (medfolio admin --revoke)');
  return inTransaction(deps.db, async (trx) => {
    const request = await lockForErasure(trx, deps, { userId, source: 'admin', scheduledFor: meta.now, details: { adminId, reason: input.reason }, meta });
    await recordAudit(trx, {
      chainId: adminId,
      actor: { type: 'admin', id: adminId },
      action: 'admin.erasure_ordered',
      subject: { type: 'privacy_request', id: request.id },
      details: { reference: request.subject_ref },
      ...meta,
    });
    return { reference: request.subject_ref, scheduledFor: meta.now.toISOString(), message: 'The account is locked and is being erased now.' };
  });
}

/** Needs no session (the account is locked): the same credentials and limits as signing in. */
export async function cancelErasure(deps: ErasureDeps, input: { email: string; password: string; totp?: string | undefined }, meta: RequestMeta) {
  const { user } = await checkCredentials(deps.accounts, input, meta);
  await inTransaction(deps.db, async (trx) => {
    await lockUserRow(trx, user.id);
    const request = await repo.findScheduledErasure(trx, user.id);
    if (!request) throw new AppError('CONFLICT', 'No erasure is scheduled for this account');
    if (request.source === 'admin') throw new AppError('CONFLICT', 'This erasure was ordered for a legal reason and cannot be cancelled here: contact us');
    await repo.settleRequest(trx, request.id, { status: 'cancelled', completed_at: meta.now });
    await trx.updateTable('users').set({ locked_at: null, updated_at: meta.now }).where('id', '=', user.id).execute();
    await recordAudit(trx, {
      chainId: user.id,
      actor: { type: 'user', id: user.id },
      action: 'erasure.cancelled',
      subject: { type: 'privacy_request', id: request.id },
      requestId: meta.requestId,
      now: meta.now,
    });
    // Whoever cancelled knew the password: the owner hears of it, in case it was not them.
    await deps.queue.enqueue(erasureEmailJob, { requestId: request.id }, { db: trx });
  });
  return { status: 'ok' as const };
}

// --- the hard delete

export interface HardDeleteDeps {
  db: Db;
  storage: FileStorage;
  mailer: Mailer;
  createLimiter: CreateLimiter;
  logger: Logger;
  stripe: BillingDeps['stripe'];
}

/**
 * Every rate-limit key derived from the user (hashed in the store), by limiter name. Keep in
 * step with the limiters in accounts/deps.ts and server.ts: the erasure test fills and checks them.
 * (The guess guards' per-client keys also hash a network address or a device id, which are not
 * kept anywhere to find them by: they expire on their own within half an hour.)
 */
function rateLimitKeys(user: { id: string; email: string }, shareIds: string[]): Array<[name: string, key: string]> {
  return [
    ['sign-in-ceiling', user.email],
    ['sign-in-trips', user.email],
    ['email-account', user.id],
    ['email-account', user.email],
    ['2fa-user', user.id],
    ['org-invitations', user.id],
    ['shares-created', user.id],
    ['uploads', user.id],
    ['verification-requests', user.id],
    ['assistant-messages', user.id],
    ...shareIds.flatMap((id): Array<[string, string]> => [
      ['share-passcode-ceiling', id],
      ['share-passcode-trips', id],
    ]),
  ];
}

/** Ids of the user's rows that job payloads and errors may name instead of the user id. */
async function idsNamedByJobs(db: Db, userId: string): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    SELECT id::text FROM cv_requests WHERE user_id = ${userId}
    UNION ALL SELECT id::text FROM data_exports WHERE user_id = ${userId}
    UNION ALL SELECT id::text FROM verifications WHERE user_id = ${userId}
    UNION ALL SELECT id::text FROM documents WHERE user_id = ${userId}
    UNION ALL SELECT id::text FROM privacy_requests WHERE user_id = ${userId}`.execute(db);
  return [userId, ...rows.rows.map((r) => r.id)];
}

async function deleteUsersFiles(storage: FileStorage, userId: string): Promise<number> {
  let deleted = 0;
  for (const prefix of userPrefixes(userId)) {
    for (const file of await storage.list(prefix)) {
      await storage.delete(file.key);
      deleted++;
    }
  }
  return deleted;
}

/**
 * Every step can run again: a retry after a crash repeats what was done and finishes the rest.
 * Files, rate-limit keys and the outbox go before the rows (afterwards nothing would name them);
 * the rows go in one transaction that holds the user's row, so work still in flight for the
 * user waits or fails on the missing account instead of writing beside the erasure.
 */
async function hardDelete(
  deps: HardDeleteDeps,
  request: { id: string; subject_ref: string; source: 'user' | 'admin'; details: Record<string, unknown> },
  userId: string,
  ctx: { jobId: string; now: Date },
) {
  const db = deps.db;
  const user = await db.selectFrom('users').select(['id', 'email']).where('id', '=', userId).executeTakeFirst();
  const shareIds = (await db.selectFrom('share_links').select('id').where('user_id', '=', userId).execute()).map((r) => r.id);
  const named = await idsNamedByJobs(db, userId);

  // Before the rows: nobody must be charged for an account (or its lone organisation) that is gone.
  await stopBilling(deps, userId);
  let files = await deleteUsersFiles(deps.storage, userId);
  if (user) {
    for (const [name, key] of rateLimitKeys(user, shareIds)) {
      await deps.createLimiter(name, { points: 1, durationSeconds: 1, message: '' }).reset(key);
    }
    await deps.mailer.forgetRecipient(user.email);
  }

  const rows = await inTransaction(db, async (trx) => {
    await lockUserRow(trx, userId);
    // The only place allowed to delete audit events (see migration 0003).
    await sql`SELECT set_config('medfolio.audit_erasure', 'on', true)`.execute(trx);
    const counts: Record<string, number> = {};
    // Before the memberships go: organisations left with nobody go too, or get a new admin.
    const organisations = await releaseOrganisationsOf(trx, userId, ctx.now);
    counts.organisations = organisations.deleted;
    const jobs = await sql`
      DELETE FROM jobs WHERE id <> ${ctx.jobId}
        AND EXISTS (SELECT 1 FROM unnest(${named}::text[]) AS n(id)
                    WHERE jobs.payload::text LIKE '%' || n.id || '%' OR coalesce(jobs.last_error, '') LIKE '%' || n.id || '%')`.execute(trx);
    counts.jobs = Number(jobs.numAffectedRows ?? 0);
    for (const entry of PERSONAL_TABLES) {
      const result =
        entry.onErase === 'detach'
          ? await sql`UPDATE ${sql.table(entry.table)} SET ${sql.ref(entry.owner)} = NULL WHERE ${sql.ref(entry.owner)} = ${userId}`.execute(trx)
          : await sql`DELETE FROM ${sql.table(entry.table)} WHERE ${sql.ref(entry.owner)} = ${userId}`.execute(trx);
      counts[entry.table] = Number(result.numAffectedRows ?? 0);
    }
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    await repo.settleRequest(trx, request.id, { status: 'completed', completed_at: ctx.now, details: { rowsDeleted: total, filesDeleted: files } });
    // The erased chain is replaced by one record on a chain of its own, keyed by the request's
    // reference: it proves the erasure happened and says nothing about whom.
    await recordAudit(trx, {
      chainId: request.subject_ref,
      actor: request.source === 'admin' ? { type: 'admin', id: String(request.details.adminId ?? '') || null } : { type: 'system', id: null },
      action: 'account.erased',
      subject: { type: 'privacy_request', id: request.id },
      details: { rowsDeleted: total, filesDeleted: files, tables: Object.keys(counts).filter((t) => counts[t]).length },
      now: ctx.now,
    });
    return total;
  });

  // A render or an export that was already running may have written a file meanwhile.
  files += await deleteUsersFiles(deps.storage, userId);
  if (user) {
    try {
      // The address is held in memory only: no job row may keep it after the erasure.
      await deps.mailer.send({ to: user.email, ...(await accountErasedMessage({ reference: request.subject_ref })) });
      await deps.mailer.forgetRecipient(user.email); // the embedded outbox's copy of that last email
    } catch (err) {
      deps.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'erasure confirmation email failed');
    }
  }
  return { rows, files };
}

/**
 * Moves a due request from `scheduled` to `in_progress` while holding the user's row, the lock
 * `cancelErasure` takes too: after this, a cancellation is refused instead of half-undoing.
 */
async function claimErasure(db: Db, request: { id: string; user_id: string | null }): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    if (request.user_id) await lockUserRow(trx, request.user_id);
    const claimed = await trx.updateTable('privacy_requests').set({ status: 'in_progress' }).where('id', '=', request.id).where('status', '=', 'scheduled').returning('id').executeTakeFirst();
    return Boolean(claimed);
  });
}

export function eraseAccountHandler(deps: HardDeleteDeps & { now?: () => Date }): JobHandler<z.infer<typeof eraseAccountJob.payload>> {
  return async ({ requestId }, ctx) => {
    const now = deps.now?.() ?? new Date();
    const request = await repo.findRequest(deps.db, requestId);
    if (!request || request.type !== 'erasure') return;
    if (request.status === 'scheduled') {
      if (request.scheduled_for && request.scheduled_for > now) {
        ctx.logger.warn('erasure job ran before its time; the daily privacy job will enqueue it again');
        return;
      }
      if (!(await claimErasure(deps.db, request))) return; // cancelled just now
    } else if (request.status !== 'in_progress') {
      return; // cancelled or done; `in_progress` is a retry that finishes the work
    }
    if (!request.user_id) {
      await repo.settleRequest(deps.db, request.id, { status: 'completed', completed_at: now });
      return;
    }
    const result = await hardDelete(deps, request, request.user_id, { jobId: ctx.jobId, now });
    ctx.logger.info(result, 'account erased');
  };
}

export function erasureEmailHandler(deps: { db: Db; mailer: Mailer; appOrigin: string }): JobHandler<z.infer<typeof erasureEmailJob.payload>> {
  return async ({ requestId }) => {
    const request = await repo.findRequest(deps.db, requestId);
    if (!request?.user_id) return;
    const user = await deps.db.selectFrom('users').select(['name', 'email']).where('id', '=', request.user_id).executeTakeFirst();
    if (!user) return;
    if (request.status === 'cancelled') {
      await deps.mailer.send({ to: user.email, ...(await erasureCancelledMessage({ name: user.name, signInUrl: `${deps.appOrigin}/sign-in` })) });
      return;
    }
    if (request.status !== 'scheduled' || !request.scheduled_for) return;
    const erasesOn = request.scheduled_for.toLocaleDateString('en-GB', { dateStyle: 'long', timeZone: 'UTC' });
    const message = await erasureScheduledMessage({ name: user.name, erasesOn, cancelUrl: `${deps.appOrigin}/cancel-erasure`, reference: request.subject_ref });
    await deps.mailer.send({ to: user.email, ...message });
  };
}
