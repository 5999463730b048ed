import type { FieldIssue } from '../../platform/errors.ts';
import { computeExpiry, matchCatalogue } from './catalogue.ts';
import { addDays, FAR_FUTURE_YEARS } from './dates.ts';
import { fieldLabel } from '../../platform/words/field-labels.ts';
import { dbsCheckWords, registrationBodyWords } from '../../platform/words/enum-words.ts';
import { dbsCertificateProblem, normaliseRegistrationNumber, registrationNumberProblem } from './identifiers.ts';
import { defineKind, type AnyRecordKind, type KindContext } from './kind.ts';
import {
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
  type: 'post',
  table: 'posts',
  path: 'posts',
  label: 'Post',
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
});

export const registrationKind = defineKind({
  type: 'registration',
  table: 'registrations',
  path: 'registrations',
  label: 'Registration',
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
});

export const trainingKind = defineKind({
  type: 'training',
  table: 'training',
  path: 'training',
  label: 'Training',
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
});

export const dbsKind = defineKind({
  type: 'dbs',
  table: 'dbs_checks',
  path: 'dbs',
  label: 'DBS check',
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
});

export const educationKind = defineKind({
  type: 'education',
  table: 'education',
  path: 'education',
  label: 'Qualification',
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
});

export const RECORD_KINDS: AnyRecordKind[] = [postKind, registrationKind, trainingKind, dbsKind, educationKind];
export const kindOfType = (type: string) => RECORD_KINDS.find((k) => k.type === type);
