import type { DbOrTx } from '../../platform/db/transaction.ts';
import { AppError } from '../../platform/errors.ts';
import { formatWithOffset } from '../../platform/time.ts';
import { findUserById } from '../accounts/repo.ts';
import { dbsKind, educationKind, postKind, RECORD_KINDS, registrationKind, trainingKind } from '../record/kinds.ts';
import { findRecords } from '../record/repo.ts';
import { findTimecards } from '../timecards/repo.ts';
import * as repo from './repo.ts';
import { KEPT_SECTIONS } from './schema.ts';
import { findLocumProfile } from '../profile/repo.ts';

/** JSON Resume has no nulls: a missing value is an absent property. */
function compact<T extends Record<string, unknown>>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0))) as Partial<T>;
}

const byDateDesc =
  <T>(date: (x: T) => string | null) =>
  (a: T, b: T) =>
    (date(b) ?? '').localeCompare(date(a) ?? '');

/**
 * The clinician's whole record as JSON Resume 1.x: standard sections any JSON Resume tool
 * reads, clinical fields riding along on work items, and registrations, DBS checks and time
 * cards under `clinical` (docs/ARCHITECTURE.md, Evidence).
 */
export async function exportJsonResume(db: DbOrTx, userId: string, now: Date) {
  const user = await findUserById(db, userId);
  if (!user) throw new AppError('NOT_FOUND', 'Account not found');
  const [profile, locumProfile, posts, education, training, registrations, dbs, timecards, kindSections] = await Promise.all([
    repo.findProfile(db, userId),
    findLocumProfile(db, userId),
    findRecords(db, postKind.table, userId),
    findRecords(db, educationKind.table, userId),
    findRecords(db, trainingKind.table, userId),
    findRecords(db, registrationKind.table, userId),
    findRecords(db, dbsKind.table, userId),
    findTimecards(db, userId),
    // The kinds that map their own section (projects, publications, awards, references).
    Promise.all(
      RECORD_KINDS.flatMap((kind) => {
        const mapping = kind.resume;
        if (!mapping) return [];
        return [
          findRecords(db, kind.table, userId).then((rows) => {
            const items = rows.map((r) => kind.fromRow(r)).sort((a, b) => mapping.sortKey(a).localeCompare(mapping.sortKey(b)));
            return [mapping.section, items.map((f) => compact(mapping.toResume(f)))] as const;
          }),
        ];
      }),
    ),
  ]);
  const extra = (profile?.extra_sections ?? {}) as Record<string, unknown>;
  return {
    $schema: 'https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json',
    basics: compact({
      name: user.name,
      label: profile?.label,
      email: user.email,
      phone: profile?.phone,
      url: profile?.url,
      summary: profile?.summary,
      location: profile && Object.keys(profile.location).length ? profile.location : undefined,
      profiles: profile?.links,
    }),
    work: posts
      .map((r) => postKind.fromRow(r))
      .sort(byDateDesc((p) => p.startDate))
      .map((p) =>
        compact({
          name: p.employer,
          position: p.title,
          startDate: p.startDate,
          endDate: p.endDate,
          location: p.location,
          description: p.description,
          url: p.url,
          summary: p.summary,
          highlights: p.achievements,
          grade: p.grade,
          specialty: p.specialty,
          contract: p.contract,
          site: p.site,
          employerOdsCode: p.employerOdsCode,
          wte: p.wte,
          supervisor: p.supervisor,
        }),
      ),
    education: education
      .map((r) => educationKind.fromRow(r))
      .sort(byDateDesc((e) => e.endDate ?? e.startDate))
      .map((e) => compact({ institution: e.institution, url: e.url, studyType: e.studyType, area: e.area, startDate: e.startDate, endDate: e.endDate, score: e.score, courses: e.courses })),
    certificates: training
      .map((r) => trainingKind.fromRow(r))
      .sort(byDateDesc((t) => t.completedOn))
      .map((t) => compact({ name: t.name, date: t.completedOn, issuer: t.provider, url: t.url, expiryDate: t.expiresOn })),
    ...Object.fromEntries(kindSections.filter(([section, items]) => items.length && !section.startsWith('clinical.'))),
    ...Object.fromEntries(KEPT_SECTIONS.filter((s) => extra[s] !== undefined).map((s) => [s, extra[s]])),
    clinical: compact({
      registrations: registrations.map((r) => registrationKind.fromRow(r)).map((r) => compact({ ...r })),
      ...Object.fromEntries(kindSections.filter(([section, items]) => items.length && section.startsWith('clinical.')).map(([section, items]) => [section.slice('clinical.'.length), items])),
      dbs: dbs.map((r) => dbsKind.fromRow(r)).map((d) => compact({ ...d })),
      // Specialties and availability (domains/profile); absent when the clinician gave none.
      locumProfile: Object.keys(compact(locumProfile)).length ? compact(locumProfile) : undefined,
      timecards: [...timecards]
        .sort((a, b) => a.clock_in.getTime() - b.clock_in.getTime())
        .filter((t) => t.clock_out)
        .map((t) =>
          compact({
            employer: t.employer,
            site: t.site,
            role: t.role,
            start: formatWithOffset(t.clock_in, t.time_zone),
            end: formatWithOffset(t.clock_out!, t.time_zone),
            breakMinutes: t.break_minutes,
            status: t.status,
          }),
        ),
    }),
    meta: { version: 'v1.0.0', lastModified: now.toISOString() },
  };
}
