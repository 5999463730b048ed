import type { FieldIssue } from '../../platform/errors.ts';
import { computeExpiry, matchCatalogue } from './catalogue.ts';
import { addDays, FAR_FUTURE_YEARS } from './dates.ts';
import { fieldLabel } from '../../platform/words/field-labels.ts';
import { ACTIVITY_CATEGORY_WORDS, capitalise, dbsCheckWords, enumWord, publicationTypeWords, registrationBodyWords } from '../../platform/words/enum-words.ts';
import { dbsCertificateProblem, doiProblem, normaliseDoi, normaliseRegistrationNumber, pmidProblem, registrationNumberProblem } from './identifiers.ts';
import { canonicalPersonName, isSelfReferee } from '../verifications/referee-email.ts';
import { dateSpan, monthYear } from '../../ai/cv-draft/wording.ts';
import { defineKind, type AnyRecordKind, type KindContext, type RecordKind } from './kind.ts';
import { REGULATORS } from './regulators.ts';
import { registrationNumberPlaceholder } from '../../ai/cv-draft/placeholders.ts';
import {
  ACTIVITY_CATEGORIES,
  COURSE_FORMATS,
  type CourseFields,
  ZCourseFields,
  ZCourseInput,
  ZLanguageFields,
  ZLanguageInput,
  type SkillFields,
  ZSkillFields,
  ZSkillInput,
  ZMembershipFields,
  ZMembershipInput,
  kindName,
  PUBLICATION_TYPES,
  RECORD_KIND_NAMES,
  type ActivityFields,
  type PublicationFields,
  ZActivityFields,
  ZActivityInput,
  ZAwardFields,
  ZAwardInput,
  ZPublicationFields,
  ZPublicationInput,
  ZRefereeFields,
  ZRefereeInput,
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
  aiContext: (r) => ({ body: r.body, status: r.status, numberPlaceholder: registrationNumberPlaceholder(r.id), revalidationDate: r.revalidationDate }),
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
    text: [
      f.level === 'enhanced-barred' ? 'Enhanced DBS check with barred lists' : `${f.level} DBS check`,
      `${f.workforce === 'both' ? 'adult and child' : f.workforce} workforce`,
      f.updateService ? 'Subscribed to the DBS Update Service' : null,
    ],
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

/** The CV section each activity category goes in, with the words it prints for it (platform/words). */
const ACTIVITY_SECTION: Record<ActivityFields['category'], string> = {
  audit: 'audit',
  'quality-improvement': 'audit',
  teaching: 'teaching',
  presentation: 'presentations',
  poster: 'presentations',
  leadership: 'leadership',
  management: 'leadership',
  project: 'leadership',
};
const ACTIVITY_WORDS = Object.fromEntries(Object.entries(ACTIVITY_SECTION).map(([c, section]) => [c, { word: ACTIVITY_CATEGORY_WORDS[c as ActivityFields['category']], section }])) as Record<
  ActivityFields['category'],
  { word: string; section: string }
>;
const newestFirst = (date: string | null | undefined, title: string) => `${date ? String(99999999 - Number(date.replace(/-/g, ''))) : '99999999'}|${title.toLowerCase()}`;

export const activityKind = defineKind({
  ...kindName('activity'),
  input: ZActivityInput,
  fields: ZActivityFields,
  check: (input, ctx) => spanIssues(ctx, input.startDate, input.endDate),
  toColumns: (input) => ({
    category: input.category,
    title: input.title,
    organisation: nullable(input.organisation),
    roles: JSON.stringify(input.roles ?? []),
    start_date: nullable(input.startDate),
    end_date: nullable(input.endDate),
    description: nullable(input.description),
    highlights: JSON.stringify(input.highlights ?? []),
    keywords: JSON.stringify(input.keywords ?? []),
    url: nullable(input.url),
  }),
  fromRow: (row) => ({
    category: row.category as ActivityFields['category'],
    title: row.title as string,
    organisation: row.organisation as string | null,
    roles: (row.roles ?? []) as string[],
    startDate: row.start_date as string | null,
    endDate: row.end_date as string | null,
    description: row.description as string | null,
    highlights: (row.highlights ?? []) as string[],
    keywords: (row.keywords ?? []) as string[],
    url: row.url as string | null,
  }),
  toInput: (f) => ({ ...f }),
  embedText: (f) => joinNonEmpty([`${ACTIVITY_WORDS[f.category].word}: ${f.title}`, joinNonEmpty([f.roles.join(', '), f.organisation], ', '), f.description, ...f.highlights], '. '),
  describe: (f) => `${ACTIVITY_WORDS[f.category].word}: ${f.title}`,
  facts: (f) => ({ text: [ACTIVITY_WORDS[f.category].word, f.category, f.title, f.organisation, ...f.roles, f.description, ...f.highlights, ...f.keywords], dates: [f.startDate, f.endDate] }),
  aiContext: (a, clean) => ({
    category: a.category,
    title: a.title,
    organisation: a.organisation,
    roles: a.roles,
    startDate: a.startDate,
    endDate: a.endDate,
    description: clean(a.description),
    highlights: a.highlights.map((h) => clean(h)),
  }),
  cv: (f) => ({
    section: ACTIVITY_WORDS[f.category].section,
    title: f.title,
    subtitle: joinNonEmpty([ACTIVITY_WORDS[f.category].word, f.roles.join(', '), f.organisation], ', ') || null,
    dates: dateSpan(f.startDate, f.endDate),
    bullets: [...(f.description ? [f.description] : []), ...f.highlights],
    sortDate: f.endDate ?? f.startDate,
  }),
  resume: {
    section: 'projects',
    keptFields: ['name', 'type', 'entity', 'roles', 'startDate', 'endDate', 'description', 'highlights', 'keywords', 'url'],
    toResume: (f) => ({
      name: f.title,
      type: f.category,
      entity: f.organisation,
      roles: f.roles,
      startDate: f.startDate,
      endDate: f.endDate,
      description: f.description,
      highlights: f.highlights,
      keywords: f.keywords,
      url: f.url,
    }),
    fromResume: (item, read) => {
      const title = read.text(item.name);
      if (!title) return { skip: 'an activity needs a name' };
      const type = read.text(item.type)?.toLowerCase().replace(/\s+/g, '-') ?? null;
      const category = type && (ACTIVITY_CATEGORIES as readonly string[]).includes(type) ? type : type === 'qi' ? 'quality-improvement' : 'project';
      const startDate = read.date(item.startDate, 'startDate');
      return {
        identity: ['project', title, startDate],
        fieldMap: { title: 'name', organisation: 'entity', category: 'type' },
        input: {
          category: category as ActivityFields['category'],
          title,
          organisation: read.text(item.entity),
          roles: read.list(item.roles),
          startDate,
          endDate: read.date(item.endDate, 'endDate', true),
          description: read.text(item.description),
          highlights: read.list(item.highlights),
          keywords: read.list(item.keywords),
          url: read.text(item.url),
        },
      };
    },
    valuesNotKept: (item) => {
      const type = typeof item.type === 'string' && item.type.trim() ? item.type.trim().toLowerCase().replace(/\s+/g, '-') : null;
      return type && !(ACTIVITY_CATEGORIES as readonly string[]).includes(type) && type !== 'qi'
        ? [{ field: 'type', reason: `kept as "project": an activity is one of ${ACTIVITY_CATEGORIES.map((c) => ACTIVITY_CATEGORY_WORDS[c].toLowerCase()).join(', ')}` }]
        : [];
    },
    sortKey: (f) => newestFirst(f.startDate, f.title),
  },
});

export const publicationKind = defineKind({
  ...kindName('publication'),
  input: ZPublicationInput,
  fields: ZPublicationFields,
  check: (input, ctx) => {
    const issues = dateIssues(ctx, [{ path: 'body.publishedOn', value: input.publishedOn }]);
    const doiIssue = input.doi ? doiProblem(normaliseDoi(input.doi)) : undefined;
    if (doiIssue) issues.push({ path: 'body.doi', message: doiIssue });
    const pmidIssue = input.pmid ? pmidProblem(input.pmid.trim()) : undefined;
    if (pmidIssue) issues.push({ path: 'body.pmid', message: pmidIssue });
    return issues;
  },
  toColumns: (input) => ({
    title: input.title,
    publication_type: input.publicationType,
    authors: nullable(input.authors),
    publisher: nullable(input.publisher),
    published_on: nullable(input.publishedOn),
    doi: input.doi ? normaliseDoi(input.doi) : null,
    pmid: input.pmid ? input.pmid.trim() : null,
    url: nullable(input.url),
    summary: nullable(input.summary),
  }),
  fromRow: (row) => ({
    title: row.title as string,
    publicationType: row.publication_type as PublicationFields['publicationType'],
    authors: row.authors as string | null,
    publisher: row.publisher as string | null,
    publishedOn: row.published_on as string | null,
    doi: row.doi as string | null,
    pmid: row.pmid as string | null,
    url: row.url as string | null,
    summary: row.summary as string | null,
  }),
  toInput: (f) => ({ ...f }),
  embedText: (f) => joinNonEmpty([f.title, publicationTypeWords(f.publicationType), f.publisher, f.summary], '. '),
  describe: (f) => f.title,
  facts: (f) => ({
    text: [f.title, publicationTypeWords(f.publicationType), f.authors, f.publisher, f.summary, f.doi ? `doi:${f.doi}` : null, f.pmid ? `PMID ${f.pmid}` : null],
    dates: [f.publishedOn],
  }),
  // Authors are people: the model gets the title and where it appeared, not who wrote it.
  aiContext: (p, clean) => ({ title: p.title, publicationType: p.publicationType, publisher: p.publisher, publishedOn: p.publishedOn, summary: clean(p.summary) }),
  cv: (f) => ({
    section: 'publications',
    title: f.title,
    subtitle: joinNonEmpty([f.authors, f.publisher], '. ') || null,
    dates: f.publishedOn ? monthYear(f.publishedOn) : null,
    bullets: [joinNonEmpty([f.doi ? `doi:${f.doi}` : null, f.pmid ? `PMID ${f.pmid}` : null], ', ')].filter(Boolean),
    sortDate: f.publishedOn,
  }),
  resume: {
    section: 'publications',
    keptFields: ['name', 'publisher', 'releaseDate', 'url', 'summary', 'type', 'authors', 'doi', 'pmid'],
    toResume: (f) => ({ name: f.title, publisher: f.publisher, releaseDate: f.publishedOn, url: f.url, summary: f.summary, type: f.publicationType, authors: f.authors, doi: f.doi, pmid: f.pmid }),
    fromResume: (item, read) => {
      const title = read.text(item.name);
      if (!title) return { skip: 'a publication needs a name (its title)' };
      const type = read.text(item.type)?.toLowerCase() ?? null;
      const publishedOn = read.date(item.releaseDate, 'releaseDate');
      return {
        identity: ['publication', title, publishedOn],
        fieldMap: { title: 'name', publishedOn: 'releaseDate', publicationType: 'type' },
        input: {
          title,
          publicationType: (type && (PUBLICATION_TYPES as readonly string[]).includes(type) ? type : 'other') as PublicationFields['publicationType'],
          authors: read.text(item.authors),
          publisher: read.text(item.publisher),
          publishedOn,
          doi: read.text(item.doi),
          pmid: read.text(item.pmid),
          url: read.text(item.url),
          summary: read.text(item.summary),
        },
      };
    },
    valuesNotKept: (item) => {
      const type = typeof item.type === 'string' && item.type.trim() ? item.type.trim().toLowerCase() : null;
      return type && !(PUBLICATION_TYPES as readonly string[]).includes(type) ? [{ field: 'type', reason: `kept as "other": a publication's type is one of ${PUBLICATION_TYPES.join(', ')}` }] : [];
    },
    sortKey: (f) => newestFirst(f.publishedOn, f.title),
  },
});

export const awardKind = defineKind({
  ...kindName('award'),
  input: ZAwardInput,
  fields: ZAwardFields,
  check: (input, ctx) => dateIssues(ctx, [{ path: 'body.awardedOn', value: input.awardedOn, notAfterToday: true }]),
  toColumns: (input) => ({ title: input.title, awarder: nullable(input.awarder), awarded_on: nullable(input.awardedOn), summary: nullable(input.summary) }),
  fromRow: (row) => ({ title: row.title as string, awarder: row.awarder as string | null, awardedOn: row.awarded_on as string | null, summary: row.summary as string | null }),
  toInput: (f) => ({ ...f }),
  embedText: (f) => joinNonEmpty([f.title, f.awarder, f.summary], '. '),
  describe: (f) => joinNonEmpty([f.title, f.awarder], ', '),
  facts: (f) => ({ text: [f.title, f.awarder, f.summary], dates: [f.awardedOn] }),
  aiContext: (a, clean) => ({ title: a.title, awarder: a.awarder, awardedOn: a.awardedOn, summary: clean(a.summary) }),
  cv: (f) => ({ section: 'achievements', title: f.title, subtitle: f.awarder, dates: f.awardedOn ? monthYear(f.awardedOn) : null, bullets: f.summary ? [f.summary] : [], sortDate: f.awardedOn }),
  resume: {
    section: 'awards',
    keptFields: ['title', 'date', 'awarder', 'summary'],
    toResume: (f) => ({ title: f.title, date: f.awardedOn, awarder: f.awarder, summary: f.summary }),
    fromResume: (item, read) => {
      const title = read.text(item.title);
      if (!title) return { skip: 'an award needs a title' };
      const awardedOn = read.date(item.date, 'date');
      return { identity: ['award', title, awardedOn], fieldMap: { awardedOn: 'date' }, input: { title, awarder: read.text(item.awarder), awardedOn, summary: read.text(item.summary) } };
    },
    sortKey: (f) => newestFirst(f.awardedOn, f.title),
  },
});

export const courseKind = defineKind({
  ...kindName('course'),
  input: ZCourseInput,
  fields: ZCourseFields,
  check: (input, ctx) =>
    dateIssues(
      ctx,
      [
        { path: 'body.startDate', value: input.startDate, notAfterToday: true },
        { path: 'body.endDate', value: input.endDate, notAfterToday: true },
      ],
      ['body.startDate', 'body.endDate'],
    ),
  toColumns: (input) => ({
    title: input.title,
    format: input.format,
    organiser: nullable(input.organiser),
    start_date: input.startDate,
    end_date: nullable(input.endDate),
    cpd_hours: nullable(input.cpdHours),
    reflection: nullable(input.reflection),
  }),
  fromRow: (row) => ({
    title: row.title as string,
    format: row.format as CourseFields['format'],
    organiser: row.organiser as string | null,
    startDate: row.start_date as string,
    endDate: row.end_date as string | null,
    cpdHours: row.cpd_hours === null ? null : Number(row.cpd_hours),
    reflection: row.reflection as string | null,
  }),
  toInput: (f) => ({ ...f }),
  embedText: (f) => joinNonEmpty([`${f.title} (${f.format})`, f.organiser, f.cpdHours !== null ? `${f.cpdHours} CPD hours` : null, f.reflection], '. '),
  describe: (f) => joinNonEmpty([f.title, f.organiser], ', '),
  facts: (f) => ({ text: [f.title, f.format, f.organiser, f.cpdHours !== null ? `${f.cpdHours} CPD hours` : null, f.reflection], dates: [f.startDate, f.endDate] }),
  aiContext: (c, clean) => ({ title: c.title, format: c.format, organiser: c.organiser, startDate: c.startDate, endDate: c.endDate, cpdHours: c.cpdHours, reflection: clean(c.reflection) }),
  cv: (f) => ({
    section: 'courses',
    title: f.title,
    subtitle: f.organiser,
    // A course is over when it is recorded: one date, or the span of a multi-day one (never "– present").
    dates: f.endDate && f.endDate !== f.startDate ? dateSpan(f.startDate, f.endDate) : monthYear(f.startDate),
    bullets: f.cpdHours !== null ? [`${f.cpdHours} CPD hours`] : [],
    sortDate: f.startDate,
  }),
  resume: {
    section: 'clinical.courses',
    keptFields: ['name', 'format', 'organiser', 'startDate', 'endDate', 'cpdHours', 'reflection'],
    toResume: (f) => ({ name: f.title, format: f.format, organiser: f.organiser, startDate: f.startDate, endDate: f.endDate, cpdHours: f.cpdHours, reflection: f.reflection }),
    fromResume: (item, read) => {
      const title = read.text(item.name);
      const startDate = read.date(item.startDate, 'startDate');
      if (!title || !startDate) return { skip: 'a course or conference needs a name and a startDate' };
      const format = read.text(item.format)?.toLowerCase() ?? 'course';
      return {
        identity: ['course', title, startDate],
        fieldMap: { title: 'name' },
        input: {
          title,
          format: ((COURSE_FORMATS as readonly string[]).includes(format) ? format : 'other') as CourseFields['format'],
          organiser: read.text(item.organiser),
          startDate,
          endDate: read.date(item.endDate, 'endDate', true),
          cpdHours: typeof item.cpdHours === 'number' ? item.cpdHours : null,
          reflection: read.text(item.reflection),
        },
      };
    },
    sortKey: (f) => newestFirst(f.startDate, f.title),
  },
});

/** "12 performed", as a CV prints a count and grounding finds it (one wording for both). */
const performedWords = (count: number) => `${count} performed`;

/**
 * A skill with a logbook behind it (a count, a period, a supervision level or a logbook summary)
 * is a clinical skill or procedure and has its own CV section; a bare skill group as JSON Resume
 * tools write them ("Systems: EMIS Web, SystmOne") stays under skills and languages.
 */
const isLoggedProcedure = (f: SkillFields) => f.supervision !== null || f.count !== null || f.periodStart !== null || f.periodEnd !== null || f.logbook !== null;

/** "Aug 2023 – Jul 2025" for a period, "as of Jul 2025" for a count that stands at a date. */
const skillPeriod = (f: SkillFields) => (f.periodStart ? dateSpan(f.periodStart, f.periodEnd) : f.periodEnd ? `as of ${monthYear(f.periodEnd)}` : null);

const supervisionWord = (s: SkillFields['supervision']) => (s ? capitalise(enumWord(s)) : null);

export const skillKind = defineKind({
  ...kindName('skill'),
  input: ZSkillInput,
  fields: ZSkillFields,
  // A logbook count is of what has been done: its period cannot end in the future.
  check: (input, ctx) =>
    dateIssues(
      ctx,
      [
        { path: 'body.periodStart', value: input.periodStart, notAfterToday: true },
        { path: 'body.periodEnd', value: input.periodEnd, notAfterToday: true },
      ],
      ['body.periodStart', 'body.periodEnd'],
    ),
  toColumns: (input) => ({
    name: input.name,
    supervision: nullable(input.supervision),
    proficiency: nullable(input.proficiency),
    performed: nullable(input.count),
    period_start: nullable(input.periodStart),
    period_end: nullable(input.periodEnd),
    keywords: JSON.stringify(input.keywords ?? []),
    logbook: nullable(input.logbook),
  }),
  fromRow: (row) => ({
    name: row.name as string,
    supervision: row.supervision as SkillFields['supervision'],
    proficiency: row.proficiency as string | null,
    count: row.performed === null ? null : Number(row.performed),
    periodStart: row.period_start as string | null,
    periodEnd: row.period_end as string | null,
    keywords: (row.keywords ?? []) as string[],
    logbook: row.logbook as string | null,
  }),
  toInput: (f) => ({ ...f }),
  embedText: (f) =>
    joinNonEmpty([joinNonEmpty([f.name, supervisionWord(f.supervision), f.proficiency], ', '), f.count !== null ? performedWords(f.count) : null, f.keywords.join(', '), f.logbook], '. '),
  describe: (f) => f.name,
  facts: (f) => ({
    text: [f.name, f.supervision, supervisionWord(f.supervision), f.proficiency, f.count !== null ? performedWords(f.count) : null, ...f.keywords, f.logbook],
    dates: [f.periodStart, f.periodEnd],
  }),
  // The logbook summary may name patients or places: it goes through the redaction like any free text.
  aiContext: (k, clean) => ({
    name: k.name,
    supervision: k.supervision,
    proficiency: k.proficiency,
    count: k.count,
    periodStart: k.periodStart,
    periodEnd: k.periodEnd,
    keywords: k.keywords,
    logbook: clean(k.logbook),
  }),
  cv: (f) => ({
    section: isLoggedProcedure(f) ? 'procedures' : 'skills',
    title: f.name,
    subtitle: joinNonEmpty([supervisionWord(f.supervision), f.proficiency], ', ') || null,
    dates: skillPeriod(f),
    bullets: [f.count !== null ? performedWords(f.count) : null, f.keywords.join(', '), f.logbook].filter((b): b is string => Boolean(b)),
    sortDate: f.periodEnd ?? f.periodStart,
  }),
  resume: {
    // JSON Resume's own skills (name, level, keywords), with the logbook riding along as the clinical extension.
    section: 'skills',
    keptFields: ['name', 'level', 'keywords', 'supervision', 'count', 'periodStart', 'periodEnd', 'logbook'],
    toResume: (f) => ({
      name: f.name,
      level: f.proficiency,
      keywords: f.keywords,
      supervision: f.supervision,
      count: f.count,
      periodStart: f.periodStart,
      periodEnd: f.periodEnd,
      logbook: f.logbook,
    }),
    fromResume: (item, read) => {
      const name = read.text(item.name);
      if (!name) return { skip: 'a skill needs a name' };
      const supervision = read.text(item.supervision)?.toLowerCase() ?? null;
      return {
        identity: ['skill', name],
        fieldMap: { proficiency: 'level' },
        input: {
          name,
          // An unknown word is passed on, so the import names the field rather than dropping it.
          supervision: supervision as SkillFields['supervision'],
          proficiency: read.text(item.level),
          // Anything but a number is passed on too: the kind's rule refuses it with the field's name.
          count: item.count === undefined || item.count === null ? null : (item.count as number),
          periodStart: read.date(item.periodStart, 'periodStart'),
          periodEnd: read.date(item.periodEnd, 'periodEnd', true),
          keywords: read.list(item.keywords),
          logbook: read.text(item.logbook),
        },
      };
    },
    sortKey: (f) => newestFirst(f.periodEnd ?? f.periodStart, f.name),
  },
});

export const languageKind = defineKind({
  ...kindName('language'),
  input: ZLanguageInput,
  fields: ZLanguageFields,
  check: () => [],
  toColumns: (input) => ({ language: input.language, fluency: nullable(input.fluency) }),
  fromRow: (row) => ({ language: row.language as string, fluency: row.fluency as string | null }),
  toInput: (f) => ({ ...f }),
  embedText: (f) => joinNonEmpty([f.language, f.fluency], ': '),
  describe: (f) => joinNonEmpty([f.language, f.fluency], ', '),
  facts: (f) => ({ text: [f.language, f.fluency], dates: [] }),
  aiContext: (l) => ({ language: l.language, fluency: l.fluency }),
  cv: (f) => ({ section: 'skills', title: f.language, subtitle: null, dates: null, bullets: f.fluency ? [f.fluency] : [], sortDate: null }),
  resume: {
    section: 'languages',
    keptFields: ['language', 'fluency'],
    toResume: (f) => ({ ...f }),
    fromResume: (item, read) => {
      const language = read.text(item.language);
      if (!language) return { skip: 'a language needs its name (language)' };
      return { identity: ['language', language], input: { language, fluency: read.text(item.fluency) } };
    },
    sortKey: (f) => f.language.toLowerCase(),
  },
});

export const membershipKind = defineKind({
  ...kindName('membership'),
  input: ZMembershipInput,
  fields: ZMembershipFields,
  check: (input, ctx) =>
    dateIssues(
      ctx,
      [
        { path: 'body.since', value: input.since, notAfterToday: true },
        { path: 'body.until', value: input.until },
      ],
      ['body.since', 'body.until'],
    ),
  toColumns: (input) => ({ organisation: input.organisation, grade: nullable(input.grade), post_nominals: nullable(input.postNominals), since: nullable(input.since), until: nullable(input.until) }),
  fromRow: (row) => ({
    organisation: row.organisation as string,
    grade: row.grade as string | null,
    postNominals: row.post_nominals as string | null,
    since: row.since as string | null,
    until: row.until as string | null,
  }),
  toInput: (f) => ({ ...f }),
  embedText: (f) => joinNonEmpty([joinNonEmpty([f.grade, f.organisation], ', '), f.postNominals], '. '),
  describe: (f) => joinNonEmpty([f.grade, f.organisation], ', '),
  facts: (f) => ({ text: [f.organisation, f.grade, f.postNominals], dates: [f.since, f.until] }),
  aiContext: (m) => ({ organisation: m.organisation, grade: m.grade, postNominals: m.postNominals, since: m.since, until: m.until }),
  cv: (f) => ({
    section: 'memberships',
    title: f.organisation,
    subtitle: joinNonEmpty([f.grade, f.postNominals], ', ') || null,
    dates: f.since ? dateSpan(f.since, f.until) : null,
    bullets: [],
    sortDate: f.since,
  }),
  resume: {
    section: 'clinical.memberships',
    keptFields: ['organisation', 'grade', 'postNominals', 'since', 'until'],
    toResume: (f) => ({ ...f }),
    fromResume: (item, read) => {
      const organisation = read.text(item.organisation);
      if (!organisation) return { skip: 'a membership needs an organisation' };
      const since = read.date(item.since, 'since');
      return {
        identity: ['membership', organisation, since],
        input: { organisation, grade: read.text(item.grade), postNominals: read.text(item.postNominals), since, until: read.date(item.until, 'until', true) },
      };
    },
    sortKey: (f) => newestFirst(f.since, f.organisation),
  },
});

/**
 * The clinician's referees. Their details are shared on request only: the kind has no AI view
 * and no embedding, its grounding facts are empty (nothing a model writes may cite one), and the
 * CV's references section is made from the database after the draft is checked (cv-render/build.ts).
 */
export const refereeKind = defineKind({
  ...kindName('referee'),
  input: ZRefereeInput,
  fields: ZRefereeFields,
  check: (input, ctx) => {
    const issues: FieldIssue[] = [];
    const account = ctx.account;
    if (account && (canonicalPersonName(input.name) === canonicalPersonName(account.name) || (input.email && isSelfReferee({ name: input.name, email: input.email }, account)))) {
      issues.push({
        path: input.email && isSelfReferee({ name: input.name, email: input.email }, account) ? 'body.email' : 'body.name',
        message: 'is yours: a referee is someone else who knows your work',
      });
    }
    return issues;
  },
  toColumns: (input) => ({
    name: input.name,
    position: nullable(input.position),
    organisation: nullable(input.organisation),
    relationship: nullable(input.relationship),
    email: input.email ? input.email.trim() : null,
    phone: nullable(input.phone),
    reference: nullable(input.reference),
    show_on_cv: input.showOnCv ?? false,
  }),
  fromRow: (row) => ({
    name: row.name as string,
    position: row.position as string | null,
    organisation: row.organisation as string | null,
    relationship: row.relationship as string | null,
    email: row.email as string | null,
    phone: row.phone as string | null,
    reference: row.reference as string | null,
    showOnCv: row.show_on_cv as boolean,
  }),
  toInput: (f) => ({ ...f }),
  embedText: () => null,
  describe: (f) => joinNonEmpty([f.name, f.position], ', '),
  facts: () => ({ text: [], dates: [] }),
  aiContext: null,
  resume: {
    section: 'references',
    keptFields: ['name', 'reference', 'position', 'organisation', 'relationship', 'email', 'phone', 'showOnCv'],
    toResume: (f) => ({
      name: f.name,
      reference: f.reference,
      position: f.position,
      organisation: f.organisation,
      relationship: f.relationship,
      email: f.email,
      phone: f.phone,
      showOnCv: f.showOnCv || undefined,
    }),
    fromResume: (item, read) => {
      const name = read.text(item.name);
      if (!name) return { skip: 'a referee needs a name' };
      return {
        identity: ['referee', name],
        input: {
          name,
          reference: read.text(item.reference),
          position: read.text(item.position),
          organisation: read.text(item.organisation),
          relationship: read.text(item.relationship),
          email: read.text(item.email),
          phone: read.text(item.phone),
          showOnCv: item.showOnCv === true,
        },
      };
    },
    sortKey: (f) => f.name.toLowerCase(),
  },
});

/** Every kind by its type: the compiler refuses a type in the list that has no declaration here. */
const KINDS = {
  post: postKind,
  registration: registrationKind,
  training: trainingKind,
  dbs: dbsKind,
  education: educationKind,
  activity: activityKind,
  publication: publicationKind,
  award: awardKind,
  course: courseKind,
  skill: skillKind,
  language: languageKind,
  membership: membershipKind,
  referee: refereeKind,
} satisfies { [T in RecordKindType]: RecordKind<never, never, T> | AnyRecordKind };

/** The fields of one kind's items (what `listRecords` returns, less the meta). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type KindFields<T extends RecordKindType> = (typeof KINDS)[T] extends RecordKind<any, infer F, T> ? F : never;

export const RECORD_KINDS: AnyRecordKind[] = RECORD_KIND_NAMES.map((n) => KINDS[n.type]);
export const kindOfType = (type: string) => RECORD_KINDS.find((k) => k.type === type);
