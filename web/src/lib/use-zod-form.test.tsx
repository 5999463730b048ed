// @vitest-environment jsdom
import '../test/setup.ts';
import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ZRegisterRequest } from '../../../server/domains/accounts/schema.ts';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { SubmitButton, TextField } from '../components/fields.tsx';
import { ApiError } from './api.ts';
import { useZodForm } from './use-zod-form.ts';
import { renderAt } from '../test/render.tsx';

function RegisterForm({ onSubmit }: { onSubmit: (data: unknown) => unknown }) {
  const form = useZodForm({
    schema: ZRegisterRequest,
    initialValues: { name: '', email: '', password: '' },
    labels: { name: 'Full name', email: 'Email address', password: 'Password' },
    idPrefix: 'reg',
    onSubmit,
  });
  return (
    <form onSubmit={form.handleSubmit} noValidate>
      <ErrorSummary {...form.summary} />
      <TextField label="Full name" {...form.field('name')} />
      <TextField label="Email address" type="email" {...form.field('email')} />
      <TextField label="Password" type="password" hint="At least 12 characters" {...form.field('password')} />
      <SubmitButton busy={form.submitting}>Create account</SubmitButton>
    </form>
  );
}

describe('useZodForm', () => {
  it('validates with the server schema on submit and links each message to its field', async () => {
    const onSubmit = vi.fn();
    const user = userEvent.setup();
    renderAt(<RegisterForm onSubmit={onSubmit} />);
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    expect(onSubmit).not.toHaveBeenCalled();
    const summary = screen.getByRole('alert');
    expect(summary).toHaveFocus();
    expect(within(summary).getByRole('link', { name: 'Full name is required' })).toHaveAttribute('href', '#reg-name');
    // An empty address is missing, not "not a valid email address" (issue 18).
    expect(within(summary).getByRole('link', { name: 'Email address is required' })).toBeInTheDocument();

    const email = screen.getByLabelText('Email address');
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveAccessibleDescription('Error: Email address is required');
    // The password passes the shared schema's shape check (policy is the server's job).
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('At least 12 characters Error: Password is required');

    await user.click(within(summary).getByRole('link', { name: 'Full name is required' }));
    expect(screen.getByLabelText('Full name')).toHaveFocus();
  });

  it('hands over parsed data (trimmed, lower-cased) and merges the server’s 422 onto the same fields', async () => {
    const onSubmit = vi.fn(async () => {
      throw new ApiError(422, 'VALIDATION', 'The password must be at least 12 characters', {
        issues: [{ path: 'body.password', message: 'must be at least 12 characters' }],
      });
    });
    const user = userEvent.setup();
    renderAt(<RegisterForm onSubmit={onSubmit} />);
    await user.type(screen.getByLabelText('Full name'), '  Asha Patel ');
    await user.type(screen.getByLabelText('Email address'), ' Asha@Example.ORG ');
    await user.type(screen.getByLabelText('Password'), 'short');
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    expect(onSubmit).toHaveBeenCalledWith({ name: 'Asha Patel', email: 'asha@example.org', password: 'short' });
    const password = screen.getByLabelText('Password');
    expect(await screen.findByRole('link', { name: 'Password must be at least 12 characters' })).toBeInTheDocument();
    expect(password).toHaveAttribute('aria-invalid', 'true');
    expect(password).toHaveAccessibleDescription(/Error: Password must be at least 12 characters/);
    expect(screen.getByLabelText('Email address')).not.toHaveAttribute('aria-invalid');

    // Typing in the field clears its message.
    await user.type(password, 'x');
    expect(password).not.toHaveAttribute('aria-invalid');
  });

  it('shows an error that is not about a field in the summary, with the retry time', async () => {
    const onSubmit = vi.fn(async () => {
      throw new ApiError(429, 'RATE_LIMITED', 'Too many sign-ups from this network', { retryAfterSeconds: 120 });
    });
    const user = userEvent.setup();
    renderAt(<RegisterForm onSubmit={onSubmit} />);
    await user.type(screen.getByLabelText('Full name'), 'Asha');
    await user.type(screen.getByLabelText('Email address'), 'asha@example.org');
    await user.type(screen.getByLabelText('Password'), 'long enough password');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many sign-ups from this network. Try again in 2 minutes.');
  });
});
