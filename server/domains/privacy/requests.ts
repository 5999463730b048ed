import type { DbOrTx } from '../../platform/db/transaction.ts';
import type { PrivacyRequestStatus, PrivacyRequestType } from '../../platform/db/types.ts';
import type { PrivacyRequest } from './schema.ts';
import * as repo from './repo.ts';

/**
 * The data-subject request log: every exercise of a right is recorded with the date it was
 * received and the date it must be answered by (one calendar month later), and settled when
 * done. Details hold counts and ids only, because the log outlives an erasure.
 */
export function dueDate(received: Date): Date {
  const due = new Date(received);
  const day = due.getUTCDate();
  due.setUTCMonth(due.getUTCMonth() + 1);
  // 31 January + one month is the last day of February, not 3 March.
  if (due.getUTCDate() !== day) due.setUTCDate(0);
  return due;
}

export async function logRequest(
  db: DbOrTx,
  input: { userId: string; type: PrivacyRequestType; source?: 'user' | 'admin'; status?: PrivacyRequestStatus; now: Date; scheduledFor?: Date; details?: Record<string, unknown> },
) {
  const completed = input.status === 'completed';
  return repo.insertRequest(db, {
    user_id: input.userId,
    type: input.type,
    source: input.source ?? 'user',
    status: input.status ?? 'received',
    received_at: input.now,
    due_at: dueDate(input.now),
    scheduled_for: input.scheduledFor ?? null,
    completed_at: completed ? input.now : null,
    ...(input.details ? { details: input.details } : {}),
  });
}

type Row = Awaited<ReturnType<typeof repo.findRequestsOfUser>>[number];

export function toApi(row: Row, now: Date): PrivacyRequest {
  // A failed request was not answered: it stays open (and late) until it is done again.
  const open = row.status === 'received' || row.status === 'scheduled' || row.status === 'in_progress' || row.status === 'failed';
  return {
    id: row.id,
    reference: row.subject_ref,
    type: row.type,
    source: row.source,
    status: row.status,
    receivedAt: row.received_at.toISOString(),
    dueAt: row.due_at.toISOString(),
    scheduledFor: row.scheduled_for?.toISOString() ?? null,
    completedAt: row.completed_at?.toISOString() ?? null,
    overdue: open && row.due_at < now,
  };
}

export async function listRequests(db: DbOrTx, userId: string, now: Date) {
  return { requests: (await repo.findRequestsOfUser(db, userId, 200)).map((r) => toApi(r, now)) };
}

export async function listAllRequests(db: DbOrTx, filter: { status?: PrivacyRequestStatus | undefined }, now: Date) {
  const rows = await repo.findRequests(db, { ...filter, limit: 500 });
  return { requests: rows.map((r) => ({ ...toApi(r, now), userId: r.user_id, details: r.details })) };
}
