import { useState } from 'react';
import { Link } from 'react-router';
import { ZForgotPasswordRequest } from '../../../../server/domains/accounts/schema.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { SubmitButton, TextField } from '../../components/fields.tsx';
import { Page } from '../../components/Page.tsx';
import { api } from '../../lib/api.ts';
import { useZodForm } from '../../lib/use-zod-form.ts';

export function ForgotPasswordPage() {
  const [sent, setSent] = useState<string | undefined>();
  const form = useZodForm({
    schema: ZForgotPasswordRequest,
    initialValues: { email: '' },
    labels: { email: 'Email address' },
    idPrefix: 'forgot',
    onSubmit: async (body) => {
      const result = await api.post<{ status: 'accepted'; message: string }>('/api/auth/forgot-password', body);
      setSent(result.message);
    },
  });
  if (sent) {
    return (
      <Page title="Check your email">
        <p role="status">{sent}</p>
        <p>The link works for 60 minutes and only once. If nothing arrives, check your spam folder.</p>
        <p>
          <Link to="/sign-in">Back to sign in</Link>
        </p>
      </Page>
    );
  }
  return (
    <Page title="Reset your password">
      <p className="lead">Enter the email address you use for Medfolio and we will send you a link to set a new password.</p>
      <form className="stack" onSubmit={form.handleSubmit} noValidate>
        <ErrorSummary {...form.summary} />
        <TextField label="Email address" type="email" autoComplete="email" spellCheck={false} {...form.field('email')} />
        <div className="actions">
          <SubmitButton busy={form.submitting} busyLabel="Sending…">
            Send reset link
          </SubmitButton>
        </div>
      </form>
      <p>
        <Link to="/sign-in">Back to sign in</Link>
      </p>
    </Page>
  );
}
