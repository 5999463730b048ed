import { AppError } from '../../platform/errors.ts';
import type { DbOrTx } from '../../platform/db/transaction.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { Db } from '../../platform/db/database.ts';
import { recordAudit } from '../audit/service.ts';
import { findOrganisation } from '../organisations/repo.ts';
import { findUserById } from '../accounts/repo.ts';
import * as repo from './repo.ts';
import type { MyPlan, Plan } from './schema.ts';

type PlanRow = Awaited<ReturnType<typeof repo.findPlans>>[number];

export const toPlan = (row: PlanRow): Plan => ({
  id: row.id,
  name: row.name,
  limits: {
    assistantMessages: row.monthly_assistant_messages,
    cvGenerations: row.monthly_cv_generations,
    llmTokens: row.monthly_llm_tokens,
    activeShareLinks: row.active_share_links,
    conversationRetentionDays: row.conversation_retention_days,
  },
  price: row.monthly_price_pence === null ? null : { monthlyPence: row.monthly_price_pence, perSeat: row.priced_per_seat },
});

/** Monthly limits run over calendar months in UTC. */
export function billingPeriod(now: Date): { start: Date; resetsAt: Date } {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const resetsAt = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return { start, resetsAt };
}

export async function subscribeUserToPlan(db: DbOrTx, userId: string, planId: string, now: Date) {
  await repo.replaceActiveSubscription(db, { userId }, planId, now);
}

/**
 * The plan in force for a user: the most generous of their own and their organisations'
 * (an organisation's team plan lifts its members), falling back to the free plan.
 */
export async function findEffectivePlan(db: DbOrTx, userId: string) {
  const rows = await repo.findApplicablePlans(db, userId);
  const applicable = rows.filter((r) => !r.fallback);
  // The most generous; between equals, the user's own plan (rows come in no set order).
  const best = [...applicable].sort(
    (a, b) => b.monthly_cv_generations - a.monthly_cv_generations || b.monthly_llm_tokens - a.monthly_llm_tokens || Number(a.organisation_id !== null) - Number(b.organisation_id !== null),
  )[0];
  if (best) {
    return {
      plan: toPlan(best),
      organisation: best.organisation_id ? { id: best.organisation_id, name: best.organisation_name ?? '' } : null,
    };
  }
  const free = rows.find((r) => r.fallback);
  if (!free) throw new Error('The free plan is missing from the catalogue');
  return { plan: toPlan(free), organisation: null };
}

export async function getMyPlan(db: DbOrTx, userId: string, now: Date): Promise<MyPlan> {
  const { plan, organisation } = await findEffectivePlan(db, userId);
  const period = billingPeriod(now);
  const usage = await repo.sumUsage(db, userId, period.start.toISOString().slice(0, 10));
  return {
    plan,
    source: organisation ? 'organisation' : 'personal',
    organisation,
    usage: { assistantMessages: usage.assistant_messages, cvGenerations: usage.cv_generations, llmTokens: usage.llm_tokens },
    periodStart: period.start.toISOString(),
    resetsAt: period.resetsAt.toISOString(),
  };
}

export async function listPlans(db: DbOrTx): Promise<Plan[]> {
  return (await repo.findPlans(db)).map(toPlan);
}

export async function updatePlan(
  db: Db,
  admin: { id: string },
  planId: string,
  patch: { name?: string | undefined; limits?: Plan['limits'] | undefined; price?: Plan['price'] | undefined },
  meta: { requestId: string; now: Date },
): Promise<Plan> {
  return inTransaction(db, async (trx) => {
    const before = await repo.findPlan(trx, planId);
    if (!before) throw new AppError('NOT_FOUND', 'Plan not found');
    const updated = await repo.updatePlan(
      trx,
      planId,
      {
        ...(patch.name ? { name: patch.name } : {}),
        ...(patch.limits
          ? {
              monthly_assistant_messages: patch.limits.assistantMessages,
              monthly_cv_generations: patch.limits.cvGenerations,
              monthly_llm_tokens: patch.limits.llmTokens,
              active_share_links: patch.limits.activeShareLinks,
              conversation_retention_days: patch.limits.conversationRetentionDays,
            }
          : {}),
        ...(patch.price !== undefined ? { monthly_price_pence: patch.price?.monthlyPence ?? null, priced_per_seat: patch.price?.perSeat ?? false } : {}),
      },
      meta.now,
    );
    await recordAudit(trx, {
      chainId: admin.id,
      actor: { type: 'admin', id: admin.id },
      action: 'plan.updated',
      subject: { type: 'plan', id: planId },
      details: { before: toPlan(before) },
      requestId: meta.requestId,
      now: meta.now,
    });
    return toPlan(updated!);
  });
}

export async function assignPlan(db: Db, admin: { id: string }, owner: { userId: string } | { organisationId: string }, planId: string, meta: { requestId: string; now: Date }) {
  await inTransaction(db, async (trx) => {
    if (!(await repo.findPlan(trx, planId))) throw new AppError('VALIDATION', 'No such plan', { issues: [{ path: 'body.planId', message: 'is not a plan' }] });
    if ('organisationId' in owner && !(await findOrganisation(trx, owner.organisationId))) throw new AppError('NOT_FOUND', 'Organisation not found');
    if ('userId' in owner && !(await findUserById(trx, owner.userId))) throw new AppError('NOT_FOUND', 'User not found');
    // Replacing it here would leave Stripe charging for a plan no longer in force.
    if (await repo.hasStripeSubscription(trx, owner)) throw new AppError('CONFLICT', 'This plan is paid through Stripe: it changes in the billing portal, or when the subscription is cancelled there');
    await repo.replaceActiveSubscription(trx, owner, planId, meta.now);
    // On the admin's timeline, and on the user's when it is their own plan that changed.
    const chains = [...new Set([admin.id, ...('userId' in owner ? [owner.userId] : [])])].sort();
    for (const chainId of chains)
      await recordAudit(trx, {
        chainId,
        actor: { type: 'admin', id: admin.id },
        action: 'subscription.assigned',
        subject: 'userId' in owner ? { type: 'user', id: owner.userId } : { type: 'organisation', id: owner.organisationId },
        details: { planId },
        requestId: meta.requestId,
        now: meta.now,
      });
  });
}
