import { z } from 'zod';
import type { JobHandler } from '../../platform/queue/job.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Mailer } from '../../adapters/mailer.ts';
import { expiryReminderMessage } from '../../emails/render.ts';
import { addDays, daysBetween, todayIn } from './dates.ts';
import * as repo from './repo.ts';
import { sendRemindersJob } from './jobs.ts';

export function thresholdFor(daysLeft: number): '90' | '30' | '7' | 'expired' | undefined {
  if (daysLeft < 0) return 'expired';
  if (daysLeft <= 7) return '7';
  if (daysLeft <= 30) return '30';
  if (daysLeft <= 90) return '90';
  return undefined;
}

export function sendRemindersHandler(deps: { db: Db; mailer: Mailer; appOrigin: string; now?: () => Date }): JobHandler<z.infer<typeof sendRemindersJob.payload>> {
  return async (_payload, ctx) => {
    const now = deps.now?.() ?? new Date();
    // Time zones are at most a day apart from UTC: look a day further, then judge per user.
    const items = await repo.findDatedItemsUntil(deps.db, addDays(now.toISOString().slice(0, 10), 91));
    // (Map.groupBy needs Node 21.)
    const byUser = new Map<string, repo.DatedItem[]>();
    for (const item of items) byUser.set(item.user_id, [...(byUser.get(item.user_id) ?? []), item]);
    let emails = 0;
    for (const [userId, userItems] of byUser) {
      const first = userItems[0]!;
      const today = todayIn(first.time_zone, now);
      const due = userItems
        .map((i) => ({ ...i, daysLeft: daysBetween(today, i.date) }))
        .map((i) => ({ ...i, threshold: thresholdFor(i.daysLeft) }))
        .filter((i): i is typeof i & { threshold: NonNullable<typeof i.threshold> } => i.threshold !== undefined);
      const claimed = await repo.claimReminders(
        deps.db,
        due.map((i) => ({ user_id: userId, item_type: i.item_type, item_id: i.item_id, threshold: i.threshold, item_date: i.date })),
      );
      if (!claimed.length) continue;
      const fresh = due.filter((i) => claimed.some((c) => c.item_type === i.item_type && c.item_id === i.item_id && c.threshold === i.threshold));
      try {
        const message = await expiryReminderMessage({
          name: first.name,
          items: fresh.map((i) => ({ label: i.label, date: i.date, expired: i.daysLeft < 0, daysLeft: i.daysLeft })),
          recordUrl: `${deps.appOrigin}/record`,
        });
        await deps.mailer.send({ to: first.email, ...message });
        emails++;
      } catch (err) {
        // Not sent, so not remembered: the retry (or tomorrow's run) tries again.
        await repo.releaseReminders(deps.db, userId, claimed);
        throw err;
      }
    }
    ctx.logger.info({ emails, users: byUser.size }, 'expiry reminders sent');
  };
}
