import type { Db } from '../../platform/db/database.ts';
import { findEffectivePlan, listPlans } from '../plans/service.ts';
import * as repo from './repo.ts';

const BATCH = 500;
const DAY_MS = 86_400_000;

/**
 * Conversation retention: each user's messages older than their plan's retention are deleted,
 * in bounded batches, with conversations left empty. Counts are returned, never content.
 * One rule of the privacy retention policy (domains/privacy/retention.ts), which runs it daily.
 */
export async function enforceConversationRetention(db: Db, now: Date) {
  const shortest = Math.min(...(await listPlans(db)).map((p) => p.limits.conversationRetentionDays));
  let messages = 0;
  let conversations = 0;
  let users = 0;
  for (;;) {
    const candidates = await repo.findUsersWithMessagesBefore(db, new Date(now.getTime() - shortest * DAY_MS), 100);
    let progressed = false;
    for (const { user_id } of candidates) {
      const { plan } = await findEffectivePlan(db, user_id);
      const before = new Date(now.getTime() - plan.limits.conversationRetentionDays * DAY_MS);
      let removed = 0;
      for (let n = BATCH; n === BATCH;) {
        n = await repo.deleteExpiredMessages(db, user_id, before, BATCH);
        removed += n;
      }
      if (removed) {
        users++;
        messages += removed;
        conversations += await repo.deleteEmptyConversations(db, user_id);
        progressed = true;
      }
    }
    // Users whose messages are past the shortest retention but within their own plan's stay.
    if (!progressed || candidates.length < 100) break;
  }
  return { users, messages, conversations };
}
