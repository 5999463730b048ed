import { sql, type RawBuilder } from 'kysely';
import { z } from 'zod';
import type { Db } from '../../platform/db/database.ts';
import type { JobHandler } from '../../platform/queue/job.ts';
import type { JobQueue } from '../../platform/queue/queue.ts';
import type { FileStorage } from '../../adapters/storage.ts';
import { listPlans } from '../plans/service.ts';
import { enforceConversationRetention } from '../assistant/retention.ts';
import * as repo from './repo.ts';
import type { RetentionPolicy } from './schema.ts';
import { eraseAccountJob, retentionJob } from './jobs.ts';

/**
 * The retention policy, in one place: what is kept, for how long, and the code that enforces
 * it. `GET /api/privacy/policy` shows these rules as data, and one daily job applies them all.
 */
const DAY_MS = 86_400_000;
const BATCH = 500;
/** A bound on one run; whatever is left is removed the next day. */
const MAX_BATCHES = 200;

export interface RetentionDeps {
  db: Db;
  storage: FileStorage;
  queue: Pick<JobQueue, 'enqueue'>;
  erasureGraceDays: number;
}

type KeptFor = RetentionPolicy['rules'][number]['keptFor'];

interface RetentionRule {
  id: string;
  data: string;
  after: string;
  keptFor(deps: RetentionDeps): Promise<KeptFor> | KeptFor;
  /** Removes what is past its time; returns how many rows or files went. */
  enforce(deps: RetentionDeps, now: Date): Promise<number>;
}

const ago = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);

/** Deletes matching rows a bounded batch at a time, so no statement holds locks for long. */
async function deleteInBatches(db: Db, table: string, where: RawBuilder<unknown>): Promise<number> {
  let removed = 0;
  for (let i = 0; i < MAX_BATCHES; i++) {
    const result = await sql`
      DELETE FROM ${sql.table(table)} WHERE ctid IN (SELECT ctid FROM ${sql.table(table)} WHERE ${where} LIMIT ${BATCH})`.execute(db);
    const n = Number(result.numAffectedRows ?? 0);
    removed += n;
    if (n < BATCH) break;
  }
  return removed;
}

export const SHARE_VIEW_DAYS = 365;
export const ENDED_SESSION_DAYS = 30;
export const EMAIL_LINK_DAYS = 7;
export const FINISHED_JOB_DAYS = 30;
/** A file with no row is kept this long, so an upload between its write and its row is safe. */
export const ORPHAN_FILE_DAYS = 1;
/** The request log is the evidence that rights were answered: kept six years (limitation period). */
export const REQUEST_LOG_DAYS = 6 * 365;

export const RETENTION_RULES: RetentionRule[] = [
  {
    id: 'conversation-messages',
    data: 'Assistant conversation messages (stored redacted)',
    after: 'the message was sent',
    keptFor: async ({ db }) => ({ perPlan: (await listPlans(db)).map((p) => ({ planId: p.id, planName: p.name, days: p.limits.conversationRetentionDays })) }),
    enforce: async ({ db }, now) => (await enforceConversationRetention(db, now)).messages,
  },
  {
    id: 'share-view-logs',
    data: 'The log of who opened a CV you shared',
    after: 'the view',
    keptFor: () => ({ days: SHARE_VIEW_DAYS }),
    enforce: ({ db }, now) => deleteInBatches(db, 'share_views', sql`viewed_at < ${ago(now, SHARE_VIEW_DAYS)}`),
  },
  {
    id: 'data-exports',
    data: 'Data exports (the ZIP you download)',
    after: 'the export was ready',
    keptFor: () => ({ days: 1 }),
    async enforce({ db, storage }, now) {
      let removed = 0;
      for (let i = 0; i < MAX_BATCHES; i++) {
        const expired = await repo.findExpiredExports(db, now, BATCH);
        for (const row of expired) {
          if (row.storage_key) await storage.delete(row.storage_key);
          await repo.updateExport(db, row.id, { status: 'expired', storage_key: null, wrapped_key: null });
        }
        removed += expired.length;
        if (expired.length < BATCH) break;
      }
      return removed;
    },
  },
  {
    id: 'orphaned-files',
    data: 'Files no record points to (an upload refused or interrupted part-way, a write cut short)',
    after: 'the file was written',
    keptFor: () => ({ days: ORPHAN_FILE_DAYS }),
    async enforce({ db, storage }, now) {
      const cutoff = ago(now, ORPHAN_FILE_DAYS);
      let removed = 0;
      // A page of files at a time, and only that page's keys asked of the database: neither a
      // bucket of millions of files nor the tables pointing at them is ever held whole.
      for await (const page of storage.pages()) {
        const old = page.filter((file) => file.modifiedAt <= cutoff).map((file) => file.key);
        if (!old.length) continue;
        const referenced = await sql<{ key: string }>`
          SELECT storage_key AS key FROM documents WHERE storage_key = ANY(${old}::text[])
          UNION ALL SELECT storage_key FROM cv_pdfs WHERE storage_key = ANY(${old}::text[])
          UNION ALL SELECT storage_key FROM data_exports WHERE storage_key = ANY(${old}::text[])`.execute(db);
        const keep = new Set(referenced.rows.map((r) => r.key));
        for (const key of old) {
          if (keep.has(key)) continue;
          await storage.delete(key);
          removed++;
        }
      }
      // And what a write cut short by a crash left beside them.
      return removed + ((await storage.sweepUnfinishedWrites?.(cutoff)) ?? 0);
    },
  },
  {
    id: 'ended-sessions',
    data: 'Sign-in sessions that have ended (signed out, revoked or expired)',
    after: 'the session ended',
    keptFor: () => ({ days: ENDED_SESSION_DAYS }),
    enforce: ({ db }, now) => deleteInBatches(db, 'sessions', sql`(revoked_at < ${ago(now, ENDED_SESSION_DAYS)}) OR (expires_at < ${ago(now, ENDED_SESSION_DAYS)})`),
  },
  {
    id: 'unanswered-invitations',
    data: 'Invitations to an organisation that were never answered (the invited address and a hash of the link)',
    after: 'the invitation expired',
    keptFor: () => ({ days: EMAIL_LINK_DAYS }),
    // Answered ones keep no address already (migration 0042).
    enforce: ({ db }, now) => deleteInBatches(db, 'organisation_invitations', sql`status = 'pending' AND expires_at < ${ago(now, EMAIL_LINK_DAYS)}`),
  },
  {
    id: 'email-links',
    data: 'Email verification and password-reset links (stored as hashes)',
    after: 'the link was used or expired',
    keptFor: () => ({ days: EMAIL_LINK_DAYS }),
    enforce: ({ db }, now) => deleteInBatches(db, 'email_tokens', sql`(used_at < ${ago(now, EMAIL_LINK_DAYS)}) OR (expires_at < ${ago(now, EMAIL_LINK_DAYS)})`),
  },
  {
    id: 'finished-jobs',
    data: 'Records of finished background work (they name ids, not content)',
    after: 'the work finished',
    keptFor: () => ({ days: FINISHED_JOB_DAYS }),
    enforce: ({ db }, now) => deleteInBatches(db, 'jobs', sql`status IN ('done', 'failed') AND finished_at < ${ago(now, FINISHED_JOB_DAYS)}`),
  },
  {
    id: 'rate-limit-counters',
    data: 'Rate-limit counters (hashed keys)',
    after: 'the counter expired',
    keptFor: () => ({ days: 0 }),
    enforce: ({ db }, now) => deleteInBatches(db, 'rate_limits', sql`expire < ${now.getTime()}`),
  },
  {
    id: 'request-log',
    data: 'The log of your data-subject requests (kept without your account after an erasure)',
    after: 'the request was closed',
    keptFor: () => ({ days: REQUEST_LOG_DAYS }),
    enforce: ({ db }, now) => deleteInBatches(db, 'privacy_requests', sql`completed_at < ${ago(now, REQUEST_LOG_DAYS)} AND status IN ('completed', 'cancelled')`),
  },
  {
    id: 'erased-accounts',
    data: 'An account whose erasure you asked for (locked meanwhile; you can cancel)',
    after: 'you asked for the erasure',
    keptFor: ({ erasureGraceDays }) => ({ days: erasureGraceDays }),
    // The erasure job is queued with a delay when the request is made; this catches any whose
    // message was lost. Deduplication makes a second enqueue harmless.
    async enforce({ db, queue }, now) {
      const due = await repo.findDueErasures(db, now, BATCH);
      for (const { id } of due) await queue.enqueue(eraseAccountJob, { requestId: id });
      return due.length;
    },
  },
];

export async function retentionPolicy(deps: RetentionDeps): Promise<RetentionPolicy> {
  const rules = [];
  for (const rule of RETENTION_RULES) rules.push({ id: rule.id, data: rule.data, after: rule.after, keptFor: await rule.keptFor(deps) });
  return { rules, requestDueDays: 'one month' };
}

/**
 * Runs every rule; one that fails (a storage error, say) does not stop the others, the
 * erasure safety net among them. Failures are reported by rule id and the job is retried.
 */
export async function enforceRetention(deps: RetentionDeps, now: Date): Promise<{ removed: Record<string, number>; failed: string[] }> {
  const removed: Record<string, number> = {};
  const failed: string[] = [];
  for (const rule of RETENTION_RULES) {
    try {
      removed[rule.id] = await rule.enforce(deps, now);
    } catch {
      failed.push(rule.id);
    }
  }
  return { removed, failed };
}

export function retentionHandler(deps: RetentionDeps & { now?: () => Date }): JobHandler<z.infer<typeof retentionJob.payload>> {
  return async (_payload, ctx) => {
    const { removed, failed } = await enforceRetention(deps, deps.now?.() ?? new Date());
    ctx.logger.info({ removed, failed }, 'retention policy enforced');
    if (failed.length) throw new Error(`retention rules failed: ${failed.join(', ')}`);
  };
}
