import { useMemo } from 'react';
import { ZClockInRequest, type Timecard } from '../../../../server/domains/timecards/schema.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { SubmitButton, TextField } from '../../components/fields.tsx';
import { api } from '../../lib/api.ts';
import { useZodForm } from '../../lib/use-zod-form.ts';

export interface ClockInFormProps {
  /** Earlier shifts: their employers, sites and roles are offered as suggestions (fields start empty). */
  previous?: Array<Pick<Timecard, 'employer' | 'site' | 'role'>>;
  onClockedIn: (card: Timecard) => void;
}

const INITIAL = { employer: '', site: '', role: '' };
const unique = (values: Array<string | null>) => [...new Set(values.filter((v): v is string => Boolean(v)))].slice(0, 20);

export function ClockInForm({ previous = [], onClockedIn }: ClockInFormProps) {
  const initialValues = INITIAL;
  const suggestions = useMemo(() => ({ employer: unique(previous.map((p) => p.employer)), site: unique(previous.map((p) => p.site)), role: unique(previous.map((p) => p.role)) }), [previous]);
  const form = useZodForm({
    schema: ZClockInRequest,
    initialValues,
    labels: { employer: 'Employer', site: 'Site', role: 'Role' },
    idPrefix: 'clock-in',
    onSubmit: async (body) => {
      const card = await api.post<Timecard>('/api/timecards/clock-in', body);
      onClockedIn(card);
    },
  });
  return (
    <form className="stack tc-clock-in" onSubmit={form.handleSubmit} noValidate aria-labelledby="clock-in-title">
      <h3 id="clock-in-title" className="visually-hidden">
        Clock in
      </h3>
      <ErrorSummary {...form.summary} />
      <TextField label="Employer" autoComplete="organization" list="clock-in-employers" hint="e.g. Guy’s and St Thomas’ NHS Foundation Trust" {...form.field('employer')} />
      <TextField label="Site" optional list="clock-in-sites" {...form.field('site')} />
      <TextField label="Role" list="clock-in-roles" hint="e.g. Locum Registrar, Emergency Medicine" {...form.field('role')} />
      {(['employer', 'site', 'role'] as const).map((key) => (
        <datalist key={key} id={`clock-in-${key === 'employer' ? 'employers' : key === 'site' ? 'sites' : 'roles'}`}>
          {suggestions[key].map((v) => (
            <option key={v} value={v} />
          ))}
        </datalist>
      ))}
      <div className="actions">
        <SubmitButton busy={form.submitting} busyLabel="Clocking in…" className="tc-big-button">
          Clock in
        </SubmitButton>
      </div>
    </form>
  );
}
