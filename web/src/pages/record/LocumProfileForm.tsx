import { useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { SHIFT_PATTERNS, ZLocumProfileInput, type LocumProfile } from '../../../../server/domains/profile/schema.ts';
import { capitalise, enumWord } from '../../../../server/platform/words/enum-words.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { Checkbox, DateField, SubmitButton, TextAreaField, TextField } from '../../components/fields.tsx';
import { ErrorState, Loading } from '../../components/states.tsx';
import { api } from '../../lib/api.ts';
import { useZodForm } from '../../lib/use-zod-form.ts';

/**
 * Specialties and availability: what the one-page locum CV prints beside compliance. One form,
 * saved whole (PUT), checked by the server's own rules; each shift pattern is a checkbox.
 */
const locumProfileKey = ['locum-profile'] as const;

const lines = (server: z.ZodType) =>
  z
    .string()
    .transform((v) =>
      v
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    )
    .pipe(server as z.ZodType<string[], string[]>);
const wholeNumber = (server: z.ZodType) =>
  z
    .string()
    .trim()
    .regex(/^(-?\d+(\.\d+)?)?$/, 'must be a whole number')
    .transform((v) => (v === '' ? null : Number(v)))
    .pipe(server as z.ZodType<number | null, number | null>);

const patternKey = (p: (typeof SHIFT_PATTERNS)[number]) => `pattern:${p}` as const;
const shape = ZLocumProfileInput.shape;
const ZLocumForm = z.object({
  specialties: lines(shape.specialties.unwrap()),
  regions: lines(shape.regions.unwrap()),
  noticeDays: wholeNumber(shape.noticeDays.unwrap()),
  travelRadiusMiles: wholeNumber(shape.travelRadiusMiles.unwrap()),
  availableFrom: z
    .string()
    .transform((v) => (v === '' ? null : v))
    .pipe(shape.availableFrom.unwrap()),
  ...(Object.fromEntries(SHIFT_PATTERNS.map((p) => [patternKey(p), z.boolean()])) as Record<ReturnType<typeof patternKey>, z.ZodBoolean>),
});

const formValues = (p: LocumProfile) => ({
  specialties: p.specialties.join('\n'),
  regions: p.regions.join('\n'),
  noticeDays: p.noticeDays === null ? '' : String(p.noticeDays),
  travelRadiusMiles: p.travelRadiusMiles === null ? '' : String(p.travelRadiusMiles),
  availableFrom: p.availableFrom ?? '',
  ...Object.fromEntries(SHIFT_PATTERNS.map((s) => [patternKey(s), p.shiftPatterns.includes(s)])),
});

export const shiftPatternLabel = (p: string) => capitalise(enumWord(p));

function LocumForm({ profile, announce }: { profile: LocumProfile; announce: (message: string) => void }) {
  const queryClient = useQueryClient();
  const form = useZodForm({
    schema: ZLocumForm,
    initialValues: formValues(profile) as z.input<typeof ZLocumForm>,
    labels: { specialties: 'Specialties', regions: 'Regions', noticeDays: 'Notice', travelRadiusMiles: 'Travel radius', availableFrom: 'Available from' },
    onSubmit: async (data) => {
      const values = data as Record<string, unknown>;
      const saved = await api.put<LocumProfile>('/api/me/locum-profile', {
        specialties: data.specialties,
        regions: data.regions,
        noticeDays: data.noticeDays,
        travelRadiusMiles: data.travelRadiusMiles,
        availableFrom: data.availableFrom,
        shiftPatterns: SHIFT_PATTERNS.filter((p) => values[patternKey(p)] === true),
      });
      queryClient.setQueryData(locumProfileKey, saved);
      announce('Specialties and availability saved.');
    },
  });
  return (
    <form className="stack card record-form" onSubmit={form.handleSubmit} noValidate aria-label="Specialties and availability">
      <ErrorSummary {...form.summary} />
      <TextAreaField label="Specialties" optional hint="One per line, e.g. Emergency medicine." rows={2} {...form.field('specialties')} />
      <fieldset className="stack stack-tight">
        <legend>Shift patterns you work</legend>
        {SHIFT_PATTERNS.map((p) => (
          <Checkbox key={p} label={shiftPatternLabel(p)} {...form.checkbox(patternKey(p))} />
        ))}
      </fieldset>
      <div className="record-form-row">
        <DateField label="Available from" optional hint="The earliest date you can start." {...form.field('availableFrom')} />
        <TextField label="Notice" optional hint="Days of notice you need, e.g. 14." inputMode="numeric" className="input-code" {...form.field('noticeDays')} />
      </div>
      <TextAreaField label="Regions" optional hint="One per line, e.g. Greater Manchester." rows={2} {...form.field('regions')} />
      <TextField label="Travel radius" optional hint="How far you travel from home, in miles." inputMode="numeric" className="input-code" {...form.field('travelRadiusMiles')} />
      <div className="actions">
        <SubmitButton busy={form.submitting} busyLabel="Saving…">
          Save specialties and availability
        </SubmitButton>
      </div>
    </form>
  );
}

export function LocumProfileSection({ announce }: { announce: (message: string) => void }) {
  const profile = useQuery({ queryKey: locumProfileKey, queryFn: ({ signal }) => api.get<LocumProfile>('/api/me/locum-profile', { signal }) });
  return (
    <section id="locum-profile" className="record-section stack" aria-labelledby="locum-profile-heading">
      <h2 id="locum-profile-heading" tabIndex={-1}>
        Specialties and availability
      </h2>
      <p>What agencies ask first. The one-page locum CV prints it beside your registration and training; tailored CVs leave it out, and no AI ever sees it.</p>
      {profile.isPending ? <Loading /> : profile.isError ? <ErrorState error={profile.error} /> : <LocumForm profile={profile.data} announce={announce} />}
    </section>
  );
}
