import { AppError, validationError } from '../../platform/errors.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction, type DbOrTx, type Tx } from '../../platform/db/transaction.ts';
import { recordAudit } from '../audit/service.ts';
import { deleteRecordLinks, findUserTimeZone } from '../record/repo.ts';
import * as repo from './repo.ts';
import { workedHours, workingTimeWarnings, type Shift } from './rules.ts';
import type { Timecard } from './schema.ts';

export interface TimecardDeps {
  db: Db;
  /** Pushes a change to the clinician's other open tabs. */
  notify(userId: string, event: 'timecard:updated', payload: { id: string; status: string; deleted?: boolean }): void;
}

interface Meta {
  requestId: string | null;
  now: Date;
}

type Row = Awaited<ReturnType<typeof repo.findTimecards>>[number];

const MAX_SHIFT_MS = 36 * 3_600_000;
const CLOCK_SKEW_MS = 5 * 60_000;

const toShift = (row: Row): Shift => ({ id: row.id, clockIn: row.clock_in, clockOut: row.clock_out, breakMinutes: row.break_minutes });
const round2 = (x: number) => Math.round(x * 100) / 100;

function toApi(row: Row, all: Row[], now: Date): Timecard {
  const shifts = all.map(toShift);
  return {
    id: row.id,
    employer: row.employer,
    site: row.site,
    role: row.role,
    clockIn: row.clock_in.toISOString(),
    clockOut: row.clock_out?.toISOString() ?? null,
    breakMinutes: row.break_minutes,
    onBreakSince: row.break_started_at?.toISOString() ?? null,
    timeZone: row.time_zone,
    hoursWorked: round2(workedHours(toShift(row), now)),
    status: row.status,
    rejectionReason: row.rejection_reason,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at?.toISOString() ?? null,
    notes: row.notes,
    warnings: workingTimeWarnings(toShift(row), shifts, now),
  };
}

const fmt = (d: Date, timeZone: string) => new Intl.DateTimeFormat('en-GB', { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(d);

/** Overlapping shifts are refused across all employers: nobody works two places at once. */
async function assertNoOverlap(trx: Tx, userId: string, from: Date, to: Date | null, exceptId: string | null) {
  const clash = await repo.findOverlap(trx, userId, from, to, exceptId);
  if (!clash) return;
  const until = clash.clock_out ? fmt(clash.clock_out, clash.time_zone) : 'now (still clocked in)';
  throw new AppError('CONFLICT', `This overlaps your shift at ${clash.employer} from ${fmt(clash.clock_in, clash.time_zone)} to ${until}`, {
    clash: { id: clash.id, employer: clash.employer, clockIn: clash.clock_in.toISOString(), clockOut: clash.clock_out?.toISOString() ?? null },
  });
}

function assertInterval(start: Date, end: Date, breakMinutes: number, now: Date, paths = { start: 'body.start', end: 'body.end', breaks: 'body.breakMinutes' }) {
  if (end <= start) throw validationError([{ path: paths.end, message: 'must be after the start' }]);
  if (end.getTime() - start.getTime() > MAX_SHIFT_MS) throw validationError([{ path: paths.end, message: 'makes a shift longer than 36 hours' }]);
  if (end.getTime() > now.getTime() + CLOCK_SKEW_MS) throw validationError([{ path: paths.end, message: 'cannot be in the future' }]);
  if (breakMinutes * 60_000 >= end.getTime() - start.getTime()) throw validationError([{ path: paths.breaks, message: 'must be shorter than the shift' }]);
}

async function getTimecardRow(db: Db | Tx, userId: string, id: string) {
  const row = await repo.findTimecard(db, userId, id);
  if (!row) throw new AppError('NOT_FOUND', 'Time card not found');
  return row;
}

const editable = (row: Row) => {
  if (row.status === 'submitted') throw new AppError('CONFLICT', 'This time card is waiting for approval: it cannot be changed');
  if (row.status === 'approved') throw new AppError('CONFLICT', 'This time card is approved: it cannot be changed');
};

const audit = (trx: Tx, userId: string, id: string, action: string, meta: Meta, details: Record<string, unknown> = {}) =>
  recordAudit(trx, { chainId: userId, actor: { type: 'user', id: userId }, action: `timecard.${action}`, subject: { type: 'timecard', id }, details, requestId: meta.requestId, now: meta.now });

export async function listTimecards(deps: Pick<TimecardDeps, 'db'>, userId: string, now: Date) {
  const rows = await repo.findTimecards(deps.db, userId);
  return rows.map((row) => toApi(row, rows, now));
}

export async function getTimecard(deps: Pick<TimecardDeps, 'db'>, userId: string, id: string, now: Date) {
  const rows = await repo.findTimecards(deps.db, userId);
  const row = rows.find((r) => r.id === id);
  if (!row) throw new AppError('NOT_FOUND', 'Time card not found');
  return toApi(row, rows, now);
}

/** Runs a change in a transaction holding the clinician's time-card lock, then tells their tabs. */
async function change(deps: TimecardDeps, userId: string, meta: Meta, fn: (trx: Tx) => Promise<Row>) {
  const row = await inTransaction(deps.db, async (trx) => {
    await repo.lockUserTimecards(trx, userId);
    return fn(trx);
  });
  deps.notify(userId, 'timecard:updated', { id: row.id, status: row.status });
  return getTimecard(deps, userId, row.id, meta.now);
}

export async function clockIn(deps: TimecardDeps, userId: string, input: { employer: string; site?: string | null; role: string; at?: string; notes?: string | null }, meta: Meta) {
  const at = input.at ? new Date(input.at) : meta.now;
  if (at.getTime() > meta.now.getTime() + CLOCK_SKEW_MS) throw validationError([{ path: 'body.at', message: 'cannot be in the future' }]);
  const timeZone = await findUserTimeZone(deps.db, userId);
  return change(deps, userId, meta, async (trx) => {
    const open = (await repo.findTimecards(trx, userId)).find((r) => r.clock_out === null);
    if (open) throw new AppError('CONFLICT', `You are already clocked in at ${open.employer} since ${fmt(open.clock_in, open.time_zone)}`, { clash: { id: open.id } });
    await assertNoOverlap(trx, userId, at, null, null);
    const row = await repo.insertTimecard(trx, {
      user_id: userId,
      employer: input.employer,
      site: input.site ?? null,
      role: input.role,
      clock_in: at,
      clock_out: null,
      break_minutes: 0,
      time_zone: timeZone,
      notes: input.notes ?? null,
    });
    await audit(trx, userId, row.id, 'clocked_in', meta, { employer: row.employer });
    return row;
  });
}

export async function clockOut(deps: TimecardDeps, userId: string, id: string, input: { at?: string }, meta: Meta) {
  const at = input.at ? new Date(input.at) : meta.now;
  return change(deps, userId, meta, async (trx) => {
    const row = await getTimecardRow(trx, userId, id);
    if (row.clock_out) throw new AppError('CONFLICT', 'This shift is already clocked out');
    const breakMinutes = row.break_minutes + (row.break_started_at ? Math.round((at.getTime() - row.break_started_at.getTime()) / 60_000) : 0);
    assertInterval(row.clock_in, at, breakMinutes, meta.now, { start: 'body.at', end: 'body.at', breaks: 'body.at' });
    await assertNoOverlap(trx, userId, row.clock_in, at, row.id);
    const updated = await repo.updateTimecard(trx, userId, id, { clock_out: at, break_minutes: breakMinutes, break_started_at: null }, meta.now);
    await audit(trx, userId, id, 'clocked_out', meta);
    return updated!;
  });
}

export async function takeBreak(deps: TimecardDeps, userId: string, id: string, input: { action: 'start' | 'end'; at?: string }, meta: Meta) {
  const at = input.at ? new Date(input.at) : meta.now;
  return change(deps, userId, meta, async (trx) => {
    const row = await getTimecardRow(trx, userId, id);
    if (row.clock_out) throw new AppError('CONFLICT', 'This shift is already clocked out');
    if (input.action === 'start') {
      if (row.break_started_at) throw new AppError('CONFLICT', 'You are already on a break');
      if (at < row.clock_in) throw validationError([{ path: 'body.at', message: 'is before the shift started' }]);
      return (await repo.updateTimecard(trx, userId, id, { break_started_at: at }, meta.now))!;
    }
    if (!row.break_started_at) throw new AppError('CONFLICT', 'You are not on a break');
    if (at < row.break_started_at) throw validationError([{ path: 'body.at', message: 'is before the break started' }]);
    const minutes = Math.round((at.getTime() - row.break_started_at.getTime()) / 60_000);
    return (await repo.updateTimecard(trx, userId, id, { break_started_at: null, break_minutes: row.break_minutes + minutes }, meta.now))!;
  });
}

export async function addTimecard(
  deps: TimecardDeps,
  userId: string,
  input: { employer: string; site?: string | null; role: string; start: string; end: string; breakMinutes?: number; notes?: string | null },
  meta: Meta,
) {
  const start = new Date(input.start);
  const end = new Date(input.end);
  const breakMinutes = input.breakMinutes ?? 0;
  assertInterval(start, end, breakMinutes, meta.now);
  const timeZone = await findUserTimeZone(deps.db, userId);
  return change(deps, userId, meta, async (trx) => {
    await assertNoOverlap(trx, userId, start, end, null);
    const row = await repo.insertTimecard(trx, {
      user_id: userId,
      employer: input.employer,
      site: input.site ?? null,
      role: input.role,
      clock_in: start,
      clock_out: end,
      break_minutes: breakMinutes,
      time_zone: timeZone,
      notes: input.notes ?? null,
    });
    await audit(trx, userId, row.id, 'added', meta, { employer: row.employer });
    return row;
  });
}

export async function updateTimecard(
  deps: TimecardDeps,
  userId: string,
  id: string,
  patch: {
    employer?: string | undefined;
    site?: string | null | undefined;
    role?: string | undefined;
    start?: string | undefined;
    end?: string | undefined;
    breakMinutes?: number | undefined;
    notes?: string | null | undefined;
  },
  meta: Meta,
) {
  return change(deps, userId, meta, async (trx) => {
    const row = await getTimecardRow(trx, userId, id);
    editable(row);
    const start = patch.start ? new Date(patch.start) : row.clock_in;
    const end = patch.end ? new Date(patch.end) : row.clock_out;
    const breakMinutes = patch.breakMinutes ?? row.break_minutes;
    if (end) assertInterval(start, end, breakMinutes, meta.now);
    else if (patch.end === undefined && patch.start && start > meta.now) throw validationError([{ path: 'body.start', message: 'cannot be in the future' }]);
    await assertNoOverlap(trx, userId, start, end, id);
    const updated = await repo.updateTimecard(
      trx,
      userId,
      id,
      {
        ...(patch.employer !== undefined ? { employer: patch.employer } : {}),
        ...(patch.site !== undefined ? { site: patch.site } : {}),
        ...(patch.role !== undefined ? { role: patch.role } : {}),
        ...(patch.notes !== undefined ? { notes: patch.notes } : {}),
        clock_in: start,
        clock_out: end,
        break_minutes: breakMinutes,
        // A corrected rejected card goes back to draft, ready to submit again.
        ...(row.status === 'rejected' ? { status: 'open' as const, rejection_reason: null, decided_by: null, decided_at: null } : {}),
      },
      meta.now,
    );
    await audit(trx, userId, id, 'updated', meta, {
      before: { employer: row.employer, site: row.site, role: row.role, clockIn: row.clock_in.toISOString(), clockOut: row.clock_out?.toISOString() ?? null, breakMinutes: row.break_minutes },
    });
    return updated!;
  });
}

export async function deleteTimecard(deps: TimecardDeps, userId: string, id: string, meta: Meta) {
  await inTransaction(deps.db, async (trx) => {
    const row = await getTimecardRow(trx, userId, id);
    editable(row);
    await repo.deleteTimecard(trx, userId, id);
    await deleteRecordLinks(trx, 'timecard', id);
    await audit(trx, userId, id, 'deleted', meta, { employer: row.employer, clockIn: row.clock_in.toISOString() });
  });
  deps.notify(userId, 'timecard:updated', { id, status: 'deleted', deleted: true });
}

/** Moves a finished card to `submitted`; the caller creates the supervisor's verification link. */
export async function markSubmitted(trx: Tx, userId: string, id: string, meta: Meta) {
  const row = await getTimecardRow(trx, userId, id);
  if (!row.clock_out) throw new AppError('CONFLICT', 'Clock out before submitting this shift');
  editable(row);
  const updated = await repo.updateTimecard(trx, userId, id, { status: 'submitted', rejection_reason: null, decided_by: null, decided_at: null }, meta.now);
  await audit(trx, userId, id, 'submitted', meta);
  return updated!;
}

/** The supervisor's decision, arriving through their verification link. */
export async function recordDecision(trx: Tx, userId: string, id: string, decision: { approved: boolean; by: string; reason: string | null }, meta: Meta) {
  const row = await getTimecardRow(trx, userId, id);
  if (row.status !== 'submitted') throw new AppError('CONFLICT', 'This time card is not waiting for a decision');
  return (await repo.updateTimecard(
    trx,
    userId,
    id,
    { status: decision.approved ? 'approved' : 'rejected', rejection_reason: decision.approved ? null : decision.reason, decided_by: decision.by, decided_at: meta.now },
    meta.now,
  ))!;
}

/** Approved shifts, rolled up into verified work history by employer and role. */
export async function rollup(deps: { db: DbOrTx }, userId: string, now: Date) {
  const rows = (await repo.findTimecards(deps.db, userId)).filter((r) => r.status === 'approved');
  const groups = new Map<string, { employer: string; role: string; shifts: number; hours: number; first: Date; last: Date }>();
  for (const row of rows) {
    const key = `${row.employer}\u0000${row.role}`;
    const g = groups.get(key) ?? { employer: row.employer, role: row.role, shifts: 0, hours: 0, first: row.clock_in, last: row.clock_in };
    g.shifts++;
    g.hours += workedHours(toShift(row), now);
    if (row.clock_in < g.first) g.first = row.clock_in;
    if (row.clock_in > g.last) g.last = row.clock_in;
    groups.set(key, g);
  }
  const out = [...groups.values()]
    .map((g) => ({ employer: g.employer, role: g.role, shifts: g.shifts, hours: round2(g.hours), firstShift: g.first.toISOString(), lastShift: g.last.toISOString() }))
    .sort((a, b) => b.hours - a.hours);
  return { rows: out, totalHours: round2(out.reduce((s, r) => s + r.hours, 0)) };
}

/**
 * Import of a finished shift (JSON Resume clinical extension); idempotent by import key.
 * Import is a claim, never proof (docs/ARCHITECTURE.md, Evidence): whatever status the file
 * gives, the shift arrives open, to be submitted to its supervisor through Medfolio's own link.
 */
export async function importTimecard(
  trx: Tx,
  userId: string,
  item: { employer: string; site: string | null; role: string; start: Date; end: Date; breakMinutes: number; timeZone: string },
  importKey: string,
  meta: Meta,
) {
  await repo.lockUserTimecards(trx, userId);
  const existing = await repo.findByImportKey(trx, userId, importKey);
  await assertNoOverlap(trx, userId, item.start, item.end, existing?.id ?? null);
  if (existing) return existing;
  const row = await repo.insertTimecard(trx, {
    user_id: userId,
    employer: item.employer,
    site: item.site,
    role: item.role,
    clock_in: item.start,
    clock_out: item.end,
    break_minutes: item.breakMinutes,
    time_zone: item.timeZone,
    notes: null,
    import_key: importKey,
  });
  await audit(trx, userId, row.id, 'imported', meta, { employer: row.employer, status: row.status });
  return row;
}
