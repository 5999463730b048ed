import { AppError, validationError } from '../../platform/errors.ts';
import type { DbOrTx } from '../../platform/db/transaction.ts';
import { findUserById } from '../accounts/repo.ts';
import { todayIn } from '../record/dates.ts';
import { dbsKind, postKind, registrationKind, trainingKind } from '../record/kinds.ts';
import { listRecordsOfKinds } from '../record/service.ts';
import { analyseRecord, type RecordView } from './analyse.ts';
import { DEFAULT_ROLE_FOR_PROFESSION, ROLE_PROFILES } from './roles.ts';
import type { Prescreen } from './schema.ts';
import { commentsByFinding } from './repo.ts';

export const PRESCREEN_NOTICE = 'These findings are advice to help you prepare for compliance checks. They are not a decision about you or your suitability for any role.';

export async function loadRecordView(deps: { db: DbOrTx }, userId: string): Promise<RecordView> {
  const [posts, training, registrations, dbs] = await listRecordsOfKinds(deps, [postKind, trainingKind, registrationKind, dbsKind], userId);
  return { posts, training, registrations, dbs } as RecordView;
}

/**
 * A comment must be about one of the user's own findings, as pre-screening shows it today for
 * any role: an id from someone else's record is answered like any other missing resource.
 */
export async function assertFindingExists(db: DbOrTx, userId: string, findingId: string, now: Date): Promise<void> {
  const user = await findUserById(db, userId);
  const asOf = todayIn(user?.time_zone ?? 'Europe/London', now);
  const view = await loadRecordView({ db }, userId);
  for (const role of [undefined, ...ROLE_PROFILES]) {
    if (analyseRecord(view, asOf, role).some((f) => f.id === findingId)) return;
  }
  throw new AppError('NOT_FOUND', 'Finding not found');
}

export async function prescreen(db: DbOrTx, userId: string, query: { role?: string | undefined; asOf?: string | undefined }, now: Date): Promise<Prescreen> {
  const user = await findUserById(db, userId);
  const asOf = query.asOf ?? todayIn(user?.time_zone ?? 'Europe/London', now);
  const roleId = query.role ?? (user?.profession ? DEFAULT_ROLE_FOR_PROFESSION[user.profession] : undefined);
  const role = roleId ? ROLE_PROFILES.find((r) => r.id === roleId) : undefined;
  if (query.role && !role) throw validationError([{ path: 'query.role', message: `must be one of ${ROLE_PROFILES.map((r) => r.id).join(', ')}` }]);
  const findings = analyseRecord(await loadRecordView({ db }, userId), asOf, role);
  const comments = await commentsByFinding(db, userId);
  const count = (kind: string) => findings.filter((f) => f.kind === kind).length;
  return {
    asOf,
    role: role ? { id: role.id, name: role.name } : null,
    notice: PRESCREEN_NOTICE,
    findings: findings.map((f) => ({ ...f, comment: comments.get(f.id) ?? null })),
    summary: { gaps: count('gap'), overlaps: count('overlap'), expired: count('expired'), expiring: count('expiring'), unverified: count('unverified'), missing: count('missing') },
    roles: ROLE_PROFILES.map((r) => ({ id: r.id, name: r.name })),
  };
}
