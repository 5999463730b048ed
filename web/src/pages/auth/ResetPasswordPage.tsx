import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { z } from 'zod';
import { ZResetPasswordRequest } from '../../../../server/domains/accounts/schema.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { NEW_PASSWORD_HINT, PasswordField, SubmitButton } from '../../components/fields.tsx';
import { Page } from '../../components/Page.tsx';
import { api, isApiError } from '../../lib/api.ts';
import { useZodForm } from '../../lib/use-zod-form.ts';

/** The server's rules for the new password, plus a confirmation only the form needs. */
const ZResetForm = ZResetPasswordRequest.pick({ password: true })
  .extend({ confirmPassword: z.string() })
  .refine((v) => v.password === v.confirmPassword, { path: ['confirmPassword'], message: 'must match the new password' });

const tokenOk = (token: string | null): token is string => ZResetPasswordRequest.shape.token.safeParse(token).success;

export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token');
  const queryClient = useQueryClient();
  const [done, setDone] = useState(false);
  const form = useZodForm({
    schema: ZResetForm,
    initialValues: { password: '', confirmPassword: '' },
    labels: { password: 'New password', confirmPassword: 'Confirm new password' },
    idPrefix: 'reset',
    onSubmit: async ({ password }) => {
      await api.post('/api/auth/reset-password', { token, password });
      // A reset signs out every session, this one included.
      queryClient.clear();
      setDone(true);
    },
  });

  if (!tokenOk(token)) {
    return (
      <Page title="This link is not complete">
        <p>Open the link from the email again, or copy all of it into the address bar.</p>
        <p>
          <Link to="/forgot-password">Request a new reset link</Link>
        </p>
      </Page>
    );
  }
  if (done) {
    return (
      <Page title="Your password has been changed">
        <p role="status">You have been signed out everywhere. Sign in with your new password.</p>
        <p>
          <Link className="btn" to="/sign-in">
            Sign in
          </Link>
        </p>
      </Page>
    );
  }
  const gone = isApiError(form.serverError) && form.serverError.code === 'GONE';
  return (
    <Page title="Set a new password">
      <form className="stack" onSubmit={form.handleSubmit} noValidate>
        <ErrorSummary {...form.summary} />
        {gone ? (
          <p>
            <Link to="/forgot-password">Request a new reset link</Link>
          </p>
        ) : null}
        <PasswordField label="New password" isNew hint={NEW_PASSWORD_HINT} {...form.field('password')} />
        <PasswordField label="Confirm new password" isNew {...form.field('confirmPassword')} />
        <div className="actions">
          <SubmitButton busy={form.submitting} busyLabel="Saving…">
            Set new password
          </SubmitButton>
        </div>
      </form>
    </Page>
  );
}
