import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ZChangePasswordRequest } from '../../../../server/domains/accounts/schema.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { PasswordField, SubmitButton } from '../../components/fields.tsx';
import { api } from '../../lib/api.ts';
import { useZodForm } from '../../lib/use-zod-form.ts';
import { sessionsQueryKey } from './SessionsSection.tsx';

/** Change password (current + new); the server signs out every other session. */
export function ChangePasswordSection() {
  const queryClient = useQueryClient();
  const [changed, setChanged] = useState(false);
  const form = useZodForm({
    schema: ZChangePasswordRequest,
    initialValues: { currentPassword: '', newPassword: '' },
    labels: { currentPassword: 'Current password', newPassword: 'New password' },
    idPrefix: 'change-password',
    onSubmit: async (body) => {
      setChanged(false);
      await api.post('/api/me/password', body);
      form.reset();
      setChanged(true);
      void queryClient.invalidateQueries({ queryKey: sessionsQueryKey });
    },
  });
  return (
    <section className="card stack" aria-labelledby="password-heading">
      <h2 id="password-heading">Change your password</h2>
      <form className="stack" onSubmit={form.handleSubmit} noValidate>
        <ErrorSummary {...form.summary} />
        <PasswordField label="Current password" {...form.field('currentPassword')} />
        <PasswordField
          label="New password"
          isNew
          hint="At least 12 characters. A few unrelated words is easy to remember and hard to guess."
          {...form.field('newPassword')}
          onChange={(v) => {
            setChanged(false);
            form.field('newPassword').onChange(v);
          }}
        />
        <div className="actions">
          <SubmitButton busy={form.submitting} busyLabel="Changing…">
            Change password
          </SubmitButton>
        </div>
      </form>
      <div role="status" aria-live="polite">
        {changed ? <p className="notice notice-ok">Your password has been changed. Any other sessions have been signed out.</p> : null}
      </div>
    </section>
  );
}
