// @vitest-environment jsdom
import '../../test/setup.ts';
import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../app/App.tsx';
import { apiError, me, on, stubFetch } from '../../test/fetch-stub.ts';
import { renderAt } from '../../test/render.tsx';

const csrf = on('GET', '/api/auth/csrf', () => {
  document.cookie = 'medfolio_csrf=t0k3n';
  return { body: { csrfToken: 't0k3n' } };
});

describe('sign in', () => {
  it('shows the shared schema’s messages without calling the API', async () => {
    const calls = stubFetch(csrf);
    const user = userEvent.setup();
    renderAt(<App />, '/sign-in');
    expect(screen.getByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(document.title).toBe('Sign in – Medfolio');
    await user.type(screen.getByLabelText('Email address'), 'not-an-email');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    const summary = screen.getByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Email address must be a valid email address' })).toBeInTheDocument();
    expect(within(summary).getByRole('link', { name: 'Password is required' })).toBeInTheDocument();
    expect(screen.getByLabelText('Password')).toHaveAttribute('aria-invalid', 'true');
    expect(calls).toHaveLength(0);
  });

  it('asks for the two-factor code when login says so, then signs in and goes to ?next', async () => {
    const logins: unknown[] = [];
    stubFetch(
      csrf,
      on('POST', '/api/auth/login', (call) => {
        logins.push(call.body);
        const body = call.body as { totp?: string };
        if (!body.totp) return apiError(401, 'UNAUTHENTICATED', 'Enter the 6-digit code from your authenticator app, or a recovery code', { twoFactorRequired: true });
        if (body.totp !== '123456') return apiError(401, 'UNAUTHENTICATED', 'The two-factor code is not valid (or was already used)', { twoFactorRequired: true });
        return { body: { user: me, csrfToken: 't0k3n' } };
      }),
    );
    const user = userEvent.setup();
    renderAt(<App />, '/sign-in?next=%2Fdocuments');
    await user.type(screen.getByLabelText('Email address'), 'asha@example.org');
    await user.type(screen.getByLabelText('Password'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    const code = await screen.findByLabelText('Code');
    expect(screen.getByRole('heading', { level: 1, name: 'Enter your two-factor code' })).toBeInTheDocument();
    expect(code).toHaveFocus();
    expect(screen.queryByLabelText('Password')).not.toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();

    // An empty code is refused here, a wrong one by the server; both land on the code field.
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(within(screen.getByRole('alert')).getByRole('link', { name: /^Code must be a 6-digit code/ })).toBeInTheDocument();
    await user.type(code, '000000');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('link', { name: 'The two-factor code is not valid (or was already used)' })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveFocus();
    expect(code).toHaveAttribute('aria-invalid', 'true');

    await user.clear(code);
    await user.type(code, '123456');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Documents' })).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent('/documents');
    expect(logins).toEqual([
      { email: 'asha@example.org', password: 'correct horse battery' },
      { email: 'asha@example.org', password: 'correct horse battery', totp: '000000' },
      { email: 'asha@example.org', password: 'correct horse battery', totp: '123456' },
    ]);
  });

  it('shows a lockout with its retry time', async () => {
    stubFetch(
      csrf,
      on('POST', '/api/auth/login', apiError(429, 'RATE_LIMITED', 'Too many failed sign-in attempts: the account is locked for a while', { retryAfterSeconds: 840 }, { 'Retry-After': '840' })),
    );
    const user = userEvent.setup();
    renderAt(<App />, '/sign-in');
    await user.type(screen.getByLabelText('Email address'), 'asha@example.org');
    await user.type(screen.getByLabelText('Password'), 'wrong password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('the account is locked for a while. Try again in 14 minutes.');
  });
});

describe('app shell', () => {
  it('sends a signed-out visitor to sign in, remembering where they were going', async () => {
    stubFetch(on('GET', '/api/me', apiError(401, 'UNAUTHENTICATED', 'Sign in first')));
    renderAt(<App />, '/timecards?week=2026-W10');
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent('/sign-in?next=%2Ftimecards%3Fweek%3D2026-W10');
  });

  it('renders the nav behind a menu button, marks the current page and moves focus to the heading', async () => {
    stubFetch(on('GET', '/api/me', { body: me }));
    const user = userEvent.setup();
    renderAt(<App />, '/');
    expect(await screen.findByRole('heading', { level: 1, name: 'Dashboard' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Skip to main content' })).toHaveAttribute('href', '#main');
    const menu = screen.getByRole('button', { name: 'Menu' });
    expect(menu).toHaveAttribute('aria-expanded', 'false');
    await user.click(menu);
    expect(menu).toHaveAttribute('aria-expanded', 'true');
    await user.tab();
    await user.keyboard('{Escape}');
    expect(menu).toHaveAttribute('aria-expanded', 'false');
    expect(menu).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(menu).toHaveAttribute('aria-expanded', 'true');
    await user.tab();
    expect(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Dashboard' })).toHaveFocus();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Dashboard' })).toHaveAttribute('aria-current', 'page');
    await user.click(within(nav).getByRole('link', { name: 'Plan & usage' }));
    const heading = await screen.findByRole('heading', { level: 1, name: 'Plan & usage' });
    // Focus moves in an effect once the lazily loaded screen has rendered: wait for it, on a slow
    // machine the heading can be found a moment before.
    await waitFor(() => expect(heading).toHaveFocus());
    expect(document.title).toBe('Plan & usage – Medfolio');
    // The screen loads on demand; the menu closes once the navigation has committed.
    await waitFor(() => expect(menu).toHaveAttribute('aria-expanded', 'false'));
  });

  it('sends the user to sign in when any query finds the session gone', async () => {
    const { QueryObserver } = await import('@tanstack/react-query');
    stubFetch(on('GET', '/api/me', { body: me }), on('GET', '/api/cvs', apiError(401, 'UNAUTHENTICATED', 'Your session has ended')));
    const { queryClient } = renderAt(<App />, '/cvs');
    expect(await screen.findByRole('heading', { level: 1, name: 'CVs' })).toBeInTheDocument();
    const { api } = await import('../../lib/api.ts');
    new QueryObserver(queryClient, { queryKey: ['cvs'], queryFn: () => api.get('/api/cvs') }).subscribe(() => {});
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent('/sign-in?next=%2Fcvs');
  });
});
