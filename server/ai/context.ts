import { redact, Pseudonymiser } from './redaction/index.ts';
import { PROFILE_REF, shiftsRef, type AiRecord } from './record-view.ts';
import type { AssessedRequirement } from './jd-analysis/schema.ts';
import { registrationNumberPlaceholder } from './cv-draft/placeholders.ts';

/**
 * The minimum necessary context for the model (docs/ARCHITECTURE.md, Minimum context): the record's facts with
 * their refs, and no direct identifiers. The clinician's name, contact details and
 * registration numbers are left out (numbers become placeholders filled at render time); free
 * text is redacted, with people's names pseudonymised consistently across the request.
 */
export function pseudonymisedRecord(record: AiRecord, pseudonymiser = new Pseudonymiser()) {
  const knownNames = [record.name, ...record.posts.map((p) => p.supervisor).filter((s): s is string => Boolean(s))];
  const clean = (text: string | null) => (text ? redact(text, { knownNames, pseudonymiser }).text : null);
  return {
    profile: { ref: PROFILE_REF, label: record.profile.label, summary: clean(record.profile.summary) },
    registrations: record.registrations.map((r) => ({ ref: { type: 'registration', id: r.id }, body: r.body, status: r.status, numberPlaceholder: registrationNumberPlaceholder(r.id), revalidationDate: r.revalidationDate })),
    posts: record.posts.map((p) => ({
      ref: { type: 'post', id: p.id },
      title: p.title,
      employer: p.employer,
      site: p.site,
      grade: p.grade,
      specialty: p.specialty,
      contract: p.contract,
      startDate: p.startDate,
      endDate: p.endDate,
      summary: clean(p.summary),
      achievements: p.achievements.map((a) => clean(a)),
    })),
    shifts: record.shifts.rows.map((s) => ({ ref: { type: 'shifts', id: shiftsRef(s.employer, s.role) }, role: s.role, employer: s.employer, approvedShifts: s.shifts, hours: s.hours, firstShift: s.firstShift.slice(0, 10), lastShift: s.lastShift.slice(0, 10) })),
    training: record.training.map((t) => ({ ref: { type: 'training', id: t.id }, name: t.name, provider: t.provider, completedOn: t.completedOn, expiresOn: t.expiresOn })),
    education: record.education.map((e) => ({ ref: { type: 'education', id: e.id }, institution: e.institution, studyType: e.studyType, area: e.area, startDate: e.startDate, endDate: e.endDate })),
    extras: record.extras.map((x) => ({ ref: { type: 'extra', id: x.id }, section: x.section, text: clean(x.text) })),
  };
}

export const assessmentForPrompt = (assessed: AssessedRequirement[]) =>
  // Evidence by reference only: the labels repeat record text the context already carries, pseudonymised.
  assessed.map((r) => ({ requirement: r.text, importance: r.importance, status: r.status, evidence: r.evidence.map(({ type, id }) => ({ type, id })), note: r.note }));
