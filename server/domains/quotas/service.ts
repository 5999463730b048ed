import { AppError, isAppError } from '../../platform/errors.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { UsageMetric } from '../../platform/db/types.ts';
import { billingPeriod, findEffectivePlan } from '../plans/service.ts';
import type { Plan } from '../plans/schema.ts';
import { usageWords } from '../../platform/words/enum-words.ts';
import * as repo from './repo.ts';

/**
 * AI quotas (docs/ARCHITECTURE.md, Quotas): reserve -> call -> settle -> sweep.
 * - reserve: one conditional write reserves the worst case against the plan's limit;
 * - settle: exactly once per request id, turns the hold into the actual use;
 * - release: a failed call gives the hold back;
 * - sweep: holds whose caller vanished are released after their TTL.
 * If the ledger cannot be written the request is refused: fail closed, never free AI.
 */
export const LIMIT_OF: Record<UsageMetric, keyof Plan['limits']> = {
  assistant_messages: 'assistantMessages',
  cv_generations: 'cvGenerations',
  llm_tokens: 'llmTokens',
};

const periodStartOf = (now: Date) => billingPeriod(now).start.toISOString().slice(0, 10);

export interface Reservation {
  userId: string;
  metric: UsageMetric;
  requestId: string;
  amount: number;
}

const HOLD_TTL_MS = 15 * 60_000;

function ledgerUnavailable(err: unknown): never {
  if (isAppError(err)) throw err;
  throw new AppError('SERVICE_UNAVAILABLE', 'Usage could not be recorded, so the request was not run. Please try again.', { retryAfterSeconds: 30 });
}

export interface Hold {
  metric: UsageMetric;
  amount: number;
  requestId: string;
}

/**
 * Holds the worst case of one or more metrics for a request: one plan lookup and one
 * statement, all or nothing (a chat answer holds its message and its tokens together, so a
 * used-up token allowance leaves no message held). A request id already holding is not held twice.
 */
export async function reserveAll(db: Db, input: { userId: string; holds: Hold[]; now: Date; ttlMs?: number | undefined; plan?: Plan | undefined }): Promise<Reservation[]> {
  try {
    // A caller may look the plan up alongside its other reads (the assistant does, to save a round trip).
    const plan = input.plan ?? (await findEffectivePlan(db, input.userId)).plan;
    const periodStart = periodStartOf(input.now);
    const expiresAt = new Date(input.now.getTime() + (input.ttlMs ?? HOLD_TTL_MS));
    const holds = input.holds.map((h) => ({ ...h, limit: plan.limits[LIMIT_OF[h.metric]] }));
    try {
      await repo.holdAll(db, { userId: input.userId, periodStart, expiresAt, now: input.now, holds });
    } catch (err) {
      const full = holds.find((h) => isLimitReached(err) && h.metric === err.detail);
      if (!full) throw err;
      const balance = await repo.findBalance(db, input.userId, full.metric, periodStart);
      const resetsAt = billingPeriod(input.now).resetsAt;
      throw new AppError('QUOTA_EXCEEDED', `Your ${plan.name} plan allows ${usageWords(full.metric, full.limit)} a month and this month's allowance is used up.`, {
        metric: full.metric,
        limit: full.limit,
        usage: (balance?.used ?? 0) + (balance?.held ?? 0),
        resetsAt: resetsAt.toISOString(),
        retryAfterSeconds: Math.ceil((resetsAt.getTime() - input.now.getTime()) / 1000),
      });
    }
    return input.holds.map((h) => ({ userId: input.userId, metric: h.metric, requestId: h.requestId, amount: h.amount }));
  } catch (err) {
    return ledgerUnavailable(err);
  }
}

const isLimitReached = (err: unknown): err is { code: string; detail: string } => (err as { code?: unknown } | null)?.code === repo.LIMIT_REACHED;

export async function reserve(db: Db, input: { userId: string; metric: UsageMetric; amount: number; requestId: string; now: Date; ttlMs?: number }): Promise<Reservation> {
  const { userId, now, ttlMs, ...hold } = input;
  const [reservation] = await reserveAll(db, { userId, now, ttlMs, holds: [hold] });
  return reservation!;
}

/** Applies the actual use (at most once per request id); a repeat or late call does nothing. */
export async function settle(db: Db, reservation: Reservation, actual: number, now: Date): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const hold = await repo.closeHold(trx, reservation.userId, reservation.metric, reservation.requestId, now);
    if (!hold) return false;
    await repo.applySettlement(trx, reservation.userId, reservation.metric, hold.period_start, hold.amount, actual);
    if (actual > 0) await repo.insertCharge(trx, { userId: reservation.userId, metric: reservation.metric, amount: actual, requestId: reservation.requestId, periodStart: hold.period_start, now });
    return true;
  });
}

export const release = (db: Db, reservation: Reservation, now: Date) => settle(db, reservation, 0, now);

/**
 * For work that waited in a queue: keeps the hold alive while it runs, or, when the sweeper
 * already released it (the wait outlived its TTL), reserves again under a new request id, so
 * the work is never free and never runs past a used-up allowance (QUOTA_EXCEEDED).
 */
export async function renewOrReserve(db: Db, reservation: Reservation, now: Date, ttlMs: number): Promise<Reservation> {
  if (await repo.extendHold(db, reservation.userId, reservation.metric, reservation.requestId, new Date(now.getTime() + ttlMs))) return reservation;
  const late = { ...reservation, requestId: `${reservation.requestId}:late` };
  if (await repo.extendHold(db, late.userId, late.metric, late.requestId, new Date(now.getTime() + ttlMs))) return late;
  return reserve(db, { ...late, now, ttlMs });
}

/** Releases holds older than their TTL (their caller crashed or hung). */
export async function sweepHolds(db: Db, now: Date, batch = 200): Promise<number> {
  const expired = await repo.findExpiredHolds(db, now, batch);
  let released = 0;
  for (const hold of expired) {
    if (await release(db, { userId: hold.user_id, metric: hold.metric, requestId: hold.request_id, amount: 0 }, now)) released++;
  }
  return released;
}
