import { createHash } from 'node:crypto';
import { addDays, daysBetween, readableDate } from '../record/dates.ts';
import type { DbsFields, PostFields, RegistrationFields, TrainingFields } from '../record/schema.ts';
import { DBS_RANK, type RoleProfile } from './roles.ts';
import { enumWord, registrationBodyWords } from '../../platform/words/enum-words.ts';
import type { Finding } from './schema.ts';

/**
 * Pre-screening: what a recruiter's compliance check would flag in this record, as of a date.
 * Pure: derived from the record every time, never stored as truth (docs/ARCHITECTURE.md, Domain model).
 */
export interface RecordView {
  posts: Array<PostFields & { id: string; evidence: string }>;
  training: Array<TrainingFields & { id: string }>;
  registrations: Array<RegistrationFields & { id: string }>;
  dbs: Array<DbsFields & { id: string }>;
}

export const GAP_DAYS = 28;
const DBS_ADVISED_AGE_YEARS = 3;

const findingId = (...parts: Array<string | null | undefined>) => createHash('sha256').update(parts.join('|')).digest('hex').slice(0, 16);

function finding(f: Omit<Finding, 'id' | 'subject' | 'from' | 'to' | 'withinDays'> & Partial<Pick<Finding, 'subject' | 'from' | 'to' | 'withinDays'>>): Finding {
  const full = { subject: null, from: null, to: null, withinDays: null, ...f };
  return { id: findingId(full.kind, full.subject?.type, full.subject?.id, full.from, full.to, full.kind === 'missing' ? full.message : ''), ...full };
}

const months = (days: number) => Math.round(days / 30.44);
const describeLength = (days: number) => (days >= 56 ? `${days} days (about ${months(days)} months)` : `${days} days`);

function gapsAndOverlaps(posts: RecordView['posts'], asOf: string): Finding[] {
  const findings: Finding[] = [];
  const sorted = [...posts].filter((p) => p.startDate <= asOf).sort((a, b) => a.startDate.localeCompare(b.startDate));
  let coverageEnd: string | null | undefined; // null: a current post covers up to today
  for (const post of sorted) {
    if (coverageEnd !== undefined && coverageEnd !== null) {
      const gap = daysBetween(coverageEnd, post.startDate) - 1;
      if (gap > GAP_DAYS) {
        findings.push(
          finding({
            kind: 'gap',
            severity: 'medium',
            from: addDays(coverageEnd, 1),
            to: addDays(post.startDate, -1),
            message: `A gap of ${describeLength(gap)} between ${readableDate(coverageEnd)} and ${readableDate(post.startDate)}: be ready to explain it (leave, study, travel, caring).`,
          }),
        );
      }
    }
    coverageEnd = coverageEnd === null || post.endDate === null ? null : coverageEnd === undefined ? post.endDate : post.endDate > coverageEnd ? post.endDate : coverageEnd;
  }
  if (coverageEnd) {
    const gap = daysBetween(coverageEnd, asOf);
    if (gap > GAP_DAYS) {
      findings.push(
        finding({
          kind: 'gap',
          severity: 'medium',
          from: addDays(coverageEnd, 1),
          to: asOf,
          message: `No post since ${readableDate(coverageEnd)} (${describeLength(gap)}): add current work, or be ready to explain the gap.`,
        }),
      );
    }
  }
  // One finding per post that starts before an earlier post has ended, naming the earlier post
  // that runs longest: a clinician with a hundred bank shifts inside a substantive post needs a
  // note per shift, not one per pair of shifts (and the check stays linear in the record).
  let cover: (typeof sorted)[number] | undefined;
  for (const b of sorted) {
    const coverEnd = cover ? (cover.endDate ?? asOf) : undefined;
    if (cover && coverEnd !== undefined && b.startDate <= coverEnd) {
      const to = (b.endDate ?? asOf) < coverEnd ? (b.endDate ?? asOf) : coverEnd;
      findings.push(
        finding({
          kind: 'overlap',
          severity: 'low',
          subject: { type: 'post', id: b.id },
          from: b.startDate,
          to,
          message: `${b.title} at ${b.employer} overlaps ${cover.title} at ${cover.employer} from ${readableDate(b.startDate)} to ${readableDate(to)}: fine if you held both (for example locum shifts alongside a training post), otherwise correct the dates.`,
        }),
      );
    }
    if (!cover || coverEnd === undefined || (b.endDate ?? asOf) > coverEnd) cover = b;
  }
  return findings;
}

function expiry(label: string, date: string | null, subject: { type: string; id: string }, asOf: string): Finding[] {
  if (!date) return [];
  const days = daysBetween(asOf, date);
  if (days < 0) return [finding({ kind: 'expired', severity: 'high', subject, to: date, message: `${label} expired on ${readableDate(date)}.` })];
  if (days > 90) return [];
  const withinDays = days <= 30 ? 30 : days <= 60 ? 60 : 90;
  return [
    finding({
      kind: 'expiring',
      severity: days <= 30 ? 'high' : 'medium',
      subject,
      to: date,
      withinDays,
      message: `${label} expires on ${readableDate(date)}, in ${days} ${days === 1 ? 'day' : 'days'}.`,
    }),
  ];
}

function expiries(record: RecordView, asOf: string): Finding[] {
  return [
    ...record.training.flatMap((t) => expiry(t.name, t.expiresOn, { type: 'training', id: t.id }, asOf)),
    ...record.registrations.flatMap((r) => [
      ...expiry(`${registrationBodyWords(r.body)} registration renewal`, r.renewalDate, { type: 'registration', id: r.id }, asOf),
      ...expiry(`${registrationBodyWords(r.body)} revalidation`, r.revalidationDate, { type: 'registration', id: r.id }, asOf),
    ]),
    ...record.dbs.flatMap((d) => [
      ...expiry('DBS Update Service subscription', d.updateService ? d.updateServiceRenewalDate : null, { type: 'dbs', id: d.id }, asOf),
      ...(!d.updateService && daysBetween(d.issueDate, asOf) > DBS_ADVISED_AGE_YEARS * 365
        ? [
            finding({
              kind: 'dbs-age',
              severity: 'medium',
              subject: { type: 'dbs', id: d.id },
              from: d.issueDate,
              message: `Your ${enumWord(d.level)} DBS certificate was issued on ${readableDate(d.issueDate)} and is not on the Update Service: many employers ask for one issued in the last ${DBS_ADVISED_AGE_YEARS} years.`,
            }),
          ]
        : []),
    ]),
  ];
}

function missingForRole(record: RecordView, role: RoleProfile, asOf: string): Finding[] {
  const valid = (t: { expiresOn: string | null }) => !t.expiresOn || t.expiresOn >= asOf;
  return role.requirements.flatMap((req) => {
    let held: boolean;
    let expired = false;
    if (req.kind === 'registration') held = record.registrations.some((r) => req.bodies.includes(r.body));
    else if (req.kind === 'dbs') held = record.dbs.some((d) => DBS_RANK[d.level] >= DBS_RANK[req.minimum]);
    else {
      const matching = record.training.filter((t) => t.catalogueId && req.anyOf.includes(t.catalogueId));
      held = matching.some(valid);
      expired = !held && matching.length > 0;
    }
    if (held) return [];
    return [
      finding({
        kind: 'missing',
        severity: 'high',
        message: expired ? `${role.name} roles usually need current ${req.label}: yours has expired.` : `${role.name} roles usually need ${req.label}: your record has none.`,
      }),
    ];
  });
}

export function analyseRecord(record: RecordView, asOf: string, role: RoleProfile | undefined): Finding[] {
  const unverified = record.posts
    .filter((p) => p.evidence === 'self-declared')
    .map((p) => finding({ kind: 'unverified', severity: 'low', subject: { type: 'post', id: p.id }, message: `${p.title} at ${p.employer} is self-declared: ask a referee to confirm it.` }));
  return [...expiries(record, asOf), ...(role ? missingForRole(record, role, asOf) : []), ...gapsAndOverlaps(record.posts, asOf), ...unverified];
}
