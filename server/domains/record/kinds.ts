import type { FieldIssue } from '../../platform/errors.ts';
import { computeExpiry, matchCatalogue } from './catalogue.ts';
import { addDays, FAR_FUTURE_YEARS } from './dates.ts';
import { fieldLabel } from '../../platform/words/field-labels.ts';
import { dbsCheckWords, registrationBodyWords } from '../../platform/words/enum-words.ts';
import { dbsCertificateProblem, normaliseRegistrationNumber, registrationNumberProblem } from './identifiers.ts';
import { defineKind, type AnyRecordKind, type KindContext, type RecordKind } from './kind.ts';
import { REGULATORS } from './regulators.ts';
import {
  kindName,
  RECORD_KIND_NAMES,
  type RecordKindType,
  ZDbsFields,
  ZDbsInput,
  ZEducationFields,
  ZEducationInput,
  ZPostFields,
  ZPostInput,
  ZRegistrationFields,
  ZRegistrationInput,
  ZTrainingFields,
  ZTrainingInput,
} from './schema.ts';

/** The rules shared by every dated record: order, and no far-future typing mistakes. */
function dateIssues(ctx: KindContext, dates: Array<{ path: string; value: string | null | undefined; notAfterToday?: boolean }>, order?: [string, string]) {
  const issues: FieldIssue[] = [];
  const farFuture = addDays(ctx.today, FAR_FUTURE_YEARS * 365);
  for (const { path, value, notAfterToday } of dates) {
    if (!value) continue;
    if (notAfterToday && value > ctx.today) issues.push({ path, message: 'cannot be in the future' });
    else if (value > farFuture) issues.push({ path, message: `is more than ${FAR_FUTURE_YEARS} years ahead` });
  }
  if (order) {
    const [fromPath, toPath] = order;
    const from = dates.find((d) => d.path === fromPath)?.value;
    const to = dates.find((d) => d.path === toPath)?.value;
    if (from && to && to < from) issues.push({ path: toPath, message: `must not be before the ${fieldLabel(fromPath).toLowerCase()}` });
  }
  return issues;
}

/** A start and end date: in order, and neither a far-future typo. */
const spanIssues = (ctx: KindContext, start: string | null | undefined, end: string | null | undefined) =>
  dateIssues(
    ctx,
    [
      { path: 'body.startDate', value: start },
      { path: 'body.endDate', value: end },
    ],
    ['body.startDate', 'body.endDate'],
  );

const nullable = <T>(value: T | null | undefined): T | null => value ?? null;
const joinNonEmpty = (parts: Array<string | null | undefined>, sep: string) => parts.filter(Boolean).join(sep);

export const postKind = defineKind({
  ...kindName('post'),
  input: ZPostInput,
  fields: ZPostFields,
  // A post may be accepted ahead of starting, but not years ahead.
  check: (input, ctx) => spanIssues(ctx, input.startDate, input.endDate).concat(input.startDate > addDays(ctx.today, 366) ? [{ path: 'body.startDate', message: 'is more than a year ahead' }] : []),
  toColumns: (input) => ({
    employer: input.employer,
    employer_ods_code: nullable(input.employerOdsCode),
    site: nullable(input.site),
    title: input.title,
    grade: nullable(input.grade),
    specialty: nullable(input.specialty),
    contract: input.contract,
    start_date: input.startDate,
    end_date: nullable(input.endDate),
    wte: nullable(input.wte),
    supervisor: nullable(input.supervisor),
    summary: nullable(input.summary),
    description: nullable(input.description),
    location: nullable(input.location),
    url: nullable(input.url),
    achievements: JSON.stringify(input.achievements ?? []),
  }),
  fromRow: (row) => ({
    employer: row.employer as string,
    employerOdsCode: row.employer_ods_code as string | null,
    site: row.site as string | null,
    title: row.title as string,
    grade: row.grade as string | null,
    specialty: row.specialty as string | null,
    contract: row.contract as 'substantive',
    startDate: row.start_date as string,
    endDate: row.end_date as string | null,
    wte: row.wte === null ? null : Number(row.wte),
    supervisor: row.supervisor as string | null,
    summary: row.summary as string | null,
    description: (row.description ?? null) as string | null,
    location: (row.location ?? null) as string | null,
    url: (row.url ?? null) as string | null,
    achievements: row.achievements as string[],
  }),
  toInput: (f) => ({ ...f }),
  embedText: (f) =>
    joinNonEmpty(
      [
        `${f.title}${f.grade ? ` (${f.grade})` : ''}${f.specialty ? `, ${f.specialty}` : ''} at ${f.employer}${f.site ? `, ${f.site}` : ''}`,
        `${f.contract} post from ${f.startDate} to ${f.endDate ?? 'present'}`,
        f.summary,
        ...f.achievements,
      ],
      '. ',
    ),
  describe: (f) => joinNonEmpty([f.title, f.employer], ', '),
  facts: (f) => ({ text: [f.title, f.employer, f.site, f.grade, f.specialty, f.contract, f.summary, ...f.achievements], dates: [f.startDate, f.endDate] }),
  aiContext: (p, clean) => ({
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
  }),
});

export const registrationKind = defineKind({
  ...kindName('registration'),
  input: ZRegistrationInput,
  fields: ZRegistrationFields,
  check: (input, ctx) => {
    const issues = dateIssues(ctx, [
      { path: 'body.renewalDate', value: input.renewalDate },
      { path: 'body.revalidationDate', value: input.revalidationDate },
    ]);
    const problem = registrationNumberProblem(input.body, normaliseRegistrationNumber(input.number));
    if (problem) issues.push({ path: 'body.number', message: problem });
    if (input.body === 'US-STATE-BOARD' && !input.jurisdiction) issues.push({ path: 'body.jurisdiction', message: 'is required for a US state board' });
    return issues;
  },
  toColumns: (input) => ({
    body: input.body,
    number: normaliseRegistrationNumber(input.number),
    jurisdiction: nullable(input.jurisdiction),
    status: nullable(input.status),
    conditions: nullable(input.conditions),
    renewal_date: nullable(input.renewalDate),
    revalidation_date: nullable(input.revalidationDate),
  }),
  fromRow: (row) => ({
    body: row.body as 'GMC',
    number: row.number as string,
    jurisdiction: row.jurisdiction as string | null,
    status: row.status as string | null,
    conditions: row.conditions as string | null,
    renewalDate: row.renewal_date as string | null,
    revalidationDate: row.revalidation_date as string | null,
  }),
  toInput: (f) => ({ ...f }),
  // The number itself is an identifier and stays out of anything sent to a model.
  embedText: (f) => joinNonEmpty([`${f.body} registration`, f.status, f.conditions ? `Conditions: ${f.conditions}` : null], '. '),
  describe: (f) => `${registrationBodyWords(f.body)} registration`,
  // A regulator's full name is a fact of any registration with that body.
  facts: (f) => ({ text: [`${f.body} registration`, REGULATORS[f.body].name, REGULATORS[f.body].numberLabel, f.status, f.conditions, f.jurisdiction], dates: [f.renewalDate, f.revalidationDate] }),
  // The number is an identifier: the model gets a placeholder the renderer fills in.
  aiContext: (r) => ({ body: r.body, status: r.status, numberPlaceholder: `[[registration:${r.id}:number]]`, revalidationDate: r.revalidationDate }),
});

export const trainingKind = defineKind({
  ...kindName('training'),
  input: ZTrainingInput,
  fields: ZTrainingFields,
  check: (input, ctx) => {
    const issues = dateIssues(
      ctx,
      [
        { path: 'body.completedOn', value: input.completedOn, notAfterToday: true },
        { path: 'body.expiresOn', value: input.expiresOn },
      ],
      ['body.completedOn', 'body.expiresOn'],
    );
    if (input.catalogueId && !ctx.catalogue.has(input.catalogueId)) issues.push({ path: 'body.catalogueId', message: 'is not in the training catalogue' });
    return issues;
  },
  toColumns: (input, ctx) => {
    const catalogueId = input.catalogueId ?? matchCatalogue(input.name) ?? null;
    const rule = catalogueId ? ctx.catalogue.get(catalogueId) : undefined;
    const expiresOn = input.expiresOn ?? (rule ? computeExpiry(input.completedOn, rule) : null);
    return {
      name: input.name,
      provider: nullable(input.provider),
      completed_on: input.completedOn,
      expires_on: expiresOn,
      expiry_source: input.expiresOn ? 'given' : rule ? 'catalogue' : 'none',
      catalogue_id: catalogueId,
      url: nullable(input.url),
    };
  },
  fromRow: (row) => ({
    name: row.name as string,
    provider: row.provider as string | null,
    completedOn: row.completed_on as string,
    expiresOn: row.expires_on as string | null,
    expirySource: row.expiry_source as 'given',
    catalogueId: row.catalogue_id as string | null,
    url: (row.url ?? null) as string | null,
  }),
  // A computed expiry is recomputed on edit (the completion date may have changed).
  toInput: (f) => ({ name: f.name, provider: f.provider, completedOn: f.completedOn, expiresOn: f.expirySource === 'given' ? f.expiresOn : null, catalogueId: f.catalogueId, url: f.url }),
  embedText: (f) => joinNonEmpty([`${f.name}${f.provider ? ` (${f.provider})` : ''}`, `completed ${f.completedOn}`, f.expiresOn ? `valid until ${f.expiresOn}` : null], ', '),
  describe: (f) => f.name,
  facts: (f) => ({ text: [f.name, f.provider], dates: [f.completedOn, f.expiresOn] }),
  aiContext: (t) => ({ name: t.name, provider: t.provider, completedOn: t.completedOn, expiresOn: t.expiresOn }),
});

export const dbsKind = defineKind({
  ...kindName('dbs'),
  input: ZDbsInput,
  fields: ZDbsFields,
  check: (input, ctx) => {
    const issues = dateIssues(ctx, [
      { path: 'body.issueDate', value: input.issueDate, notAfterToday: true },
      { path: 'body.updateServiceRenewalDate', value: input.updateServiceRenewalDate },
    ]);
    const problem = dbsCertificateProblem(input.certificateNumber);
    if (problem) issues.push({ path: 'body.certificateNumber', message: problem });
    input.statusChecks?.forEach((c, i) => {
      if (c.checkedOn > ctx.today) issues.push({ path: `body.statusChecks.${i}.checkedOn`, message: 'cannot be in the future' });
    });
    return issues;
  },
  toColumns: (input) => ({
    level: input.level,
    workforce: input.workforce,
    certificate_number: input.certificateNumber,
    issue_date: input.issueDate,
    update_service: input.updateService ?? false,
    update_service_renewal_date: nullable(input.updateServiceRenewalDate),
    status_checks: JSON.stringify(input.statusChecks ?? []),
  }),
  fromRow: (row) => ({
    level: row.level as 'enhanced',
    workforce: row.workforce as 'both',
    certificateNumber: row.certificate_number as string,
    issueDate: row.issue_date as string,
    updateService: row.update_service as boolean,
    updateServiceRenewalDate: row.update_service_renewal_date as string | null,
    statusChecks: row.status_checks as Array<{ checkedOn: string; result: 'no-change' }>,
  }),
  toInput: (f) => ({ ...f }),
  embedText: (f) =>
    `${f.level === 'enhanced-barred' ? 'Enhanced DBS check with barred lists' : `${f.level[0]!.toUpperCase()}${f.level.slice(1)} DBS check`} (${f.workforce} workforce), issued ${f.issueDate}${f.updateService ? ', on the DBS Update Service' : ''}`,
  describe: (f) => dbsCheckWords(f.level),
  facts: (f) => ({
    text: [f.level === 'enhanced-barred' ? 'Enhanced DBS check with barred lists' : `${f.level} DBS check`, `${f.workforce === 'both' ? 'adult and child' : f.workforce} workforce`, f.updateService ? 'Subscribed to the DBS Update Service' : null],
    dates: [f.issueDate, f.updateServiceRenewalDate],
  }),
  // The product words the DBS line itself (statement.ts, the offline composer); the model is not given the check.
  aiContext: null,
});

export const educationKind = defineKind({
  ...kindName('education'),
  input: ZEducationInput,
  fields: ZEducationFields,
  check: (input, ctx) => spanIssues(ctx, input.startDate, input.endDate),
  toColumns: (input) => ({
    institution: input.institution,
    study_type: nullable(input.studyType),
    area: nullable(input.area),
    start_date: nullable(input.startDate),
    end_date: nullable(input.endDate),
    score: nullable(input.score),
    url: nullable(input.url),
    courses: JSON.stringify(input.courses ?? []),
  }),
  fromRow: (row) => ({
    institution: row.institution as string,
    studyType: row.study_type as string | null,
    area: row.area as string | null,
    startDate: row.start_date as string | null,
    endDate: row.end_date as string | null,
    score: row.score as string | null,
    url: (row.url ?? null) as string | null,
    courses: (row.courses ?? []) as string[],
  }),
  toInput: (f) => ({ ...f }),
  embedText: (f) => joinNonEmpty([joinNonEmpty([f.studyType, f.area], ' in '), f.institution, f.endDate ? `completed ${f.endDate}` : null], ', '),
  describe: (f) => joinNonEmpty([f.studyType, f.institution], ', '),
  facts: (f) => ({ text: [f.institution, f.studyType, f.area, f.score], dates: [f.startDate, f.endDate] }),
  aiContext: (e) => ({ institution: e.institution, studyType: e.studyType, area: e.area, startDate: e.startDate, endDate: e.endDate }),
});

/** Every kind by its type: the compiler refuses a type in the list that has no declaration here. */
const KINDS = {
  post: postKind,
  registration: registrationKind,
  training: trainingKind,
  dbs: dbsKind,
  education: educationKind,
} satisfies { [T in RecordKindType]: RecordKind<never, never, T> | AnyRecordKind };

/** The fields of one kind's items (what `listRecords` returns, less the meta). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type KindFields<T extends RecordKindType> = (typeof KINDS)[T] extends RecordKind<any, infer F, T> ? F : never;

export const RECORD_KINDS: AnyRecordKind[] = RECORD_KIND_NAMES.map((n) => KINDS[n.type]);
export const kindOfType = (type: string) => RECORD_KINDS.find((k) => k.type === type);
