import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { z } from 'zod';
import {
  ZActivityCategory,
  ZActivityInput,
  ZAwardInput,
  ZContract,
  ZCourseFormat,
  ZCourseInput,
  ZLanguageInput,
  ZMembershipInput,
  ZDbsInput,
  ZDbsLevel,
  ZEducationInput,
  ZPostInput,
  ZPublicationInput,
  ZPublicationType,
  ZRefereeInput,
  ZRegistrationBody,
  ZRegistrationInput,
  ZSkillInput,
  ZSupervision,
  ZTrainingInput,
} from '../../../../server/domains/record/schema.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { Checkbox, DateField, SelectField, SubmitButton, TextAreaField, TextField } from '../../components/fields.tsx';
import { api } from '../../lib/api.ts';
import { useZodForm, type ZodForm } from '../../lib/use-zod-form.ts';
import { ACTIVITY_CATEGORY_WORDS, capitalise, enumWord, publicationTypeWords } from '../../../../server/platform/words/enum-words.ts';
import type {
  ActivityItem,
  AwardItem,
  CourseItem,
  LanguageItem,
  MembershipItem,
  DbsItem,
  EducationItem,
  ItemOf,
  PostItem,
  PublicationItem,
  RecordPath,
  RefereeItem,
  RegistrationItem,
  SkillItem,
  TrainingItem,
} from './record-api.ts';

/**
 * One form per kind of record, each validated with the server's own create schema (a few fields
 * the browser holds as text, such as whole-time equivalent and achievements, are converted and
 * then checked by the server's rule for that field). Editing sends a PATCH in which a cleared
 * optional field is null, so clearing really clears it.
 */

export interface RecordFormProps<P extends RecordPath> {
  item?: ItemOf[P] | undefined;
  onSaved: (item: ItemOf[P], created: boolean) => void;
  onCancel: () => void;
}

/** POST (create) or PATCH (edit); on edit, optional fields left empty are sent as null. */
export async function saveRecord<T>(path: RecordPath, id: string | undefined, data: Record<string, unknown>, shape: Record<string, z.ZodType>, keys: string[]): Promise<T> {
  if (!id) return api.post<T>(`/api/${path}`, data);
  const body: Record<string, unknown> = { ...data };
  for (const key of keys) {
    if (body[key] === undefined && shape[key]?.safeParse(null).success) body[key] = null;
  }
  return api.patch<T>(`/api/${path}/${id}`, body);
}

const nullToEmpty = (v: string | null | undefined) => v ?? '';

/**
 * A required select or date: '' (or nothing) reads "is required", anything else is checked by the
 * server's own rule (zod would say "Invalid option: expected one of …" or "must be a date as YYYY-MM-DD").
 */
const required = <T extends z.ZodType>(server: T) =>
  z
    .string({ error: 'is required' })
    .min(1, 'is required')
    .pipe(server as unknown as z.ZodType<z.output<T>, string>);

/** The frame every record form shares: a heading that takes focus, the error summary, save and cancel. */
function FormFrame({
  title,
  form,
  saveLabel,
  onCancel,
  children,
}: {
  title: string;
  form: Pick<ZodForm<z.ZodObject>, 'handleSubmit' | 'summary' | 'submitting'>;
  saveLabel: string;
  onCancel: () => void;
  children: ReactNode;
}) {
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  return (
    <form className="stack card record-form" onSubmit={form.handleSubmit} noValidate aria-labelledby={headingId}>
      <h3 id={headingId} ref={headingRef} tabIndex={-1}>
        {title}
      </h3>
      <ErrorSummary {...form.summary} />
      {children}
      <div className="actions">
        <SubmitButton busy={form.submitting} busyLabel="Saving…">
          {saveLabel}
        </SubmitButton>
        <button type="button" className="btn btn-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

// ---- posts -----------------------------------------------------------------------------------

/** Select options and lists use the server's words for each value (one table, server/platform/words). */
export const contractLabel = (c: string) => capitalise(enumWord(c));

/** The post schema with the two fields a form holds as text converted first, then checked by the server's rules. */
export const ZPostForm = ZPostInput.extend({
  startDate: required(ZPostInput.shape.startDate),
  wte: z
    .string()
    .trim()
    .regex(/^(\d+(\.\d+)?)?$/, 'must be a number such as 1 or 0.6')
    .transform((v) => (v === '' ? null : Number(v)))
    .pipe(ZPostInput.shape.wte.unwrap()),
  achievements: z
    .string()
    .transform((v) =>
      v
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    )
    .pipe(ZPostInput.shape.achievements.unwrap()),
});

// Keys in the order the fields are shown: the error summary lists problems in this order.
const postValues = (p?: PostItem) => ({
  title: p?.title ?? '',
  employer: p?.employer ?? '',
  grade: nullToEmpty(p?.grade),
  specialty: nullToEmpty(p?.specialty),
  contract: p?.contract ?? 'substantive',
  startDate: p?.startDate ?? '',
  endDate: nullToEmpty(p?.endDate),
  site: nullToEmpty(p?.site),
  employerOdsCode: nullToEmpty(p?.employerOdsCode),
  wte: p?.wte === null || p?.wte === undefined ? '' : String(p.wte),
  supervisor: nullToEmpty(p?.supervisor),
  summary: nullToEmpty(p?.summary),
  achievements: (p?.achievements ?? []).join('\n'),
});

export function PostForm({ item, onSaved, onCancel }: RecordFormProps<'posts'>) {
  const initialValues = postValues(item);
  const form = useZodForm({
    schema: ZPostForm,
    initialValues: initialValues as z.input<typeof ZPostForm>,
    labels: {
      employer: 'Employer',
      employerOdsCode: 'ODS code',
      site: 'Site',
      title: 'Job title',
      grade: 'Grade',
      specialty: 'Specialty',
      contract: 'Contract',
      startDate: 'Start date',
      endDate: 'End date',
      wte: 'Whole-time equivalent',
      supervisor: 'Supervisor',
      summary: 'Summary',
      achievements: 'Achievements',
    },
    onSubmit: async (data) => {
      const saved = await saveRecord<PostItem>('posts', item?.id, data, ZPostInput.shape, Object.keys(initialValues));
      onSaved(saved, !item);
    },
  });
  return (
    <FormFrame title={item ? `Edit post: ${item.title}` : 'Add a post'} form={form} saveLabel="Save post" onCancel={onCancel}>
      <TextField label="Job title" hint="As employed, e.g. Specialty Registrar in Cardiology." {...form.field('title')} />
      <TextField label="Employer" hint="As named on the contract, e.g. an NHS trust or agency." {...form.field('employer')} />
      <TextField label="Grade" optional hint="F1, F2, CT1, ST4, Band 6, consultant…" {...form.field('grade')} />
      <TextField label="Specialty" optional {...form.field('specialty')} />
      <SelectField label="Contract" options={ZContract.options.map((c) => ({ value: c, label: contractLabel(c) }))} {...form.field('contract')} />
      <div className="record-form-row">
        <DateField label="Start date" {...form.field('startDate')} />
        <DateField label="End date" optional hint="Leave empty while the post is current." {...form.field('endDate')} />
      </div>
      <TextField label="Site" optional {...form.field('site')} />
      <TextField label="ODS code" optional hint="The employer's NHS organisation code, e.g. RR8." className="input-code" spellCheck={false} {...form.field('employerOdsCode')} />
      <TextField label="Whole-time equivalent" optional hint="1 for full time, 0.6 for three days a week." inputMode="decimal" className="input-code" {...form.field('wte')} />
      <TextField label="Supervisor" optional {...form.field('supervisor')} />
      <TextAreaField label="Summary" optional rows={4} {...form.field('summary')} />
      <TextAreaField label="Achievements" optional hint="One per line." rows={4} {...form.field('achievements')} />
    </FormFrame>
  );
}

// ---- registrations ---------------------------------------------------------------------------

const BODY_LABELS: Record<string, string> = {
  GMC: 'GMC (General Medical Council)',
  NMC: 'NMC (Nursing and Midwifery Council)',
  HCPC: 'HCPC (Health and Care Professions Council)',
  GDC: 'GDC (General Dental Council)',
  GPhC: 'GPhC (General Pharmaceutical Council)',
  'US-STATE-BOARD': 'US state board',
  NPI: 'NPI (US National Provider Identifier)',
};

const registrationValues = (r?: RegistrationItem) => ({
  body: r?.body ?? '',
  number: r?.number ?? '',
  jurisdiction: nullToEmpty(r?.jurisdiction),
  status: nullToEmpty(r?.status),
  conditions: nullToEmpty(r?.conditions),
  renewalDate: nullToEmpty(r?.renewalDate),
  revalidationDate: nullToEmpty(r?.revalidationDate),
});

const ZRegistrationForm = ZRegistrationInput.extend({ body: required(ZRegistrationBody) });

export function RegistrationForm({ item, onSaved, onCancel }: RecordFormProps<'registrations'>) {
  const initialValues = registrationValues(item);
  const form = useZodForm({
    schema: ZRegistrationForm,
    initialValues,
    labels: {
      body: 'Regulator',
      number: 'Registration number',
      jurisdiction: 'Jurisdiction',
      status: 'Status',
      conditions: 'Conditions',
      renewalDate: 'Renewal date',
      revalidationDate: 'Revalidation date',
    },
    onSubmit: async (data) => {
      const saved = await saveRecord<RegistrationItem>('registrations', item?.id, data, ZRegistrationInput.shape, Object.keys(initialValues));
      onSaved(saved, !item);
    },
  });
  return (
    <FormFrame title={item ? `Edit ${item.body} registration` : 'Add a registration'} form={form} saveLabel="Save registration" onCancel={onCancel}>
      <SelectField label="Regulator" placeholder="Choose a regulator" options={ZRegistrationBody.options.map((b) => ({ value: b, label: BODY_LABELS[b] ?? b }))} {...form.field('body')} />
      <TextField
        label="Registration number"
        hint="GMC: 7 digits. NMC: e.g. 12A3456B. HCPC: prefix and digits, e.g. PA12345."
        className="input-code"
        spellCheck={false}
        autoComplete="off"
        {...form.field('number')}
      />
      <TextField label="Jurisdiction" optional hint="For a US state board: the state." {...form.field('jurisdiction')} />
      <TextField label="Status" optional hint="e.g. Registered with a licence to practise." {...form.field('status')} />
      <TextAreaField label="Conditions" optional rows={3} {...form.field('conditions')} />
      <div className="record-form-row">
        <DateField label="Renewal date" optional hint="When the annual fee or renewal is due." {...form.field('renewalDate')} />
        <DateField label="Revalidation date" optional {...form.field('revalidationDate')} />
      </div>
    </FormFrame>
  );
}

// ---- training --------------------------------------------------------------------------------

interface CatalogueEntry {
  id: string;
  name: string;
  validityMonths: number;
  endOfMonth: boolean;
}

export function useTrainingCatalogue() {
  return useQuery({
    queryKey: ['training-catalogue'],
    queryFn: ({ signal }) => api.get<{ entries: CatalogueEntry[] }>('/api/training-catalogue', { signal }).then((r) => r.entries),
    staleTime: 60 * 60_000,
  });
}

const ZTrainingForm = ZTrainingInput.omit({ catalogueId: true }).extend({ completedOn: required(ZTrainingInput.shape.completedOn) });

const trainingValues = (t?: TrainingItem) => ({
  name: t?.name ?? '',
  provider: nullToEmpty(t?.provider),
  completedOn: t?.completedOn ?? '',
  // A computed expiry is recomputed when the course is edited; only a given one is kept.
  expiresOn: t?.expirySource === 'given' ? nullToEmpty(t.expiresOn) : '',
});

const validity = (months: number) => (months % 12 === 0 ? `${months / 12} year${months === 12 ? '' : 's'}` : `${months} months`);

export function TrainingForm({ item, onSaved, onCancel }: RecordFormProps<'training'>) {
  const catalogue = useTrainingCatalogue();
  const listId = useId();
  const initialValues = trainingValues(item);
  const form = useZodForm({
    schema: ZTrainingForm,
    initialValues,
    labels: { name: 'Course name', provider: 'Provider', completedOn: 'Completion date', expiresOn: 'Expiry date' },
    onSubmit: async (data) => {
      const match = catalogue.data?.find((e) => e.name.toLowerCase() === data.name.toLowerCase());
      // An exact catalogue name fixes the course; otherwise (null on edit) the server matches the new name again.
      const body = { ...data, ...(match ? { catalogueId: match.id } : item ? { catalogueId: null } : {}) };
      const saved = await saveRecord<TrainingItem>('training', item?.id, body, ZTrainingInput.shape, Object.keys(initialValues));
      onSaved(saved, !item);
    },
  });
  const chosen = catalogue.data?.find((e) => e.name.toLowerCase() === String(form.values.name ?? '').toLowerCase());
  return (
    <FormFrame title={item ? `Edit training: ${item.name}` : 'Add training'} form={form} saveLabel="Save training" onCancel={onCancel}>
      <TextField
        label="Course name"
        hint={
          chosen
            ? `${chosen.name} is valid for ${validity(chosen.validityMonths)}${chosen.endOfMonth ? ', to the end of that month' : ''}.`
            : 'As on the certificate. Start typing to choose a recognised course.'
        }
        list={catalogue.data?.length ? listId : undefined}
        autoComplete="off"
        {...form.field('name')}
      />
      {catalogue.data?.length ? (
        <datalist id={listId}>
          {catalogue.data.map((e) => (
            <option key={e.id} value={e.name} />
          ))}
        </datalist>
      ) : null}
      <TextField label="Provider" optional hint="e.g. Resuscitation Council UK, your trust." {...form.field('provider')} />
      <div className="record-form-row">
        <DateField label="Completion date" {...form.field('completedOn')} />
        <DateField label="Expiry date" optional hint="Leave empty to work it out from the course's usual validity." {...form.field('expiresOn')} />
      </div>
    </FormFrame>
  );
}

// ---- DBS -------------------------------------------------------------------------------------

export const workforceLabel = (w: string) => capitalise(enumWord(w));

const ZDbsForm = ZDbsInput.omit({ statusChecks: true }).extend({
  level: required(ZDbsLevel),
  workforce: required(ZDbsInput.shape.workforce),
  issueDate: required(ZDbsInput.shape.issueDate),
});

const dbsValues = (d?: DbsItem) => ({
  level: d?.level ?? '',
  workforce: d?.workforce ?? '',
  certificateNumber: d?.certificateNumber ?? '',
  issueDate: d?.issueDate ?? '',
  updateService: d?.updateService ?? false,
  updateServiceRenewalDate: nullToEmpty(d?.updateServiceRenewalDate),
});

export function DbsForm({ item, onSaved, onCancel }: RecordFormProps<'dbs'>) {
  const initialValues = dbsValues(item);
  const form = useZodForm({
    schema: ZDbsForm,
    initialValues,
    labels: { level: 'Level', workforce: 'Workforce', certificateNumber: 'Certificate number', issueDate: 'Issue date', updateServiceRenewalDate: 'Update Service renewal date' },
    onSubmit: async (data) => {
      const saved = await saveRecord<DbsItem>('dbs', item?.id, data, ZDbsInput.shape, Object.keys(initialValues));
      onSaved(saved, !item);
    },
  });
  return (
    <FormFrame title={item ? 'Edit DBS check' : 'Add a DBS check'} form={form} saveLabel="Save DBS check" onCancel={onCancel}>
      <SelectField label="Level" placeholder="Choose a level" options={ZDbsLevel.options.map((l) => ({ value: l, label: capitalise(enumWord(l)) }))} {...form.field('level')} />
      <SelectField label="Workforce" placeholder="Choose a workforce" options={ZDbsInput.shape.workforce.options.map((w) => ({ value: w, label: workforceLabel(w) }))} {...form.field('workforce')} />
      <TextField
        label="Certificate number"
        hint="12 digits, from the top right of the certificate."
        inputMode="numeric"
        className="input-code"
        autoComplete="off"
        {...form.field('certificateNumber')}
      />
      <DateField label="Issue date" {...form.field('issueDate')} />
      <Checkbox label="On the DBS Update Service" {...form.checkbox('updateService')} />
      <DateField label="Update Service renewal date" optional hint="The annual subscription renewal." {...form.field('updateServiceRenewalDate')} />
    </FormFrame>
  );
}

// ---- education -------------------------------------------------------------------------------

const educationValues = (e?: EducationItem) => ({
  institution: e?.institution ?? '',
  studyType: nullToEmpty(e?.studyType),
  area: nullToEmpty(e?.area),
  startDate: nullToEmpty(e?.startDate),
  endDate: nullToEmpty(e?.endDate),
  score: nullToEmpty(e?.score),
});

export function EducationForm({ item, onSaved, onCancel }: RecordFormProps<'education'>) {
  const initialValues = educationValues(item);
  const form = useZodForm({
    schema: ZEducationInput,
    initialValues,
    labels: { institution: 'Institution', studyType: 'Qualification', area: 'Subject', startDate: 'Start date', endDate: 'End date', score: 'Result' },
    onSubmit: async (data) => {
      const saved = await saveRecord<EducationItem>('education', item?.id, data, ZEducationInput.shape, Object.keys(initialValues));
      onSaved(saved, !item);
    },
  });
  return (
    <FormFrame title={item ? `Edit qualification: ${item.institution}` : 'Add a qualification'} form={form} saveLabel="Save qualification" onCancel={onCancel}>
      <TextField label="Institution" {...form.field('institution')} />
      <TextField label="Qualification" optional hint="e.g. MBChB, BSc (Hons), PGCert." {...form.field('studyType')} />
      <TextField label="Subject" optional {...form.field('area')} />
      <div className="record-form-row">
        <DateField label="Start date" optional {...form.field('startDate')} />
        <DateField label="End date" optional {...form.field('endDate')} />
      </div>
      <TextField label="Result" optional hint="e.g. First class, Merit." {...form.field('score')} />
    </FormFrame>
  );
}

// ---- lists a form holds as text, one item a line ---------------------------------------------

const lines = <T extends z.ZodType>(server: T) =>
  z
    .string()
    .transform((v) =>
      v
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    )
    .pipe(server as unknown as z.ZodType<z.output<T>, string[]>);

// ---- activities: audit, teaching, presentations, leadership ----------------------------------

export const activityCategoryLabel = (c: string) => (ACTIVITY_CATEGORY_WORDS as Record<string, string>)[c] ?? capitalise(enumWord(c));

const ZActivityForm = ZActivityInput.extend({
  category: required(ZActivityCategory),
  roles: lines(ZActivityInput.shape.roles.unwrap()),
  highlights: lines(ZActivityInput.shape.highlights.unwrap()),
  keywords: lines(ZActivityInput.shape.keywords.unwrap()),
});

const activityValues = (a?: ActivityItem) => ({
  category: a?.category ?? '',
  title: a?.title ?? '',
  roles: (a?.roles ?? []).join('\n'),
  organisation: nullToEmpty(a?.organisation),
  startDate: nullToEmpty(a?.startDate),
  endDate: nullToEmpty(a?.endDate),
  description: nullToEmpty(a?.description),
  highlights: (a?.highlights ?? []).join('\n'),
  keywords: (a?.keywords ?? []).join('\n'),
  url: nullToEmpty(a?.url),
});

export function ActivityForm({ item, onSaved, onCancel }: RecordFormProps<'activities'>) {
  const initialValues = activityValues(item);
  const form = useZodForm({
    schema: ZActivityForm,
    initialValues: initialValues as z.input<typeof ZActivityForm>,
    labels: {
      category: 'Type',
      title: 'Title',
      roles: 'Your role',
      organisation: 'Where',
      startDate: 'Start date',
      endDate: 'End date',
      description: 'Description',
      highlights: 'Outcomes',
      keywords: 'Keywords',
      url: 'Web address',
    },
    onSubmit: async (data) => {
      const saved = await saveRecord<ActivityItem>('activities', item?.id, data, ZActivityInput.shape, Object.keys(initialValues));
      onSaved(saved, !item);
    },
  });
  return (
    <FormFrame title={item ? `Edit activity: ${item.title}` : 'Add an audit, teaching, presentation or leadership role'} form={form} saveLabel="Save activity" onCancel={onCancel}>
      <SelectField label="Type" placeholder="Choose a type" options={ZActivityCategory.options.map((c) => ({ value: c, label: activityCategoryLabel(c) }))} {...form.field('category')} />
      <TextField label="Title" hint="The audit topic, the teaching programme, the talk or poster title, or the role." {...form.field('title')} />
      <TextAreaField label="Your role" optional hint="One per line, e.g. Audit lead." rows={2} {...form.field('roles')} />
      <TextField label="Where" optional hint="The trust, meeting or conference, or medical school." {...form.field('organisation')} />
      <div className="record-form-row">
        <DateField label="Start date" optional {...form.field('startDate')} />
        <DateField label="End date" optional {...form.field('endDate')} />
      </div>
      <TextAreaField label="Description" optional rows={3} {...form.field('description')} />
      <TextAreaField label="Outcomes" optional hint="One per line: re-audit results, feedback, changes made." rows={3} {...form.field('highlights')} />
      <TextAreaField label="Keywords" optional hint="One per line." rows={2} {...form.field('keywords')} />
      <TextField label="Web address" optional {...form.field('url')} />
    </FormFrame>
  );
}

// ---- publications ----------------------------------------------------------------------------

const ZPublicationForm = ZPublicationInput.extend({ publicationType: required(ZPublicationType) });

const publicationValues = (p?: PublicationItem) => ({
  title: p?.title ?? '',
  publicationType: p?.publicationType ?? '',
  authors: nullToEmpty(p?.authors),
  publisher: nullToEmpty(p?.publisher),
  publishedOn: nullToEmpty(p?.publishedOn),
  doi: nullToEmpty(p?.doi),
  pmid: nullToEmpty(p?.pmid),
  url: nullToEmpty(p?.url),
  summary: nullToEmpty(p?.summary),
});

export function PublicationForm({ item, onSaved, onCancel }: RecordFormProps<'publications'>) {
  const initialValues = publicationValues(item);
  const form = useZodForm({
    schema: ZPublicationForm,
    initialValues: initialValues as z.input<typeof ZPublicationForm>,
    labels: {
      title: 'Title',
      publicationType: 'Type',
      authors: 'Authors',
      publisher: 'Journal or publisher',
      publishedOn: 'Publication date',
      doi: 'DOI',
      pmid: 'PubMed id (PMID)',
      url: 'Web address',
      summary: 'Summary',
    },
    onSubmit: async (data) => {
      const saved = await saveRecord<PublicationItem>('publications', item?.id, data, ZPublicationInput.shape, Object.keys(initialValues));
      onSaved(saved, !item);
    },
  });
  return (
    <FormFrame title={item ? `Edit publication: ${item.title}` : 'Add a publication'} form={form} saveLabel="Save publication" onCancel={onCancel}>
      <TextField label="Title" {...form.field('title')} />
      <SelectField
        label="Type"
        placeholder="Choose a type"
        options={ZPublicationType.options.map((t) => ({ value: t, label: capitalise(publicationTypeWords(t)) }))}
        {...form.field('publicationType')}
      />
      <TextField label="Authors" optional hint='As cited, e.g. "Okafor S, Rahman A, et al."' {...form.field('authors')} />
      <TextField label="Journal or publisher" optional {...form.field('publisher')} />
      <DateField label="Publication date" optional {...form.field('publishedOn')} />
      <div className="record-form-row">
        <TextField label="DOI" optional hint="e.g. 10.1136/bmj.n71" className="input-code" spellCheck={false} {...form.field('doi')} />
        <TextField label="PubMed id (PMID)" optional inputMode="numeric" className="input-code" {...form.field('pmid')} />
      </div>
      <TextField label="Web address" optional {...form.field('url')} />
      <TextAreaField label="Summary" optional rows={3} {...form.field('summary')} />
    </FormFrame>
  );
}

// ---- prizes and awards -----------------------------------------------------------------------

const awardValues = (a?: AwardItem) => ({ title: a?.title ?? '', awarder: nullToEmpty(a?.awarder), awardedOn: nullToEmpty(a?.awardedOn), summary: nullToEmpty(a?.summary) });

export function AwardForm({ item, onSaved, onCancel }: RecordFormProps<'awards'>) {
  const initialValues = awardValues(item);
  const form = useZodForm({
    schema: ZAwardInput,
    initialValues,
    labels: { title: 'Prize or award', awarder: 'Awarded by', awardedOn: 'Date awarded', summary: 'Summary' },
    onSubmit: async (data) => {
      const saved = await saveRecord<AwardItem>('awards', item?.id, data, ZAwardInput.shape, Object.keys(initialValues));
      onSaved(saved, !item);
    },
  });
  return (
    <FormFrame title={item ? `Edit prize or award: ${item.title}` : 'Add a prize or award'} form={form} saveLabel="Save prize or award" onCancel={onCancel}>
      <TextField label="Prize or award" {...form.field('title')} />
      <TextField label="Awarded by" optional {...form.field('awarder')} />
      <DateField label="Date awarded" optional {...form.field('awardedOn')} />
      <TextAreaField label="Summary" optional rows={3} {...form.field('summary')} />
    </FormFrame>
  );
}

// ---- referees --------------------------------------------------------------------------------

const refereeValues = (r?: RefereeItem) => ({
  name: r?.name ?? '',
  position: nullToEmpty(r?.position),
  organisation: nullToEmpty(r?.organisation),
  relationship: nullToEmpty(r?.relationship),
  email: nullToEmpty(r?.email),
  phone: nullToEmpty(r?.phone),
  reference: nullToEmpty(r?.reference),
  showOnCv: r?.showOnCv ?? false,
});

export function RefereeForm({ item, onSaved, onCancel }: RecordFormProps<'referees'>) {
  const initialValues = refereeValues(item);
  const form = useZodForm({
    schema: ZRefereeInput,
    initialValues,
    labels: { name: 'Name', position: 'Position', organisation: 'Organisation', relationship: 'How they know your work', email: 'Email address', phone: 'Phone number', reference: 'Reference' },
    onSubmit: async (data) => {
      const saved = await saveRecord<RefereeItem>('referees', item?.id, data, ZRefereeInput.shape, Object.keys(initialValues));
      onSaved(saved, !item);
    },
  });
  return (
    <FormFrame title={item ? `Edit referee: ${item.name}` : 'Add a referee'} form={form} saveLabel="Save referee" onCancel={onCancel}>
      <TextField label="Name" {...form.field('name')} />
      <TextField label="Position" optional hint="e.g. Consultant in Emergency Medicine." {...form.field('position')} />
      <TextField label="Organisation" optional {...form.field('organisation')} />
      <TextField label="How they know your work" optional hint="e.g. Educational supervisor, 2023 to 2025." {...form.field('relationship')} />
      <TextField label="Email address" optional type="email" autoComplete="off" {...form.field('email')} />
      <TextField label="Phone number" optional type="tel" autoComplete="off" {...form.field('phone')} />
      <TextAreaField label="Reference" optional hint="What they wrote about you, if you hold it." rows={3} {...form.field('reference')} />
      <Checkbox
        label="Print their name, position and organisation on my CVs"
        hint="Otherwise CVs say referees are available on request. Contact details are never printed."
        {...form.checkbox('showOnCv')}
      />
    </FormFrame>
  );
}

// ---- courses and conferences -----------------------------------------------------------------

export const courseFormatLabel = (f: string) => capitalise(enumWord(f));

const ZCourseForm = ZCourseInput.extend({
  format: required(ZCourseFormat),
  startDate: required(ZCourseInput.shape.startDate),
  cpdHours: z
    .string()
    .trim()
    .regex(/^(\d+(\.\d+)?)?$/, 'must be a number such as 6 or 1.5')
    .transform((v) => (v === '' ? null : Number(v)))
    .pipe(ZCourseInput.shape.cpdHours.unwrap()),
});

const courseValues = (c?: CourseItem) => ({
  title: c?.title ?? '',
  format: c?.format ?? '',
  organiser: nullToEmpty(c?.organiser),
  startDate: c?.startDate ?? '',
  endDate: nullToEmpty(c?.endDate),
  cpdHours: c?.cpdHours === null || c?.cpdHours === undefined ? '' : String(c.cpdHours),
  reflection: nullToEmpty(c?.reflection),
});

export function CourseForm({ item, onSaved, onCancel }: RecordFormProps<'courses'>) {
  const initialValues = courseValues(item);
  const form = useZodForm({
    schema: ZCourseForm,
    initialValues: initialValues as z.input<typeof ZCourseForm>,
    labels: { title: 'Title', format: 'Format', organiser: 'Organiser', startDate: 'Start date', endDate: 'End date', cpdHours: 'CPD hours', reflection: 'Reflection' },
    onSubmit: async (data) => {
      const saved = await saveRecord<CourseItem>('courses', item?.id, data, ZCourseInput.shape, Object.keys(initialValues));
      onSaved(saved, !item);
    },
  });
  return (
    <FormFrame title={item ? `Edit course: ${item.title}` : 'Add a course or conference'} form={form} saveLabel="Save course" onCancel={onCancel}>
      <TextField label="Title" {...form.field('title')} />
      <SelectField label="Format" placeholder="Choose a format" options={ZCourseFormat.options.map((f) => ({ value: f, label: courseFormatLabel(f) }))} {...form.field('format')} />
      <TextField label="Organiser" optional {...form.field('organiser')} />
      <div className="record-form-row">
        <DateField label="Start date" {...form.field('startDate')} />
        <DateField label="End date" optional hint="For a course over several days." {...form.field('endDate')} />
      </div>
      <TextField label="CPD hours" optional hint="In half hours, e.g. 6 or 1.5." inputMode="decimal" className="input-code" {...form.field('cpdHours')} />
      <TextAreaField label="Reflection" optional hint="What you learnt and what you changed." rows={3} {...form.field('reflection')} />
    </FormFrame>
  );
}

// ---- memberships -----------------------------------------------------------------------------

const membershipValues = (m?: MembershipItem) => ({
  organisation: m?.organisation ?? '',
  grade: nullToEmpty(m?.grade),
  postNominals: nullToEmpty(m?.postNominals),
  since: nullToEmpty(m?.since),
  until: nullToEmpty(m?.until),
});

export function MembershipForm({ item, onSaved, onCancel }: RecordFormProps<'memberships'>) {
  const initialValues = membershipValues(item);
  const form = useZodForm({
    schema: ZMembershipInput,
    initialValues,
    labels: { organisation: 'Organisation', grade: 'Grade of membership', postNominals: 'Letters after your name', since: 'Start of membership', until: 'End of membership' },
    onSubmit: async (data) => {
      const saved = await saveRecord<MembershipItem>('memberships', item?.id, data, ZMembershipInput.shape, Object.keys(initialValues));
      onSaved(saved, !item);
    },
  });
  return (
    <FormFrame title={item ? `Edit membership: ${item.organisation}` : 'Add a membership'} form={form} saveLabel="Save membership" onCancel={onCancel}>
      <TextField label="Organisation" hint="e.g. Royal College of Emergency Medicine, BMA, RCN." {...form.field('organisation')} />
      <TextField label="Grade of membership" optional hint="e.g. Member, Fellow, Associate." {...form.field('grade')} />
      <TextField label="Letters after your name" optional hint="e.g. MRCEM." {...form.field('postNominals')} />
      <div className="record-form-row">
        <DateField label="Start of membership" optional {...form.field('since')} />
        <DateField label="End of membership" optional hint="Leave empty while you are a member." {...form.field('until')} />
      </div>
    </FormFrame>
  );
}

// ---- languages -------------------------------------------------------------------------------

const languageValues = (l?: LanguageItem) => ({ language: l?.language ?? '', fluency: nullToEmpty(l?.fluency) });

export function LanguageForm({ item, onSaved, onCancel }: RecordFormProps<'languages'>) {
  const initialValues = languageValues(item);
  const form = useZodForm({
    schema: ZLanguageInput,
    initialValues,
    labels: { language: 'Language', fluency: 'Fluency' },
    onSubmit: async (data) => {
      const saved = await saveRecord<LanguageItem>('languages', item?.id, data, ZLanguageInput.shape, Object.keys(initialValues));
      onSaved(saved, !item);
    },
  });
  return (
    <FormFrame title={item ? `Edit language: ${item.language}` : 'Add a language'} form={form} saveLabel="Save language" onCancel={onCancel}>
      <TextField label="Language" {...form.field('language')} />
      <TextField label="Fluency" optional hint="e.g. Native, Fluent, Conversational, IELTS 8.0." {...form.field('fluency')} />
    </FormFrame>
  );
}

// ---- clinical skills and procedures -----------------------------------------------------------

export const supervisionLabel = (s: string) => capitalise(enumWord(s));

const ZSkillForm = ZSkillInput.extend({
  // Empty is "not given"; anything else is checked by the server's own rule (a whole number, not negative).
  count: z
    .string()
    .trim()
    .regex(/^(-?\d+(\.\d+)?)?$/, 'must be a whole number')
    .transform((v) => (v === '' ? null : Number(v)))
    .pipe(ZSkillInput.shape.count.unwrap()),
  supervision: z
    .string()
    .transform((v) => (v === '' ? null : v))
    .pipe(ZSupervision.nullable()),
  keywords: lines(ZSkillInput.shape.keywords.unwrap()),
});

const skillValues = (k?: SkillItem) => ({
  name: k?.name ?? '',
  supervision: k?.supervision ?? '',
  proficiency: nullToEmpty(k?.proficiency),
  count: k?.count === null || k?.count === undefined ? '' : String(k.count),
  periodStart: nullToEmpty(k?.periodStart),
  periodEnd: nullToEmpty(k?.periodEnd),
  keywords: (k?.keywords ?? []).join('\n'),
  logbook: nullToEmpty(k?.logbook),
});

export function SkillForm({ item, onSaved, onCancel }: RecordFormProps<'skills'>) {
  const initialValues = skillValues(item);
  const form = useZodForm({
    schema: ZSkillForm,
    initialValues: initialValues as z.input<typeof ZSkillForm>,
    labels: {
      name: 'Skill or procedure',
      supervision: 'Supervision',
      proficiency: 'Level',
      count: 'Number performed',
      periodStart: 'Counted from',
      periodEnd: 'Counted to (as of)',
      keywords: 'Includes',
      logbook: 'Logbook summary',
    },
    onSubmit: async (data) => {
      const saved = await saveRecord<SkillItem>('skills', item?.id, data, ZSkillInput.shape, Object.keys(initialValues));
      onSaved(saved, !item);
    },
  });
  return (
    <FormFrame title={item ? `Edit skill: ${item.name}` : 'Add a clinical skill or procedure'} form={form} saveLabel="Save skill" onCancel={onCancel}>
      <TextField label="Skill or procedure" hint="e.g. Central venous catheter insertion, or a group such as Airway." {...form.field('name')} />
      <SelectField
        label="Supervision"
        optional
        placeholder="Not given"
        options={ZSupervision.options.map((s) => ({ value: s, label: supervisionLabel(s) }))}
        hint="How you do it now: on your own, under supervision, or observed only."
        {...form.field('supervision')}
      />
      <TextField label="Number performed" optional hint="From your logbook, e.g. 45." inputMode="numeric" className="input-code" {...form.field('count')} />
      <div className="record-form-row">
        <DateField label="Counted from" optional hint="The start of the period the number covers." {...form.field('periodStart')} />
        <DateField label="Counted to (as of)" optional hint="The date the number stands at." {...form.field('periodEnd')} />
      </div>
      <TextField label="Level" optional hint="In your own words, e.g. Foundation, Advanced." {...form.field('proficiency')} />
      <TextAreaField label="Includes" optional hint="One per line, e.g. the procedures of a group." rows={2} {...form.field('keywords')} />
      <TextAreaField label="Logbook summary" optional hint="Settings, complications, outcomes. Leave out anything that identifies a patient." rows={3} {...form.field('logbook')} />
    </FormFrame>
  );
}
