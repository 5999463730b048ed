import { AppError, validationError } from '../../platform/errors.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction, type DbOrTx, type Tx } from '../../platform/db/transaction.ts';
import type { JobQueue } from '../../platform/queue/queue.ts';
import { recordAudit } from '../audit/service.ts';
import { todayIn } from './dates.ts';
import { findUserById } from '../accounts/repo.ts';
import { embedRecordJob } from './jobs.ts';
import { findAllEvidence, findEvidence, type Evidence } from './evidence.ts';
import type { AnyRecordKind, KindContext } from './kind.ts';
import * as repo from './repo.ts';
import { supersedeConfirmations } from '../verifications/repo.ts';
import { revokeCredentialsFor } from '../credentials/service.ts';

const VERIFIED_POST_FIELDS = new Set(['employer', 'title', 'grade', 'specialty', 'contract', 'startDate', 'endDate']);

export interface RecordDeps {
  db: Db;
  queue: Pick<JobQueue, 'enqueue'>;
}

export interface Meta {
  requestId: string | null;
  now: Date;
}

export async function loadKindContext(db: DbOrTx, userId: string, now: Date): Promise<KindContext> {
  const [timeZone, catalogue, account] = await Promise.all([repo.findUserTimeZone(db, userId), repo.findCatalogue(db), findUserById(db, userId)]);
  return {
    today: todayIn(timeZone, now),
    ...(account ? { account: { name: account.name, email: account.email } } : {}),
    catalogue: new Map(catalogue.map((c) => [c.id, { name: c.name, validityMonths: c.validity_months, endOfMonth: c.end_of_month }])),
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Row = Record<string, any>;

function toApi(kind: AnyRecordKind, row: Row, evidence: Evidence) {
  const c = evidence.confirmation;
  const fields = kind.fromRow(row);
  return {
    id: row.id as string,
    ...fields,
    evidence: evidence.level,
    documentIds: evidence.documentIds,
    confirmedBy: c ? { name: c.name, role: c.role, organisation: c.organisation, at: c.at.toISOString(), emailLabel: c.emailLabel } : null,
    label: kind.describe(fields),
    createdAt: (row.created_at as Date).toISOString(),
    updatedAt: (row.updated_at as Date).toISOString(),
  };
}

function assertValid(kind: AnyRecordKind, input: Record<string, unknown>, ctx: KindContext) {
  const issues = kind.check(input, ctx);
  if (issues.length) throw validationError(issues, `The ${kind.label.toLowerCase()} is not valid`);
}

const auditEntry = (kind: AnyRecordKind, userId: string, id: string, action: string, meta: Meta, details: Record<string, unknown>) => ({
  chainId: userId,
  actor: { type: 'user' as const, id: userId },
  action: `${kind.type}.${action}`,
  subject: { type: kind.type, id },
  details,
  requestId: meta.requestId,
  now: meta.now,
});

export async function listRecords(deps: { db: DbOrTx }, kind: AnyRecordKind, userId: string) {
  const [rows, evidence] = await Promise.all([repo.findRecords(deps.db, kind.table, userId), findEvidence(deps.db, userId, kind.type)]);
  return rows.map((row) => toApi(kind, row, evidence(row.id)));
}

/** The items of several kinds, with their evidence read once for all of them (a whole record: the AI view, pre-screening). */
export async function listRecordsOfKinds<K extends AnyRecordKind>(deps: { db: DbOrTx }, kinds: readonly K[], userId: string) {
  const [lists, evidence] = await Promise.all([
    Promise.all(kinds.map((kind) => repo.findRecords(deps.db, kind.table, userId))),
    findAllEvidence(
      deps.db,
      userId,
      kinds.map((k) => k.type),
    ),
  ]);
  return kinds.map((kind, i) => lists[i]!.map((row) => toApi(kind, row, evidence(kind.type)(row.id))));
}

export async function getRecord(deps: Pick<RecordDeps, 'db'>, kind: AnyRecordKind, userId: string, id: string) {
  const row = await repo.findRecord(deps.db, kind.table, userId, id);
  if (!row) throw new AppError('NOT_FOUND', `${kind.label} not found`);
  return toApi(kind, row, (await findEvidence(deps.db, userId, kind.type))(id));
}

/** Inserts (or, with an import key, upserts) a validated record; audited and queued for embedding. */
export async function saveNewRecord(
  trx: Tx,
  deps: Pick<RecordDeps, 'queue'>,
  kind: AnyRecordKind,
  userId: string,
  input: Record<string, unknown>,
  ctx: KindContext,
  meta: Meta,
  importKey?: string,
): Promise<Row> {
  assertValid(kind, input, ctx);
  const values = { ...kind.toColumns(input, ctx), user_id: userId };
  const row = importKey ? await repo.upsertImportedRecord(trx, kind.table, { ...values, import_key: importKey }, meta.now) : await repo.insertRecord(trx, kind.table, values);
  await recordAudit(trx, auditEntry(kind, userId, row.id, importKey ? 'imported' : 'created', meta, { summary: kind.describe(kind.fromRow(row)) }));
  await deps.queue.enqueue(embedRecordJob, { userId, recordType: kind.type, recordId: row.id }, { db: trx });
  return row;
}

export async function createRecord(deps: RecordDeps, kind: AnyRecordKind, userId: string, input: Record<string, unknown>, meta: Meta) {
  const ctx = await loadKindContext(deps.db, userId, meta.now);
  const row = await inTransaction(deps.db, (trx) => saveNewRecord(trx, deps, kind, userId, input, ctx, meta));
  return getRecord(deps, kind, userId, row.id);
}

/** Rectification: the merged record is validated as a whole, and the old values stay in the audit trail. */
export async function updateRecord(deps: RecordDeps, kind: AnyRecordKind, userId: string, id: string, patch: Record<string, unknown>, meta: Meta) {
  const ctx = await loadKindContext(deps.db, userId, meta.now);
  await inTransaction(deps.db, async (trx) => {
    const existing = await repo.findRecord(trx, kind.table, userId, id);
    if (!existing) throw new AppError('NOT_FOUND', `${kind.label} not found`);
    const before = kind.fromRow(existing);
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    const parsed = kind.input.safeParse({ ...kind.toInput(before), ...defined });
    if (!parsed.success) throw validationError(parsed.error.issues.map((i) => ({ path: ['body', ...i.path.map(String)].join('.'), message: i.message })));
    assertValid(kind, parsed.data, ctx);
    const updated = await repo.updateRecord(trx, kind.table, userId, id, kind.toColumns(parsed.data, ctx), meta.now);
    const after = kind.fromRow(updated!);
    const changed = Object.keys(after).filter((k) => JSON.stringify(after[k]) !== JSON.stringify(before[k]));
    await recordAudit(trx, auditEntry(kind, userId, id, 'updated', meta, { changed, before: Object.fromEntries(changed.map((k) => [k, before[k]])) }));
    // A referee confirmed the post as it was; once its facts change, that confirmation no longer
    // holds, and neither does a credential resting on it (revoked now, so its status list says so).
    if (kind.type === 'post' && changed.some((k) => VERIFIED_POST_FIELDS.has(k))) {
      await supersedeConfirmations(trx, 'post', id, meta.now);
      await revokeCredentialsFor(trx, userId, { type: 'post', id }, 'superseded', meta.now);
    }
    if ((kind.type === 'registration' || kind.type === 'dbs') && changed.length) await revokeCredentialsFor(trx, userId, { type: kind.type, id }, 'superseded', meta.now);
    await deps.queue.enqueue(embedRecordJob, { userId, recordType: kind.type, recordId: id }, { db: trx });
  });
  return getRecord(deps, kind, userId, id);
}

export async function deleteRecord(deps: RecordDeps, kind: AnyRecordKind, userId: string, id: string, meta: Meta) {
  await inTransaction(deps.db, async (trx) => {
    const deleted = await repo.deleteRecord(trx, kind.table, userId, id);
    if (!deleted) throw new AppError('NOT_FOUND', `${kind.label} not found`);
    await repo.deleteRecordLinks(trx, kind.type, id);
    await revokeCredentialsFor(trx, userId, { type: kind.type, id }, 'no-longer-supported', meta.now);
    await recordAudit(trx, auditEntry(kind, userId, id, 'deleted', meta, { before: kind.fromRow(deleted) }));
  });
}
