import type { DbOrTx } from '../platform/db/transaction.ts';
import { findUserById } from '../domains/accounts/repo.ts';
import { findProfile } from '../domains/resume/repo.ts';
import { refereeKind, registrationKind } from '../domains/record/kinds.ts';
import type { RefereeFields } from '../domains/record/schema.ts';
import { SECTION_TITLES } from '../ai/grounding.ts';
import { RECORD_KIND_TYPES, type RecordKindType } from '../domains/record/schema.ts';
import { findRecords } from '../domains/record/repo.ts';
import { findEvidence, type Evidence } from '../domains/record/evidence.ts';
import { approvedShiftsMark, confirmedMark, DOCUMENT_ON_FILE, SELF_DECLARED, weakestMark, type EvidenceMark } from '../domains/record/evidence-words.ts';
import { rollup } from '../domains/timecards/service.ts';
import { shiftsRef } from '../ai/record-view.ts';
import { RECORD_MADE_SECTIONS, type Draft } from '../ai/cv-draft/schema.ts';
import { findLocumProfile } from '../domains/profile/repo.ts';
import { todayIn } from '../domains/record/dates.ts';
import { availabilitySection } from './availability.ts';
import type { EvidenceRef } from '../ai/jd-analysis/schema.ts';
import type { RegistrationBody } from '../domains/record/identifiers.ts';
import type { JobAnalysis } from '../ai/jd-analysis/schema.ts';
import { fillPlaceholders, type CvSnapshot } from './snapshot.ts';
import { chooseLayout, type TemplateChoice } from './layouts.ts';
import { fitToLayout } from './fit.ts';

/**
 * Each cited record's evidence as a mark. A post confirmed by a referee says who confirmed it
 * (their name only if the clinician chose); a record with a linked document says so; a roll-up
 * of approved shifts gives their count and dates; anything else is the clinician's word.
 */
async function evidenceMarks(db: DbOrTx, userId: string, options: { showRefereeNames: boolean; timeZone: string; now: Date }) {
  const [byType, shifts] = await Promise.all([
    Promise.all(RECORD_KIND_TYPES.map(async (type) => [type, await findEvidence(db, userId, type)] as const)).then((pairs) => new Map(pairs)),
    rollup({ db }, userId, options.now),
  ]);
  const shiftRows = new Map(shifts.rows.map((r) => [shiftsRef(r.employer, r.role), r]));
  const markOf = (evidence: Evidence): EvidenceMark => {
    if (evidence.confirmation) return confirmedMark(evidence.confirmation, { showName: options.showRefereeNames, timeZone: options.timeZone });
    return evidence.level === 'document-backed' ? DOCUMENT_ON_FILE : SELF_DECLARED;
  };
  return (cites: EvidenceRef[]): EvidenceMark =>
    weakestMark(
      cites.map((cite) => {
        if (cite.type === 'shifts') {
          const row = shiftRows.get(cite.id);
          return row ? approvedShiftsMark({ shifts: row.shifts, first: new Date(row.firstShift), last: new Date(row.lastShift) }, options.timeZone) : SELF_DECLARED;
        }
        const evidence = byType.get(cite.type as RecordKindType);
        return evidence ? markOf(evidence(cite.id)) : SELF_DECLARED;
      }),
    );
}

/**
 * The referees section, made from the record after the draft was checked (no model ever sees a
 * referee). Names, positions and organisations print only for the referees the clinician chose
 * to show; contact details never print; the rest are "available on request".
 */
export function refereesSection(referees: Array<RefereeFields & { id: string }>): Draft['sections'][number] | null {
  if (!referees.length) return null;
  const shown = referees.filter((r) => r.showOnCv);
  const held = referees.filter((r) => !r.showOnCv);
  const items = shown.map((r) => ({
    title: r.name,
    subtitle: [r.position, r.organisation].filter(Boolean).join(', ') || null,
    dates: null,
    bullets: r.relationship ? [r.relationship] : [],
    cites: [{ type: 'referee', id: r.id }],
  }));
  if (held.length)
    items.push({
      title: shown.length ? 'Further referees available on request' : 'Available on request',
      subtitle: null,
      dates: null,
      bullets: [],
      cites: held.map((r) => ({ type: 'referee', id: r.id })),
    });
  return { kind: 'referees', title: SECTION_TITLES.referees, items };
}

/**
 * Freezes a checked draft into the snapshot that is rendered and shared, laid out for its template
 * (chosen from the record's registrations and the advert unless asked for): the clinician's name
 * and contact details come from their account and profile (never from the model), registration
 * numbers replace their placeholders, and each item carries its evidence as it stands now.
 */
export async function buildSnapshot(
  db: DbOrTx,
  userId: string,
  cv: { template: TemplateChoice; draft: Draft; jobTitle: string | null; analysis?: Pick<JobAnalysis, 'country' | 'requirements'> | null; showRefereeNames?: boolean; squeeze?: number },
  now: Date = new Date(),
): Promise<CvSnapshot> {
  const [user, profile, locumProfile, registrations, refereeRows] = await Promise.all([
    findUserById(db, userId),
    findProfile(db, userId),
    findLocumProfile(db, userId),
    findRecords(db, registrationKind.table, userId),
    findRecords(db, refereeKind.table, userId),
  ]);
  const referees = refereesSection(refereeRows.map((r) => ({ ...refereeKind.fromRow(r), id: r.id as string })));
  const regs = registrations.map((r) => registrationKind.fromRow(r) as { body: RegistrationBody; number: string }).map((r, i) => ({ ...r, id: registrations[i]!.id as string }));
  const location = profile?.location ?? {};
  const place = [location.city, location.region].filter(Boolean).join(', ');
  const showRefereeNames = cv.showRefereeNames ?? false;
  const markFor = await evidenceMarks(db, userId, { showRefereeNames, timeZone: user?.time_zone ?? 'Europe/London', now });
  const layout = chooseLayout(
    cv.template,
    regs.map((r) => r.body),
    cv.analysis ?? null,
  );
  const drafted = fillPlaceholders(cv.draft, new Map(regs.map((r) => [r.id, r.number]))).sections.filter((s) => !RECORD_MADE_SECTIONS.includes(s.kind));
  // Made from the record here, after the check; a layout without them in its order leaves them out.
  const availability = availabilitySection(locumProfile, todayIn(user?.time_zone ?? 'Europe/London', now));
  const fromRecord = [referees, availability].filter((s): s is NonNullable<typeof s> => Boolean(s));
  const sections = fitToLayout([...drafted, ...fromRecord], layout, cv.squeeze);
  return {
    template: layout.id,
    format: layout.format,
    name: user?.name ?? '',
    label: profile?.label ?? null,
    contact: [user?.email, profile?.phone, place].filter((c): c is string => Boolean(c)),
    sections: sections.map((s) => ({
      ...s,
      items: s.items.map((i) => ({ ...i, evidence: s.kind === 'profile' ? SELF_DECLARED : markFor(i.cites) })),
    })),
    jobTitle: cv.jobTitle,
    showRefereeNames,
  };
}
