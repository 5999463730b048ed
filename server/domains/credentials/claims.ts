import { createHash } from 'node:crypto';
import type { DbOrTx } from '../../platform/db/transaction.ts';
import type { CredentialKind } from '../../platform/db/types.ts';
import { canonicalJson } from '../audit/chain.ts';
import { findUserById } from '../accounts/repo.ts';
import { dbsKind, postKind, registrationKind } from '../record/kinds.ts';
import { findRecords } from '../record/repo.ts';
import { findEvidence } from '../record/evidence.ts';
import { findDocuments } from '../documents/repo.ts';
import { findTimecards } from '../timecards/repo.ts';
import { workedHours } from '../timecards/rules.ts';
import type { DbsFields, PostFields, RegistrationFields } from '../record/schema.ts';

/**
 * What the clinician's record can prove, as the credentials it should hold (docs/ARCHITECTURE.md,
 * Evidence): one per referee-confirmed post, one per employer for the shifts its supervisors
 * approved, and one per registration or DBS check backed by a document. Each has a source (what it
 * rests on) and a fingerprint of its claims: when the claims change, the old credential is
 * superseded; when the source goes, it is no longer supported.
 */
export interface DesiredCredential {
  kind: CredentialKind;
  sourceKey: string;
  /** Words for the clinician's list and the recruiter's page. */
  title: string;
  /** The credential's own type, after "VerifiableCredential". */
  type: string;
  subject: Record<string, unknown>;
  evidence: Array<Record<string, unknown>>;
  fingerprint: string;
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const inWords = (day: string) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
const compact = (obj: Record<string, unknown>) => Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== null && v !== undefined));
const fingerprintOf = (c: Omit<DesiredCredential, 'fingerprint' | 'title'>) =>
  createHash('sha256')
    .update(canonicalJson({ kind: c.kind, subject: c.subject, evidence: c.evidence }))
    .digest('hex');
const withFingerprint = (c: Omit<DesiredCredential, 'fingerprint'>): DesiredCredential => ({ ...c, fingerprint: fingerprintOf(c) });

export const sourceKeys = {
  confirmation: (verificationId: string) => `verification:${verificationId}`,
  shifts: (employer: string) => `shifts:${employer.trim().toLowerCase()}`,
  record: (type: 'registration' | 'dbs', id: string) => `${type}:${id}`,
};

export async function desiredCredentials(db: DbOrTx, userId: string, now: Date): Promise<DesiredCredential[]> {
  const [user, posts, postEvidence, registrations, registrationEvidence, dbsChecks, dbsEvidence, documents, timecards] = await Promise.all([
    findUserById(db, userId),
    findRecords(db, postKind.table, userId),
    findEvidence(db, userId, 'post'),
    findRecords(db, registrationKind.table, userId),
    findEvidence(db, userId, 'registration'),
    findRecords(db, dbsKind.table, userId),
    findEvidence(db, userId, 'dbs'),
    findDocuments(db, userId),
    findTimecards(db, userId),
  ]);
  const holder = { name: user?.name ?? '' };
  const out: DesiredCredential[] = [];

  for (const row of posts) {
    const c = postEvidence(row.id as string).confirmation;
    if (!c) continue;
    const p = postKind.fromRow(row) as PostFields;
    out.push(
      withFingerprint({
        kind: 'post-confirmation',
        sourceKey: sourceKeys.confirmation(c.verificationId),
        title: `Post confirmed by a referee: ${p.title} at ${p.employer}`,
        type: 'MedfolioPostConfirmation',
        subject: {
          ...holder,
          post: compact({ employer: p.employer, jobTitle: p.title, grade: p.grade, specialty: p.specialty, contract: p.contract, startDate: p.startDate, endDate: p.endDate }),
        },
        evidence: [
          compact({
            type: ['RefereeConfirmation'],
            description:
              'A referee confirmed this post through a single-use link Medfolio emailed to them, stating their role and organisation and declaring that their answer is true from their own working knowledge.',
            confirmedOn: isoDay(c.at),
            refereeRole: c.role,
            refereeOrganisation: c.organisation,
            refereeEmail: c.emailLabel,
          }),
        ],
      }),
    );
  }

  // Approved shifts, per employer: the supervisors' approvals, rolled up.
  const byEmployer = new Map<string, { employer: string; roles: Set<string>; shifts: number; hours: number; first: Date; last: Date }>();
  for (const t of timecards) {
    if (t.status !== 'approved' || !t.clock_out) continue;
    const key = sourceKeys.shifts(t.employer);
    const g = byEmployer.get(key) ?? { employer: t.employer, roles: new Set<string>(), shifts: 0, hours: 0, first: t.clock_in, last: t.clock_in };
    g.roles.add(t.role);
    g.shifts++;
    g.hours += workedHours({ id: t.id, clockIn: t.clock_in, clockOut: t.clock_out, breakMinutes: t.break_minutes }, now);
    if (t.clock_in < g.first) g.first = t.clock_in;
    if (t.clock_in > g.last) g.last = t.clock_in;
    byEmployer.set(key, g);
  }
  for (const [key, g] of byEmployer) {
    out.push(
      withFingerprint({
        kind: 'shift-rollup',
        sourceKey: key,
        title: `Approved shifts at ${g.employer}: ${g.shifts} ${g.shifts === 1 ? 'shift' : 'shifts'}`,
        type: 'MedfolioApprovedShifts',
        subject: {
          ...holder,
          employer: g.employer,
          roles: [...g.roles].sort(),
          approvedShifts: g.shifts,
          hoursWorked: Math.round(g.hours * 100) / 100,
          firstShift: isoDay(g.first),
          lastShift: isoDay(g.last),
        },
        evidence: [{ type: ['SupervisorApproval'], description: 'Each shift was approved by its supervisor through a single-use link Medfolio emailed to them.' }],
      }),
    );
  }

  const documentEvidence = (ids: string[]) =>
    documents
      .filter((d) => ids.includes(d.id))
      .sort((a, b) => a.sha256.localeCompare(b.sha256))
      .map((d) => ({ type: ['DocumentOnFile'], documentType: d.type, sha256: d.sha256, uploadedOn: isoDay(d.uploaded_at) }));
  const onFile = 'Medfolio holds the documents listed, uploaded by the holder (their SHA-256 lets you match a copy); Medfolio has not checked the issuing body itself.';

  for (const row of registrations) {
    const ev = registrationEvidence(row.id as string);
    if (!ev.documentIds.length) continue;
    const r = registrationKind.fromRow(row) as RegistrationFields;
    out.push(
      withFingerprint({
        kind: 'registration',
        sourceKey: sourceKeys.record('registration', row.id as string),
        title: `${r.body} registration ${r.number}, document on file`,
        type: 'MedfolioRegistration',
        subject: {
          ...holder,
          registration: compact({ body: r.body, number: r.number, jurisdiction: r.jurisdiction, status: r.status, renewalDate: r.renewalDate, revalidationDate: r.revalidationDate }),
        },
        evidence: [{ type: ['DocumentsOnFile'], description: onFile, documents: documentEvidence(ev.documentIds) }],
      }),
    );
  }

  for (const row of dbsChecks) {
    const ev = dbsEvidence(row.id as string);
    if (!ev.documentIds.length) continue;
    const d = dbsKind.fromRow(row) as DbsFields;
    out.push(
      withFingerprint({
        kind: 'dbs',
        sourceKey: sourceKeys.record('dbs', row.id as string),
        title: `${d.level === 'enhanced-barred' ? 'Enhanced DBS check with barred lists' : `${d.level.charAt(0).toUpperCase()}${d.level.slice(1)} DBS check`}, issued ${inWords(d.issueDate)}, document on file`,
        type: 'MedfolioDbsCheck',
        subject: { ...holder, dbsCheck: compact({ level: d.level, workforce: d.workforce, certificateNumber: d.certificateNumber, issueDate: d.issueDate, updateService: d.updateService }) },
        evidence: [{ type: ['DocumentsOnFile'], description: onFile, documents: documentEvidence(ev.documentIds) }],
      }),
    );
  }
  return out;
}
