/** Formatting shared by the record, documents, verifications and dashboard screens. */
import { peopleDate } from '../../../server/platform/words/people-dates.ts';

const dateTimeFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** "2026-03-01" -> "1 Mar 2026" (a calendar day, never shifted by time zone). Empty for null. The server writes dates the same way. */
export function formatDate(iso: string | null | undefined): string {
  return peopleDate(iso);
}

/** An instant (ISO date-time) in the browser's zone: "1 Mar 2026, 14:05". */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  return Number.isFinite(t) ? dateTimeFmt.format(new Date(t)) : iso;
}

/** "1 Mar 2026 to present", "Mar 2020 to 5 Jun 2021". */
export function formatSpan(start: string | null | undefined, end: string | null | undefined, current = 'present'): string {
  if (!start && !end) return '';
  return `${start ? formatDate(start) : '?'} to ${end ? formatDate(end) : current}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export type EvidenceLevel = 'self-declared' | 'document-backed' | 'verifier-confirmed';

/** The same words as the marks on CVs and share pages (server/domains/record/evidence-words.ts). */
export const EVIDENCE: Record<EvidenceLevel, { label: string; badge: string; help: string }> = {
  'self-declared': { label: 'Self-declared', badge: 'badge', help: 'Only your word so far: CVs print no mark. Link a document or ask a referee to confirm it.' },
  'document-backed': { label: 'Document on file', badge: 'badge badge-info', help: 'Backed by a document you uploaded: CVs print "Document on file".' },
  'verifier-confirmed': { label: 'Confirmed by a referee', badge: 'badge badge-ok', help: 'A referee confirmed it through their Medfolio link: CVs print who confirmed it and when.' },
};

/** CV and check-page marks, by level (server/domains/cv-checks/schema.ts). */
export const MARK_BADGE: Record<'verifier-confirmed' | 'supervisor-approved' | 'document-backed' | 'self-declared', string> = {
  'verifier-confirmed': 'badge badge-wrap badge-ok',
  'supervisor-approved': 'badge badge-wrap badge-ok',
  'document-backed': 'badge badge-wrap badge-info',
  'self-declared': 'badge badge-wrap',
};

export interface ConfirmedBy {
  name: string | null;
  role: string;
  organisation: string | null;
  at: string;
  emailLabel: string | null;
}

/** "Confirmed by Jo Matron, Matron, Severnside NHS FT on 3 May 2026 (personal email)": what the clinician sees (names included). */
export function confirmedByText(c: ConfirmedBy): string {
  const who = [c.name, c.role, c.organisation].filter(Boolean).join(', ');
  return `Confirmed by ${who} on ${formatDate(c.at)}${c.emailLabel ? ` (${c.emailLabel})` : ''}`;
}

export type VerificationStatus = 'requested' | 'confirmed' | 'disputed' | 'expired' | 'cancelled' | 'superseded';

export const VERIFICATION_STATUS: Record<VerificationStatus, { label: string; badge: string }> = {
  requested: { label: 'Pending', badge: 'badge badge-warn' },
  confirmed: { label: 'Confirmed', badge: 'badge badge-ok' },
  disputed: { label: 'Declined', badge: 'badge badge-danger' },
  expired: { label: 'Expired', badge: 'badge' },
  cancelled: { label: 'Cancelled', badge: 'badge' },
  superseded: { label: 'Replaced', badge: 'badge' },
};

export const VERIFICATION_ORDER: VerificationStatus[] = ['requested', 'confirmed', 'disputed', 'expired', 'cancelled', 'superseded'];
