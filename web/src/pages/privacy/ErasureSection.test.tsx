// @vitest-environment jsdom
import '../../test/setup.ts';
import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../app/App.tsx';
import { apiError, me, on, stubFetch, type StubCall } from '../../test/fetch-stub.ts';
import { renderAt } from '../../test/render.tsx';

// Other suites share the CPU: give the first render of the whole app time.

const csrf = on('GET', '/api/auth/csrf', () => {
  document.cookie = 'medfolio_csrf=t0k3n';
  return { body: { csrfToken: 't0k3n' } };
});
const policy = {
  requestDueDays: 'one month',
  rules: [
    { id: 'erased-accounts', data: 'An account whose erasure you asked for', keptFor: { days: 30 }, after: 'you asked for the erasure' },
    { id: 'conversation-messages', data: 'Assistant conversation messages', keptFor: { perPlan: [{ planId: 'free', planName: 'Free', days: 30 }] }, after: 'the message was sent' },
  ],
};
/** The password is checked before the confirmation step; only this one is right. */
const passwordCheck = on('POST', '/api/me/erasure/password-check', (call) =>
  (call.body as { password: string }).password === 'correct horse battery'
    ? { body: { ok: true } }
    : apiError(422, 'VALIDATION', 'The password is incorrect', { issues: [{ path: 'body.password', message: 'Password is incorrect' }] }),
);
const privacyPage = (user: typeof me) => [
  csrf,
  passwordCheck,
  on('GET', '/api/me', { body: user }),
  on('GET', '/api/me/exports', { body: { exports: [] } }),
  on('GET', '/api/me/privacy-requests', { body: { requests: [] } }),
  on('GET', '/api/privacy/policy', { body: policy }),
];

describe('erasure', () => {
  it('asks for the two-factor code when two-factor is on, confirms, then lands signed out with the reference', async () => {
    const erasures: StubCall[] = [];
    const calls = stubFetch(
      on('POST', '/api/me/erasure', (call) => {
        erasures.push(call);
        const body = call.body as { totp?: string };
        if (body.totp !== '123456') return apiError(422, 'VALIDATION', 'The two-factor code is not valid', { issues: [{ path: 'body.totp', message: 'is not valid' }] });
        return { status: 202, body: { reference: '4f1d7a8e-2b9c-4c3d-8e5f-6a7b8c9d0e1f', scheduledFor: '2026-04-30T09:00:00.000Z', message: 'Your account is locked.' } };
      }),
      ...privacyPage({ ...me, twoFactorEnabled: true, recoveryCodesRemaining: 10 }),
    );
    const user = userEvent.setup();
    renderAt(<App />, '/privacy');
    const zone = (await screen.findByRole('heading', { name: 'Danger zone: erase your account' })).closest('section')!;
    expect(await within(zone).findByText(/After 30 days:/)).toBeInTheDocument();

    await user.click(within(zone).getByRole('button', { name: 'Erase my account…' }));
    expect(within(zone).getByLabelText('Password')).toHaveFocus();
    await user.type(within(zone).getByLabelText('Password'), 'correct horse battery');
    await user.click(within(zone).getByRole('button', { name: 'Continue' }));
    // The code is required before anything is sent.
    expect(within(zone).getByRole('alert')).toHaveTextContent('Two-factor code must be a 6-digit code or a recovery code');
    expect(within(zone).getByLabelText('Two-factor code')).toHaveAttribute('aria-invalid', 'true');
    expect(erasures).toHaveLength(0);

    await user.type(within(zone).getByLabelText('Two-factor code'), '000000');
    await user.click(within(zone).getByRole('button', { name: 'Continue' }));
    expect(await within(zone).findByRole('heading', { name: 'Are you sure you want to erase your account?' })).toHaveFocus();
    expect(erasures).toHaveLength(0);
    await user.click(within(zone).getByRole('button', { name: 'Yes, erase my account' }));
    // A wrong code comes back to the form, on the code field.
    expect(await within(zone).findByRole('link', { name: 'Two-factor code is not valid' })).toBeInTheDocument();

    await user.clear(within(zone).getByLabelText('Two-factor code'));
    await user.type(within(zone).getByLabelText('Two-factor code'), '123456');
    await user.click(within(zone).getByRole('button', { name: 'Continue' }));
    await user.click(await within(zone).findByRole('button', { name: 'Yes, erase my account' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Your account will be erased' })).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent('/cancel-erasure');
    expect(screen.getByText('4f1d7a8e-2b9c-4c3d-8e5f-6a7b8c9d0e1f')).toBeInTheDocument();
    expect(screen.getByText('30 April 2026')).toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Main' })).not.toBeInTheDocument();
    expect(erasures.map((c) => c.body)).toEqual([
      { password: 'correct horse battery', totp: '000000' },
      { password: 'correct horse battery', totp: '123456' },
    ]);
    // Nothing signed-in is fetched again once the session is gone.
    const after = calls.length;
    await new Promise((r) => setTimeout(r, 50));
    expect(calls.slice(after).filter((c) => c.path.startsWith('/api/me'))).toHaveLength(0);
  });

  it('checks the password before asking "Are you sure?"', async () => {
    const erasures: StubCall[] = [];
    stubFetch(
      on('POST', '/api/me/erasure', (call) => {
        erasures.push(call);
        return { status: 202, body: { reference: '4f1d7a8e-2b9c-4c3d-8e5f-6a7b8c9d0e1f', scheduledFor: '2026-04-30T09:00:00.000Z', message: 'Your account is locked.' } };
      }),
      ...privacyPage(me),
    );
    const user = userEvent.setup();
    renderAt(<App />, '/privacy');
    const zone = (await screen.findByRole('heading', { name: 'Danger zone: erase your account' })).closest('section')!;
    await user.click(within(zone).getByRole('button', { name: 'Erase my account…' }));
    await user.type(within(zone).getByLabelText('Password'), 'wrong horse battery');
    await user.click(within(zone).getByRole('button', { name: 'Continue' }));
    expect(await within(zone).findByRole('link', { name: 'Password is incorrect' })).toBeInTheDocument();
    expect(within(zone).queryByRole('heading', { name: 'Are you sure you want to erase your account?' })).not.toBeInTheDocument();

    await user.clear(within(zone).getByLabelText('Password'));
    await user.type(within(zone).getByLabelText('Password'), 'correct horse battery');
    await user.click(within(zone).getByRole('button', { name: 'Continue' }));
    expect(await within(zone).findByRole('heading', { name: 'Are you sure you want to erase your account?' })).toHaveFocus();
    expect(erasures).toHaveLength(0);
  });

  it('does not ask for a code when two-factor is off, and "Keep my account" closes the form', async () => {
    stubFetch(...privacyPage(me));
    const user = userEvent.setup();
    renderAt(<App />, '/privacy');
    const zone = (await screen.findByRole('heading', { name: 'Danger zone: erase your account' })).closest('section')!;
    await user.click(within(zone).getByRole('button', { name: 'Erase my account…' }));
    expect(within(zone).queryByLabelText('Two-factor code')).not.toBeInTheDocument();
    await user.click(within(zone).getByRole('button', { name: 'Keep my account' }));
    expect(within(zone).queryByLabelText('Password')).not.toBeInTheDocument();
    expect(within(zone).getByRole('button', { name: 'Erase my account…' })).toHaveFocus();
  });
});

describe('cancel erasure', () => {
  it('signs-in 403 links to the cancel page, which asks for the code when needed', async () => {
    const cancels: unknown[] = [];
    stubFetch(
      csrf,
      on(
        'POST',
        '/api/auth/login',
        apiError(403, 'FORBIDDEN', 'This account is locked because you asked us to erase it. You can still cancel the erasure with your password.', { erasurePending: true }),
      ),
      on('POST', '/api/auth/cancel-erasure', (call) => {
        cancels.push(call.body);
        const body = call.body as { totp?: string };
        if (!body.totp) return apiError(401, 'UNAUTHENTICATED', 'Enter the 6-digit code from your authenticator app, or a recovery code', { twoFactorRequired: true });
        return { body: { status: 'ok' } };
      }),
    );
    const user = userEvent.setup();
    renderAt(<App />, '/sign-in');
    await user.type(screen.getByLabelText('Email address'), 'asha@example.org');
    await user.type(screen.getByLabelText('Password'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await user.click(await screen.findByRole('link', { name: 'Cancel the erasure of your account' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Cancel the erasure of your account' })).toBeInTheDocument();
    expect(screen.getByLabelText('Email address')).toHaveValue('asha@example.org');
    await user.type(screen.getByLabelText('Password'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Cancel the erasure' }));
    const code = await screen.findByLabelText('Two-factor code');
    expect(code).toHaveFocus();
    await user.type(code, '123456');
    await user.click(screen.getByRole('button', { name: 'Cancel the erasure' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Erasure cancelled' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/sign-in');
    expect(cancels).toEqual([
      { email: 'asha@example.org', password: 'correct horse battery' },
      { email: 'asha@example.org', password: 'correct horse battery', totp: '123456' },
    ]);
  });
});
