import { RECORD_KINDS } from '../domains/record/kinds.ts';
import { redact, Pseudonymiser } from './redaction/index.ts';
import { PROFILE_REF, shiftsRef, type AiRecord } from './record-view.ts';
import type { AssessedRequirement } from './jd-analysis/schema.ts';

/**
 * The minimum necessary context for the model (docs/ARCHITECTURE.md, Minimum context): the record's facts with
 * their refs, and no direct identifiers. The clinician's name, contact details and
 * registration numbers are left out (numbers become placeholders filled at render time); free
 * text is redacted, with people's names pseudonymised consistently across the request.
 */
/** Redacts free text from this record, the names it knows (the clinician, supervisors, referees) pseudonymised. */
export function recordRedactor(record: AiRecord, pseudonymiser: Pseudonymiser) {
  // Referees never reach a model, nor do their names written anywhere else in the record.
  const knownNames = [record.name, ...record.posts.map((p) => p.supervisor).filter((s): s is string => Boolean(s)), ...record.items.referee.map((r) => r.name)];
  return (text: string | null) => (text ? redact(text, { knownNames, pseudonymiser }).text : null);
}

export function pseudonymisedRecord(record: AiRecord, pseudonymiser = new Pseudonymiser()) {
  const clean = recordRedactor(record, pseudonymiser);
  return {
    profile: { ref: PROFILE_REF, label: record.profile.label, summary: clean(record.profile.summary) },
    // Each kind says what of its items a model may see; a kind without a view never reaches one.
    ...Object.fromEntries(
      RECORD_KINDS.flatMap((kind) => (kind.aiContext ? [[kind.path, record.items[kind.type].map((item) => ({ ref: { type: kind.type, id: item.id }, ...kind.aiContext!(item, clean) }))]] : [])),
    ),
    shifts: record.shifts.rows.map((s) => ({
      ref: { type: 'shifts', id: shiftsRef(s.employer, s.role) },
      role: s.role,
      employer: s.employer,
      approvedShifts: s.shifts,
      hours: s.hours,
      firstShift: s.firstShift.slice(0, 10),
      lastShift: s.lastShift.slice(0, 10),
    })),
    extras: record.extras.map((x) => ({ ref: { type: 'extra', id: x.id }, section: x.section, text: clean(x.text) })),
  };
}

export const assessmentForPrompt = (assessed: AssessedRequirement[], clean: (text: string | null) => string | null) =>
  // Evidence by reference only: the labels repeat record text the context already carries, pseudonymised.
  // A note quotes the record's own words, so it is redacted like them.
  assessed.map((r) => ({ requirement: r.text, importance: r.importance, status: r.status, evidence: r.evidence.map(({ type, id }) => ({ type, id })), note: clean(r.note) }));
