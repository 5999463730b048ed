import { ZCreateCvRequest } from '../../../../server/domains/cvs/schema.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { SelectField, SubmitButton, TextAreaField } from '../../components/fields.tsx';
import { api } from '../../lib/api.ts';
import { useZodForm } from '../../lib/use-zod-form.ts';
import { RequirementPreview } from '../job-analysis/RequirementPreview.tsx';

const TEMPLATES = [
  { value: 'full', label: 'Full clinical CV (GMC order)' },
  { value: 'locum', label: 'One-page locum profile' },
] as const;

/** Paste an advert, press "Tailor my CV": `POST /api/cvs` answers 202 with the request's id. */
export function TailorCvForm({ onStarted }: { onStarted: (id: string) => void }) {
  const form = useZodForm({
    schema: ZCreateCvRequest,
    initialValues: { jobDescription: '', template: 'full' as 'full' | 'locum' },
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
