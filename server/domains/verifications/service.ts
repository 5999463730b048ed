import { randomBytes } from 'node:crypto';
import { AppError, validationError } from '../../platform/errors.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction, type Tx, type DbOrTx } from '../../platform/db/transaction.ts';
import type { JobQueue } from '../../platform/queue/queue.ts';
import { hashToken } from '../../platform/crypto/tokens.ts';
import { recordAudit } from '../audit/service.ts';
import { postKind, registrationKind } from '../record/kinds.ts';
import { findTimecard, reopenSubmitted } from '../timecards/repo.ts';
import { markSubmitted, recordDecision, type TimecardDeps } from '../timecards/service.ts';
import { tooShortToSubmit, workedHours } from '../timecards/rules.ts';
import { findUserById } from '../accounts/repo.ts';
import { findRecord, findRecords } from '../record/repo.ts';
import { normaliseRegistrationNumber, registrationNumberProblem } from '../record/identifiers.ts';
import { capitalise, enumWord } from '../../platform/words/enum-words.ts';
import { peopleDate, peopleDateSpan, peopleDateTime } from '../../platform/words/people-dates.ts';
import { sendVerificationRequestJob } from './jobs.ts';
import { revokeCredentialsFor } from '../credentials/service.ts';
import * as repo from './repo.ts';
import { canonicalPersonName, classifyRefereeEmail, describeRefereeEmail, isSelfReferee } from './referee-email.ts';
import { REFEREE_REGISTERS, type Verification, type VerifierResponse } from './schema.ts';

export const LINK_LIFETIME_DAYS = 14;

export interface VerificationDeps {
  db: Db;
  queue: Pick<JobQueue, 'enqueue'>;
  notify: TimecardDeps['notify'];
}

interface Meta {
  requestId: string | null;
  now: Date;
}

type Row = Awaited<ReturnType<typeof repo.findVerifications>>[number];

const formatInstant = (d: Date, timeZone: string) => peopleDateTime(d, timeZone);

/** What the verifier is asked to confirm, frozen when the request is made. */
async function snapshotOf(db: DbOrTx, userId: string, type: 'post' | 'timecard', id: string, now: Date) {
  if (type === 'post') {
    const row = await findRecord(db, 'posts', userId, id);
    if (!row) throw new AppError('NOT_FOUND', 'Post not found');
    const f = postKind.fromRow(row);
    const fields: Array<[string, string]> = [
      ['Employer', f.employer],
      ['Job title', f.title],
      ...(f.grade ? [['Grade', f.grade] as [string, string]] : []),
      ...(f.specialty ? [['Specialty', f.specialty] as [string, string]] : []),
      ['Contract', capitalise(enumWord(f.contract))],
      ['From', peopleDate(f.startDate)],
      ['To', f.endDate ? peopleDate(f.endDate) : 'present'],
    ];
    return { summary: `${f.title} at ${f.employer}, ${peopleDateSpan(f.startDate, f.endDate)}`, fields, employer: f.employer };
  }
  const row = await findTimecard(db, userId, id);
  if (!row) throw new AppError('NOT_FOUND', 'Time card not found');
  if (!row.clock_out) throw new AppError('CONFLICT', 'Clock out before asking for approval');
  const tooShort = tooShortToSubmit({ id: row.id, clockIn: row.clock_in, clockOut: row.clock_out, breakMinutes: row.break_minutes }, now);
  if (tooShort) throw new AppError('CONFLICT', `${tooShort}.`);
  const hours = Math.round(workedHours({ id: row.id, clockIn: row.clock_in, clockOut: row.clock_out, breakMinutes: row.break_minutes }, now) * 100) / 100;
  const fields: Array<[string, string]> = [
    ['Employer', row.employer],
    ...(row.site ? [['Site', row.site] as [string, string]] : []),
    ['Role', row.role],
    ['Started', formatInstant(row.clock_in, row.time_zone)],
    ['Finished', formatInstant(row.clock_out, row.time_zone)],
    ['Breaks', `${row.break_minutes} minutes`],
    ['Hours worked', String(hours)],
  ];
  return { summary: `a shift at ${row.employer} as ${row.role}, ${formatInstant(row.clock_in, row.time_zone)} to ${formatInstant(row.clock_out, row.time_zone)}`, fields, employer: row.employer };
}

function toApi(row: Row, now: Date): Verification {
  const snapshot = row.snapshot as { summary?: string };
  return {
    id: row.id,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    summary: snapshot.summary ?? '',
    verifierName: row.verifier_name,
    verifierEmail: row.verifier_email,
    relationship: row.relationship,
    status: row.status === 'requested' && row.expires_at <= now ? 'expired' : row.status,
    comment: row.comment,
    emailLabel: describeRefereeEmail(row.email_kind, row.email_domain),
    confirmedBy:
      row.responder_name && row.responder_role && row.responder_organisation && row.declared_at
        ? {
            name: row.responder_name,
            role: row.responder_role,
            organisation: row.responder_organisation,
            registration: row.responder_registration_body && row.responder_registration_number ? { body: row.responder_registration_body, number: row.responder_registration_number } : null,
            declaredAt: row.declared_at.toISOString(),
          }
        : null,
    requestedAt: row.requested_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    respondedAt: row.responded_at?.toISOString() ?? null,
  };
}

/** Creates the request (inside the caller's transaction) and queues the email with its link. */
async function createRequest(
  trx: Tx,
  deps: Pick<VerificationDeps, 'queue'>,
  userId: string,
  input: { subjectType: 'post' | 'timecard'; subjectId: string; verifierName: string; verifierEmail: string; relationship: string },
  meta: Meta,
  emailPath = 'body.verifierEmail',
) {
  const owner = await findUserById(trx, userId);
  if (!owner) throw new AppError('NOT_FOUND', 'Account not found');
  // A referee is someone else: their word about you is the whole point (docs/ARCHITECTURE.md, Evidence).
  if (isSelfReferee({ name: input.verifierName, email: input.verifierEmail }, owner)) {
    throw validationError([{ path: emailPath, message: 'is your own address: ask someone else who can confirm this' }], 'You cannot confirm your own record');
  }
  const { employer, ...snapshot } = await snapshotOf(trx, userId, input.subjectType, input.subjectId, meta.now);
  const email = classifyRefereeEmail(input.verifierEmail, employer);
  const row = await repo.insertVerification(trx, {
    user_id: userId,
    subject_type: input.subjectType,
    subject_id: input.subjectId,
    verifier_name: input.verifierName,
    verifier_email: input.verifierEmail,
    relationship: input.relationship,
    // Unusable until the email job issues the real link (only its hash is ever stored).
    token_hash: hashToken(randomBytes(32).toString('hex')),
    snapshot,
    email_kind: email.kind,
    email_domain: email.domain,
    requested_at: meta.now,
    expires_at: new Date(meta.now.getTime() + LINK_LIFETIME_DAYS * 86_400_000),
  });
  await recordAudit(trx, {
    chainId: userId,
    actor: { type: 'user', id: userId },
    action: 'verification.requested',
    subject: { type: input.subjectType, id: input.subjectId },
    details: { verificationId: row.id, verifierName: input.verifierName, relationship: input.relationship },
    requestId: meta.requestId,
    now: meta.now,
  });
  await deps.queue.enqueue(sendVerificationRequestJob, { verificationId: row.id }, { db: trx });
  return row;
}

export async function requestVerification(deps: VerificationDeps, userId: string, input: Parameters<typeof createRequest>[3], meta: Meta) {
  if (input.subjectType === 'timecard') {
    throw validationError([{ path: 'body.subjectType', message: 'submit a time card for approval with POST /api/timecards/:id/submit' }]);
  }
  const row = await inTransaction(deps.db, (trx) => createRequest(trx, deps, userId, input, meta));
  return toApi(row, meta.now);
}

/** Submits a finished shift and asks its supervisor to approve it. */
export async function submitTimecard(
  deps: VerificationDeps,
  userId: string,
  timecardId: string,
  input: { supervisorName: string; supervisorEmail: string; relationship?: string | undefined },
  meta: Meta,
) {
  const row = await inTransaction(deps.db, async (trx) => {
    await markSubmitted(trx, userId, timecardId, meta);
    return createRequest(
      trx,
      deps,
      userId,
      { subjectType: 'timecard', subjectId: timecardId, verifierName: input.supervisorName, verifierEmail: input.supervisorEmail, relationship: input.relationship ?? 'Shift supervisor' },
      meta,
      'body.supervisorEmail',
    );
  });
  deps.notify(userId, 'timecard:updated', { id: timecardId, status: 'submitted' });
  return toApi(row, meta.now);
}

export async function listVerifications(db: DbOrTx, userId: string, now: Date) {
  return (await repo.findVerifications(db, userId)).map((r) => toApi(r, now));
}

export async function getVerification(db: DbOrTx, userId: string, id: string, now: Date) {
  const row = await repo.findVerification(db, userId, id);
  if (!row) throw new AppError('NOT_FOUND', 'Verification not found');
  return toApi(row, now);
}

export async function cancelVerification(deps: VerificationDeps, userId: string, id: string, meta: Meta) {
  await inTransaction(deps.db, async (trx) => {
    const row = await repo.findVerification(trx, userId, id);
    if (!row) throw new AppError('NOT_FOUND', 'Verification not found');
    if (!(await repo.cancelVerification(trx, userId, id, meta.now))) throw new AppError('CONFLICT', 'This request was already answered or cancelled');
    // A shift waiting on this request goes back to draft so it can be corrected or resubmitted.
    if (row.subject_type === 'timecard') await reopenSubmitted(trx, userId, row.subject_id, meta.now);
    await recordAudit(trx, {
      chainId: userId,
      actor: { type: 'user', id: userId },
      action: 'verification.cancelled',
      subject: { type: row.subject_type, id: row.subject_id },
      details: { verificationId: id },
      requestId: meta.requestId,
      now: meta.now,
    });
  });
}

/** Why a verifier link cannot be used, or the request it opens. */
export async function openVerifierLink(db: DbOrTx, token: string, now: Date) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return { gone: 'This link is not valid.' } as const;
  const row = await repo.findVerificationByTokenHash(db, hashToken(token));
  if (!row || row.owner_locked_at) return { gone: 'This link is not valid.' } as const;
  if (row.status === 'confirmed' || row.status === 'disputed') return { gone: 'This request has already been answered. Thank you.' } as const;
  if (row.status === 'cancelled' || row.status === 'superseded') return { gone: 'The request was withdrawn.' } as const;
  if (row.expires_at <= now) return { gone: 'This link has expired. Ask for a new one if you still want to respond.' } as const;
  const snapshot = row.snapshot as { summary: string; fields: Array<[string, string]> };
  return { verification: row, snapshot } as const;
}

/**
 * The referee's details, checked: their name, role and organisation are required, a professional
 * number must have the format of its register, the declaration must be made, and the referee
 * cannot be the clinician (their name, or one of their own registration numbers).
 */
async function checkResponder(db: DbOrTx, v: { user_id: string; clinician_name: string }, answer: VerifierResponse, comment: string | null): Promise<repo.Responder> {
  const issues: Array<{ path: string; message: string }> = [];
  const required = (field: 'name' | 'role' | 'organisation', what: string) => {
    const value = answer[field]?.trim();
    if (!value) issues.push({ path: `body.${field}`, message: `Enter ${what}` });
    return value ?? '';
  };
  const name = required('name', 'your full name');
  const role = required('role', 'your job title or role');
  const organisation = required('organisation', 'the organisation you work for');
  if (name && canonicalPersonName(name) === canonicalPersonName(v.clinician_name)) {
    issues.push({ path: 'body.name', message: `is the name of the person asking: ${v.clinician_name} cannot confirm their own record` });
  }
  let registrationBody: string | null = null;
  let registrationNumber: string | null = null;
  if (answer.registrationNumber?.trim()) {
    const body = REFEREE_REGISTERS.find((b) => b === answer.registrationBody);
    if (!body) issues.push({ path: 'body.registrationBody', message: 'Choose the register your number is on' });
    else {
      registrationNumber = normaliseRegistrationNumber(answer.registrationNumber);
      registrationBody = body;
      const problem = registrationNumberProblem(body, registrationNumber);
      if (problem) issues.push({ path: 'body.registrationNumber', message: problem.charAt(0).toUpperCase() + problem.slice(1) });
      const own = (await findRecords(db, registrationKind.table, v.user_id)).some((r) => r.body === body && normaliseRegistrationNumber(String(r.number)) === registrationNumber);
      if (own) issues.push({ path: 'body.registrationNumber', message: `is ${v.clinician_name}'s own number: a referee must be someone else` });
    }
  }
  if (answer.declaration !== 'yes') issues.push({ path: 'body.declaration', message: 'Tick the declaration to send your answer' });
  if (answer.decision === 'dispute' && !comment) issues.push({ path: 'body.comment', message: 'Say what is wrong (required to dispute or reject)' });
  if (issues.length) throw validationError(issues, 'Please check the form');
  return { name, role, organisation, registrationBody, registrationNumber };
}

/** Whether the person opening a referee link is the clinician who asked (signed in here). */
export const isRequester = (v: { user_id: string }, viewerId: string | undefined) => viewerId !== undefined && viewerId === v.user_id;

export async function respondToVerification(deps: VerificationDeps, token: string, answer: VerifierResponse, meta: Meta & { viewerId?: string | undefined }) {
  const comment = answer.comment?.trim() || null;
  const result = await inTransaction(deps.db, async (trx) => {
    const opened = await openVerifierLink(trx, token, meta.now);
    if ('gone' in opened) throw new AppError('GONE', opened.gone ?? 'This link no longer works');
    const v = opened.verification;
    if (isRequester(v, meta.viewerId)) throw new AppError('FORBIDDEN', 'This link is for the person you asked: you cannot answer it yourself.');
    const responder = await checkResponder(trx, v, answer, comment);
    const closed = await repo.closeVerification(trx, v.id, answer.decision === 'confirm' ? 'confirmed' : 'disputed', comment, responder, meta.now);
    if (!closed) throw new AppError('GONE', 'This request has already been answered. Thank you.');
    if (v.subject_type === 'timecard') {
      const shift = await recordDecision(trx, v.user_id, v.subject_id, { approved: answer.decision === 'confirm', by: responder.name, reason: comment }, meta);
      // One more approved shift: the employer's roll-up credential is replaced at the next sync.
      if (shift.status === 'approved') await revokeCredentialsFor(trx, v.user_id, { type: 'shifts', id: shift.employer }, 'superseded', meta.now);
    }
    await recordAudit(trx, {
      chainId: v.user_id,
      actor: { type: 'verifier', id: v.id },
      action: answer.decision === 'confirm' ? 'verification.confirmed' : 'verification.disputed',
      subject: { type: v.subject_type, id: v.subject_id },
      details: { verificationId: v.id, verifierName: responder.name, role: responder.role, organisation: responder.organisation, ...(comment ? { comment } : {}) },
      requestId: meta.requestId,
      now: meta.now,
    });
    return v;
  });
  if (result.subject_type === 'timecard') deps.notify(result.user_id, 'timecard:updated', { id: result.subject_id, status: answer.decision === 'confirm' ? 'approved' : 'rejected' });
  return result;
}
