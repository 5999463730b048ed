import type { RefereeEmailKind } from '../../platform/db/types.ts';

/**
 * The evidence behind an item, in the words a recruiter reads on a CV, a share page and the
 * check page (docs/ARCHITECTURE.md, Evidence). One place, so the PDF, the pages and the
 * manifest a check returns always say the same thing.
 */
export type MarkLevel = 'verifier-confirmed' | 'supervisor-approved' | 'document-backed' | 'self-declared';

export interface EvidenceMark {
  level: MarkLevel;
  /** What is printed beside the item; null for the clinician's own word (no mark). */
  text: string | null;
}

export const SELF_DECLARED: EvidenceMark = { level: 'self-declared', text: null };
export const DOCUMENT_ON_FILE: EvidenceMark = { level: 'document-backed', text: 'Document on file' };

const longDate = (d: Date, timeZone: string) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone }).format(d);

/** A short note on the address a confirmation came from (never the address itself). */
export function emailNote(kind: RefereeEmailKind | null, domain: string | null): string | null {
  switch (kind) {
    case 'personal':
      return 'personal email';
    case 'employer':
      return "from the employer's email domain";
    case 'nhs':
      return 'NHS email';
    case 'other':
      return domain ? `email at ${domain}` : null;
    default:
      return null;
  }
}

export interface ConfirmationFacts {
  /** The referee's name; printed only when the clinician chooses. */
  name: string | null;
  role: string;
  organisation: string | null;
  at: Date;
  emailKind: RefereeEmailKind | null;
  emailDomain: string | null;
}

/** "Confirmed by Matron, Critical Care, Severnside NHS Foundation Trust on 3 May 2026 (personal email)". */
export function confirmedMark(c: ConfirmationFacts, options: { showName: boolean; timeZone: string }): EvidenceMark {
  const who = [options.showName ? c.name : null, c.role, c.organisation].filter(Boolean).join(', ');
  const note = emailNote(c.emailKind, c.emailDomain);
  return { level: 'verifier-confirmed', text: `Confirmed by ${who} on ${longDate(c.at, options.timeZone)}${note ? ` (${note})` : ''}` };
}

/** "Approved by shift supervisor: 12 shifts, 3 March 2026 to 14 September 2026". */
export function approvedShiftsMark(s: { shifts: number; first: Date; last: Date }, timeZone: string): EvidenceMark {
  const first = longDate(s.first, timeZone);
  const last = longDate(s.last, timeZone);
  const when = first === last ? `on ${first}` : `${first} to ${last}`;
  return { level: 'supervisor-approved', text: `Approved by shift supervisor: ${s.shifts} ${s.shifts === 1 ? 'shift' : 'shifts'}, ${when}` };
}

const STRENGTH: Record<MarkLevel, number> = { 'self-declared': 0, 'document-backed': 1, 'supervisor-approved': 2, 'verifier-confirmed': 2 };

/** An item resting on several records is only as well evidenced as the weakest of them. */
export function weakestMark(marks: EvidenceMark[]): EvidenceMark {
  if (!marks.length) return SELF_DECLARED;
  return marks.reduce((weakest, m) => (STRENGTH[m.level] < STRENGTH[weakest.level] ? m : weakest));
}

/** The legend printed with the marks: only the kinds that appear, and what no mark means. */
export function evidenceLegend(levels: Iterable<MarkLevel>): string[] {
  const present = new Set(levels);
  const lines: string[] = [];
  if (present.has('verifier-confirmed')) lines.push('"Confirmed by": a referee confirmed the entry through their own single-use Medfolio link, giving their role and organisation and a declaration.');
  if (present.has('supervisor-approved')) lines.push('"Approved by shift supervisor": each shift was approved by its supervisor through a Medfolio link.');
  if (present.has('document-backed')) lines.push('"Document on file": Medfolio holds a supporting document (for example a certificate) uploaded by the clinician.');
  lines.push("Entries without a mark are the clinician's own statement.");
  return lines;
}
