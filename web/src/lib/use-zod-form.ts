import { useCallback, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { isApiError } from './api.ts';
// zod's technical texts in the same words as the API's 422 answers.
import { zodIssueWords } from '../../../server/platform/words/validation-words.ts';

/**
 * Form state validated with the server's own zod schema (from server/domains/<name>/schema.ts):
 * the same rules run on submit here and again on the server, and the server's 422 field errors
 * land on the same fields as the client's.
 *
 *   const form = useZodForm({ schema: ZLoginRequest, initialValues: { email: '', password: '' },
 *     labels: { email: 'Email address', password: 'Password' },
 *     onSubmit: (body) => api.post('/api/auth/login', body) });
 *   <form onSubmit={form.handleSubmit} noValidate>
 *     <ErrorSummary {...form.summary} />
 *     <TextField label="Email address" type="email" {...form.field('email')} />
 *     <SubmitButton busy={form.submitting}>Sign in</SubmitButton>
 *   </form>
 *
 * Messages: the server's schemas say fragments ("is required", "must be a valid email
 * address"); those are prefixed with the field's label ("Email address is required").
 * Whole sentences (starting with a capital) are shown as they are.
 */

export type FieldName<S extends z.ZodObject> = Extract<keyof z.input<S>, string>;

export interface UseZodFormOptions<S extends z.ZodObject> {
  schema: S;
  initialValues: z.input<S>;
  /** Field -> label, used to turn "is required" into "Email is required". */
  labels?: Partial<Record<FieldName<S>, string>>;
  /** Called with the parsed (trimmed, defaulted) data. Throw (e.g. an ApiError) to show errors. */
  onSubmit: (data: z.output<S>) => unknown;
  /** Prefix of the fields' element ids (default: a unique id). */
  idPrefix?: string;
}

export interface FieldProps {
  id: string;
  name: string;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}

export interface CheckboxProps {
  id: string;
  name: string;
  checked: boolean;
  error: string | undefined;
  onChange: (checked: boolean) => void;
}

export interface SummaryItem {
  /** Element id of the field to link to; absent when the error is not about a field on this form. */
  fieldId?: string;
  message: string;
}

export interface ErrorSummaryProps {
  items: SummaryItem[];
  /** A request-level error (not tied to a field): an ApiError or anything thrown. */
  error?: unknown;
  /** Changes on every failed submit, so the summary takes focus again. */
  focusKey: number;
}

export function useZodForm<S extends z.ZodObject>(options: UseZodFormOptions<S>) {
  const { schema, labels, onSubmit } = options;
  const reactId = useId();
  const idPrefix = options.idPrefix ?? `f${reactId.replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const [values, setValuesState] = useState<z.input<S>>(options.initialValues);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [serverError, setServerErrorState] = useState<unknown>(undefined);
  const [submitting, setSubmitting] = useState(false);
  const [focusKey, setFocusKey] = useState(0);
  const submittingRef = useRef(false);
  const fieldOrder = useMemo(() => Object.keys(options.initialValues as object), [options.initialValues]);

  const idFor = useCallback((name: string) => `${idPrefix}-${name.replace(/\./g, '-')}`, [idPrefix]);
  const labelled = useCallback(
    (key: string, message: string) => {
      const label = (labels as Record<string, string | undefined> | undefined)?.[key];
      return label && /^[a-z]/.test(message) ? `${label} ${message}` : message;
    },
    [labels],
  );

  const setValue = useCallback(<K extends FieldName<S>>(name: K, value: z.input<S>[K]) => {
    setValuesState((prev) => ({ ...prev, [name]: value }));
    setErrors((prev) => {
      if (!(name in prev)) return prev;
      const next = { ...prev };
      delete next[name];
      return next;
    });
  }, []);

  /** Shows what a failed request says: field errors on their fields, anything else in the summary. */
  const setServerError = useCallback(
    (err: unknown) => {
      const fieldErrors = isApiError(err) ? err.fieldErrors : {};
      const keys = Object.keys(fieldErrors).filter((k) => k !== '');
      if (keys.length) {
        setErrors(Object.fromEntries(Object.entries(fieldErrors).map(([k, m]) => [k, labelled(k, m)])));
        setServerErrorState(undefined);
      } else {
        setErrors({});
        setServerErrorState(err);
      }
      setFocusKey((k) => k + 1);
    },
    [labelled],
  );

  /** Sets (or clears, with undefined) one field's message, e.g. after a check only the screen knows. */
  const setFieldError = useCallback(
    (name: string, message: string | undefined) => {
      setErrors((prev) => {
        const next = { ...prev };
        if (message === undefined) delete next[name];
        else next[name] = labelled(name, message);
        return next;
      });
    },
    [labelled],
  );

  /** Parses the current values; optional fields left empty are sent as absent, not as ''. */
  const validate = useCallback((): { ok: true; data: z.output<S> } | { ok: false } => {
    const shape = schema.shape as Record<string, z.ZodType | undefined>;
    const input: Record<string, unknown> = { ...(values as Record<string, unknown>) };
    for (const [key, value] of Object.entries(input)) {
      if (value === '' && shape[key]?.safeParse(undefined).success) delete input[key];
    }
    const result = schema.safeParse(input);
    if (result.success) return { ok: true, data: result.data };
    const next: Record<string, string> = {};
    for (const issue of result.error.issues) {
      const key = issue.path.map(String).join('.');
      next[key] ??= labelled(key, zodIssueWords(issue));
    }
    setErrors(next);
    setServerErrorState(undefined);
    setFocusKey((k) => k + 1);
    return { ok: false };
  }, [schema, values, labelled]);

  const handleSubmit = useCallback(
    async (event?: FormEvent) => {
      event?.preventDefault();
      if (submittingRef.current) return;
      const parsed = validate();
      if (!parsed.ok) return;
      setErrors({});
      setServerErrorState(undefined);
      submittingRef.current = true;
      setSubmitting(true);
      try {
        await onSubmit(parsed.data);
      } catch (err) {
        setServerError(err);
      } finally {
        submittingRef.current = false;
        setSubmitting(false);
      }
    },
    [validate, onSubmit, setServerError],
  );

  const field = (name: FieldName<S>): FieldProps => {
    const raw = (values as Record<string, unknown>)[name];
    return {
      id: idFor(name),
      name,
      value: raw === undefined || raw === null ? '' : String(raw),
      error: errors[name],
      onChange: (value: string) => setValue(name, value as z.input<S>[typeof name]),
    };
  };

  const checkbox = (name: FieldName<S>): CheckboxProps => ({
    id: idFor(name),
    name,
    checked: Boolean((values as Record<string, unknown>)[name]),
    error: errors[name],
    onChange: (checked: boolean) => setValue(name, checked as z.input<S>[typeof name]),
  });

  const ordered = Object.keys(errors).sort((a, b) => {
    const ia = fieldOrder.indexOf(a.split('.')[0] ?? a);
    const ib = fieldOrder.indexOf(b.split('.')[0] ?? b);
    return (ia < 0 ? Infinity : ia) - (ib < 0 ? Infinity : ib);
  });
  const summary: ErrorSummaryProps = {
    items: ordered.map((key) => ({
      ...(key !== '' && fieldOrder.includes(key) ? { fieldId: idFor(key) } : {}),
      message: errors[key] ?? '',
    })),
    error: serverError,
    focusKey,
  };

  return {
    values,
    setValue,
    setValues: setValuesState,
    errors,
    setFieldError,
    serverError,
    setServerError,
    submitting,
    handleSubmit: (event?: FormEvent) => void handleSubmit(event),
    /** Same as handleSubmit, but awaitable (tests, programmatic submits). */
    submit: handleSubmit,
    field,
    checkbox,
    idFor,
    summary,
    reset: (next?: z.input<S>) => {
      setValuesState(next ?? options.initialValues);
      setErrors({});
      setServerErrorState(undefined);
    },
  };
}

export type ZodForm<S extends z.ZodObject> = ReturnType<typeof useZodForm<S>>;
