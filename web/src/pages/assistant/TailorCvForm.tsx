import { ZCreateCvRequest, type CvTemplate } from '../../../../server/domains/cvs/schema.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { SelectField, SubmitButton, TextAreaField } from '../../components/fields.tsx';
import { api } from '../../lib/api.ts';
import { useZodForm } from '../../lib/use-zod-form.ts';
import { RequirementPreview } from '../job-analysis/RequirementPreview.tsx';

// Every template the API takes (CV_TEMPLATES), in words; the record and the advert choose by default.
const TEMPLATES: ReadonlyArray<{ value: CvTemplate; label: string }> = [
  { value: 'full', label: 'Full CV, laid out for my profession (chosen from my record and the advert)' },
  { value: 'locum', label: 'One-page locum profile' },
  { value: 'uk-doctor', label: 'UK doctor (GMC order)' },
  { value: 'uk-nurse', label: 'UK nurse or midwife (NMC)' },
  { value: 'uk-ahp', label: 'UK paramedic, allied health professional or pharmacist (HCPC, GPhC)' },
  { value: 'us-clinician', label: 'US physician or nurse (licensure, US Letter)' },
];

/** Paste an advert, press "Tailor my CV": `POST /api/cvs` answers 202 with the request's id. */
export function TailorCvForm({ onStarted }: { onStarted: (id: string) => void }) {
  const form = useZodForm({
    schema: ZCreateCvRequest,
    initialValues: { jobDescription: '', template: 'full' as CvTemplate },
    labels: { jobDescription: 'Job description', template: 'CV template' },
    idPrefix: 'tailor',
    onSubmit: async (body) => {
      const accepted = await api.post<{ id: string; status: 'queued' }>('/api/cvs', body);
      onStarted(accepted.id);
    },
  });
  return (
    <form className="stack" onSubmit={form.handleSubmit} noValidate aria-labelledby="tailor-title">
      <ErrorSummary {...form.summary} />
      <TextAreaField
        label="Job description"
        hint="Paste the whole advert, including the person specification. Only what your record can prove goes into the CV."
        rows={8}
        {...form.field('jobDescription')}
      />
      <RequirementPreview jobDescription={form.values.jobDescription} />
      <SelectField label="CV template" options={TEMPLATES} {...form.field('template')} />
      <div className="actions">
        <SubmitButton busy={form.submitting} busyLabel="Starting…">
          Tailor my CV
        </SubmitButton>
      </div>
    </form>
  );
}
