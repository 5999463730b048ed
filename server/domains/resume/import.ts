import { createHash } from 'node:crypto';
import { validationError, type FieldIssue } from '../../platform/errors.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { recordAudit } from '../audit/service.ts';
import { endOfMonth } from '../record/dates.ts';
import { REGISTRATION_BODIES } from '../record/identifiers.ts';
import type { AnyRecordKind, KindContext, ResumeReader } from '../record/kind.ts';
import { dbsKind, educationKind, postKind, RECORD_KINDS, registrationKind, trainingKind } from '../record/kinds.ts';
import { RECORD_KIND_NAMES } from '../record/schema.ts';
import { findRecordIdByImportKey, findUserTimeZone } from '../record/repo.ts';
import { loadKindContext, saveNewRecord, type Meta, type RecordDeps } from '../record/service.ts';
import { importTimecard } from '../timecards/service.ts';
import { findByImportKey as findTimecardByImportKey } from '../timecards/repo.ts';
import { findUserById } from '../accounts/repo.ts';
import { findNotImportedFields, sectionIn } from './coverage.ts';
import * as repo from './repo.ts';
import { KEPT_SECTIONS, type ImportReport, type JsonResume } from './schema.ts';
import { ZLocumProfileInput, type LocumProfile, type LocumProfileInput } from '../profile/schema.ts';
import { findLocumProfile, saveLocumProfile } from '../profile/repo.ts';
import { locumProfileIssues } from '../profile/service.ts';

/**
 * Imports a JSON Resume (with or without the clinical extension) into a clinician's record.
 * Idempotent: each item gets a key from what identifies it (employer, title and start for a
 * post, body and number for a registration...), so importing the same file again updates the
 * same rows. All or nothing: invalid values fail the whole import with every field named;
 * items missing something Medfolio needs but JSON Resume makes optional are skipped and listed.
 */

interface PlannedItem {
  kind: AnyRecordKind;
  counter: keyof ImportReport['created'];
  path: string;
  input: Record<string, unknown>;
  importKey: string;
  /** Our field name -> the file's, for error paths. */
  fieldMap?: Record<string, string>;
}

const key = (...parts: Array<string | null | undefined>) =>
  createHash('sha256')
    .update(parts.map((p) => (p ?? '').trim().toLowerCase()).join('\u0000'))
    .digest('hex')
    .slice(0, 32);

/** A blank string in a file means "not given" (JSON Resume has no nulls); the record wants null. */
const given = (value: string | undefined): string | null => (value?.trim() ? value : null);
const givenList = (values: string[] | undefined): string[] => (values ?? []).filter((v) => v.trim());

/** JSON Resume dates may be YYYY or YYYY-MM; a start becomes the first day, an end the last. */
function completeDate(value: string | undefined, end: boolean, path: string, warnings: string[]): string | null {
  if (!value) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  warnings.push(`${path}: "${value}" read as ${end ? 'the end' : 'the start'} of that ${value.length === 4 ? 'year' : 'month'}`);
  if (value.length === 4) return end ? `${value}-12-31` : `${value}-01-01`;
  return end ? endOfMonth(`${value}-01`) : `${value}-01`;
}

const CONTRACTS = ['substantive', 'bank', 'agency', 'locum', 'fixed-term', 'honorary', 'other'];
function contractOf(w: { contract?: string | undefined; name?: string | undefined; position?: string | undefined }) {
  const given = w.contract?.toLowerCase();
  if (given && CONTRACTS.includes(given)) return given;
  const text = `${w.name ?? ''} ${w.position ?? ''}`.toLowerCase();
  if (/\blocum\b/.test(text)) return 'locum';
  if (/\bbank\b/.test(text)) return 'bank';
  if (/\bagency\b/.test(text)) return 'agency';
  return 'other';
}

const DBS_LEVELS: Record<string, string> = {
  basic: 'basic',
  standard: 'standard',
  enhanced: 'enhanced',
  'enhanced-barred': 'enhanced-barred',
  'enhanced with barred lists': 'enhanced-barred',
  'enhanced-with-barred-lists': 'enhanced-barred',
};

export function planImport(resume: JsonResume, ctx: KindContext) {
  const items: PlannedItem[] = [];
  const skipped: ImportReport['skipped'] = [];
  const warnings: string[] = [];

  resume.work?.forEach((w, i) => {
    const path = `work.${i}`;
    if (!given(w.name) || !given(w.position) || !w.startDate) {
      skipped.push({ path, reason: `a post needs an employer (name), a position and a startDate` });
      return;
    }
    items.push({
      kind: postKind,
      counter: 'posts',
      path,
      importKey: key('work', w.name, w.position, completeDate(w.startDate, false, path, [])),
      fieldMap: { employer: 'name', title: 'position', achievements: 'highlights' },
      input: {
        employer: w.name,
        title: w.position,
        grade: given(w.grade),
        specialty: given(w.specialty),
        contract: contractOf(w),
        startDate: completeDate(w.startDate, false, `${path}.startDate`, warnings),
        endDate: completeDate(w.endDate, true, `${path}.endDate`, warnings),
        site: given(w.site),
        location: given(w.location),
        url: given(w.url),
        employerOdsCode: given(w.employerOdsCode),
        wte: w.wte ?? null,
        supervisor: given(w.supervisor),
        summary: given(w.summary),
        description: given(w.description),
        achievements: givenList(w.highlights),
      },
    });
  });

  resume.education?.forEach((e, i) => {
    const path = `education.${i}`;
    if (!given(e.institution)) {
      skipped.push({ path, reason: 'a qualification needs an institution' });
      return;
    }
    items.push({
      kind: educationKind,
      counter: 'education',
      path,
      importKey: key('education', e.institution, e.studyType, e.area, e.startDate, e.endDate),
      input: {
        institution: e.institution,
        studyType: given(e.studyType),
        area: given(e.area),
        startDate: completeDate(e.startDate, false, `${path}.startDate`, warnings),
        endDate: completeDate(e.endDate, true, `${path}.endDate`, warnings),
        score: given(e.score),
        url: given(e.url),
        courses: givenList(e.courses),
      },
    });
  });

  resume.certificates?.forEach((c, i) => {
    const path = `certificates.${i}`;
    if (!given(c.name) || !c.date) {
      skipped.push({ path, reason: 'training needs a name and the date it was completed' });
      return;
    }
    items.push({
      kind: trainingKind,
      counter: 'training',
      path,
      importKey: key('certificate', c.name, c.date),
      fieldMap: { provider: 'issuer', completedOn: 'date', expiresOn: 'expiryDate' },
      input: {
        name: c.name,
        provider: given(c.issuer),
        completedOn: completeDate(c.date, false, `${path}.date`, warnings),
        expiresOn: completeDate(c.expiryDate, true, `${path}.expiryDate`, warnings),
        url: given(c.url),
      },
    });
  });

  resume.clinical?.registrations?.forEach((r, i) => {
    const path = `clinical.registrations.${i}`;
    const body = REGISTRATION_BODIES.find((b) => b.toLowerCase() === r.body.trim().toLowerCase()) ?? r.body;
    items.push({
      kind: registrationKind,
      counter: 'registrations',
      path,
      importKey: key('registration', body, r.number.replace(/[\s-]/g, '')),
      input: {
        body,
        number: r.number,
        jurisdiction: given(r.jurisdiction),
        status: given(r.status),
        conditions: given(r.conditions),
        renewalDate: completeDate(r.renewalDate, true, `${path}.renewalDate`, warnings),
        revalidationDate: completeDate(r.revalidationDate, true, `${path}.revalidationDate`, warnings),
      },
    });
  });

  resume.clinical?.dbs?.forEach((d, i) => {
    const path = `clinical.dbs.${i}`;
    items.push({
      kind: dbsKind,
      counter: 'dbs',
      path,
      importKey: key('dbs', d.certificateNumber),
      input: {
        level: DBS_LEVELS[d.level.trim().toLowerCase()] ?? d.level,
        workforce: d.workforce.trim().toLowerCase(),
        certificateNumber: d.certificateNumber.trim(),
        issueDate: completeDate(d.issueDate, false, `${path}.issueDate`, warnings),
        updateService: d.updateService ?? false,
        updateServiceRenewalDate: completeDate(d.updateServiceRenewalDate, true, `${path}.updateServiceRenewalDate`, warnings),
      },
    });
  });

  // The kinds that map their own JSON Resume section.
  const read = (path: string): ResumeReader => ({
    text: (v) => (typeof v === 'string' ? given(v) : null),
    list: (v) => (Array.isArray(v) ? givenList(v.filter((x): x is string => typeof x === 'string')) : []),
    date: (v, field, end = false) => (typeof v === 'string' && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(v) ? completeDate(v, end, `${path}.${field}`, warnings) : typeof v === 'string' && v.trim() ? v : null),
  });
  for (const kind of RECORD_KINDS) {
    const mapping = kind.resume;
    if (!mapping) continue;
    const section = sectionIn(resume, mapping.section);
    (Array.isArray(section) ? section : []).forEach((entry, i) => {
      const path = `${mapping.section}.${i}`;
      if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
        skipped.push({ path, reason: 'is not an item with fields' });
        return;
      }
      const planned = mapping.fromResume(entry as Record<string, unknown>, read(path));
      if ('skip' in planned) {
        skipped.push({ path, reason: planned.skip });
        return;
      }
      items.push({ kind, counter: kind.path, path, importKey: key(...planned.identity), input: planned.input, ...(planned.fieldMap ? { fieldMap: planned.fieldMap } : {}) });
    });
  }

  const issues: FieldIssue[] = [];
  for (const item of items) {
    const fileField = (field: string) => item.fieldMap?.[field] ?? field;
    const parsed = item.kind.input.safeParse(item.input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) issues.push({ path: `body.${item.path}.${[fileField(String(issue.path[0])), ...issue.path.slice(1).map(String)].join('.')}`, message: issue.message });
      continue;
    }
    item.input = parsed.data;
    for (const issue of item.kind.check(parsed.data, ctx)) {
      const field = issue.path.replace(/^body\./, '');
      issues.push({ path: `body.${item.path}.${fileField(field)}`, message: issue.message });
    }
  }
  return { items, skipped, warnings, issues };
}

/** The file's locum profile (specialties and availability), checked by the profile's own rules, or the issues that refuse it. */
function planLocumProfile(resume: JsonResume, today: string): { input: LocumProfileInput | null; issues: FieldIssue[] } {
  const given = resume.clinical?.locumProfile;
  if (!given) return { input: null, issues: [] };
  const at = 'body.clinical.locumProfile';
  const parsed = ZLocumProfileInput.safeParse(given);
  if (!parsed.success) return { input: null, issues: parsed.error.issues.map((i) => ({ path: [at, ...i.path.map(String)].join('.'), message: i.message })) };
  return { input: parsed.data, issues: locumProfileIssues(parsed.data, today, at) };
}

const zeroCounts = () => ({ ...Object.fromEntries(RECORD_KIND_NAMES.map((k) => [k.path, 0])), timecards: 0 }) as ImportReport['created'];

export async function importJsonResume(deps: RecordDeps, user: { id: string; name: string }, resume: JsonResume, meta: Meta): Promise<ImportReport> {
  const ctx = await loadKindContext(deps.db, user.id, meta.now);
  const plan = planImport(resume, ctx);
  const timeZone = await findUserTimeZone(deps.db, user.id);
  const timecards = (resume.clinical?.timecards ?? []).map((t, i) => ({ t, i, start: new Date(t.start), end: new Date(t.end) }));
  for (const { t, i, start, end } of timecards) {
    if (end <= start) plan.issues.push({ path: `body.clinical.timecards.${i}.end`, message: 'must be after the start' });
    if (!t.role) plan.skipped.push({ path: `clinical.timecards.${i}`, reason: 'a shift needs a role' });
  }
  const locum = planLocumProfile(resume, ctx.today);
  plan.issues.push(...locum.issues);
  if (plan.issues.length) throw validationError(plan.issues, 'Some items in the file are not valid: nothing was imported');

  const account = await findUserById(deps.db, user.id);
  const notImported = findNotImportedFields(resume, { email: account?.email ?? '' }, new Set(plan.skipped.map((s) => s.path)));
  const report: ImportReport = { created: zeroCounts(), updated: zeroCounts(), skipped: plan.skipped, notImported, warnings: plan.warnings };
  if (resume.basics?.name && resume.basics.name.trim() !== user.name) {
    report.warnings.push(`basics.name "${resume.basics.name}" differs from your account name; your account name is kept`);
  }
  await inTransaction(deps.db, async (trx) => {
    for (const item of plan.items) {
      const existed = await findRecordIdByImportKey(trx, item.kind.table, user.id, item.importKey);
      await saveNewRecord(trx, deps, item.kind, user.id, item.input, ctx, meta, item.importKey);
      (existed ? report.updated : report.created)[item.counter]++;
    }
    let claimedDecisions = 0;
    for (const { t, start, end } of timecards) {
      if (!t.role) continue;
      const importKey = key('timecard', start.toISOString(), t.employer);
      const existed = await findTimecardByImportKey(trx, user.id, importKey);
      // The file's status is a claim: the shift arrives open, whatever it says (docs/ARCHITECTURE.md, Evidence).
      if (!existed && t.status && t.status !== 'open') claimedDecisions++;
      await importTimecard(trx, user.id, { employer: t.employer, site: t.site ?? null, role: t.role, start, end, breakMinutes: t.breakMinutes ?? 0, timeZone }, importKey, meta);
      (existed ? report.updated : report.created).timecards++;
    }
    if (claimedDecisions) {
      report.warnings.push(
        `${claimedDecisions} ${claimedDecisions === 1 ? 'shift was' : 'shifts were'} marked as submitted, approved or rejected in the file. Imported shifts start as not yet submitted: submit each to its supervisor in Medfolio to have it approved.`,
      );
    }
    // A file updates the profile fields it gives and keeps the rest: a CV's accepted items (no
    // basics, no skills) must not wipe the profile an earlier import or the clinician wrote.
    const basics = resume.basics ?? {};
    const existing = await repo.findProfile(trx, user.id);
    const keep = <T>(fromFile: T | null | undefined, current: T | null | undefined) => fromFile ?? current ?? null;
    await repo.upsertProfile(
      trx,
      user.id,
      {
        label: keep(given(basics.label), existing?.label),
        phone: keep(given(basics.phone), existing?.phone),
        summary: keep(given(basics.summary), existing?.summary),
        url: keep(given(basics.url), existing?.url),
        location: (basics.location ?? existing?.location ?? {}) as Record<string, string>,
        links: (basics.profiles ?? existing?.links ?? []) as Array<Record<string, string>>,
        extraSections: {
          ...((existing?.extra_sections ?? {}) as Record<string, unknown>),
          ...Object.fromEntries(KEPT_SECTIONS.filter((s) => resume[s] !== undefined).map((s) => [s, resume[s]])),
        },
      },
      meta.now,
    );
    // The same rule for the locum profile: each field the file gives replaces ours, the rest stay.
    if (locum.input) {
      const current = await findLocumProfile(trx, user.id);
      const fromFile = Object.fromEntries(Object.entries(locum.input).filter(([, v]) => v !== undefined)) as Partial<LocumProfile>;
      await saveLocumProfile(trx, user.id, { ...current, ...fromFile }, meta.now);
    }
    await recordAudit(trx, {
      chainId: user.id,
      actor: { type: 'user', id: user.id },
      action: 'record.imported',
      subject: { type: 'user', id: user.id },
      details: { format: 'json-resume', created: report.created, updated: report.updated, skipped: report.skipped.length },
      requestId: meta.requestId,
      now: meta.now,
    });
  });
  return report;
}
