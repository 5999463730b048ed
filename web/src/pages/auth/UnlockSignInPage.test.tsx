// @vitest-environment jsdom
import '../../test/setup.ts';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../app/App.tsx';
import { apiError, on, stubFetch } from '../../test/fetch-stub.ts';
import { renderAt } from '../../test/render.tsx';

const csrf = on('GET', '/api/auth/csrf', () => {
  document.cookie = 'medfolio_csrf=t0k3n';
  return { body: { csrfToken: 't0k3n' } };
});
const token = 'Pw4rT8yU1iO3pA6sD9fG2hJ5kL7zX0cV9bN8mQ1wE2r';

describe('the emailed sign-in unlock', () => {
  it('lets this browser in once, with one request, and points to sign in', async () => {
    const unlocks: unknown[] = [];
    stubFetch(
      csrf,
      on('POST', '/api/auth/unlock-sign-in', (call) => {
        unlocks.push(call.body);
        return { body: { status: 'ok' } };
      }),
    );
    renderAt(<App />, `/unlock-sign-in?token=${token}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'You can sign in from this browser' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/sign-in');
    expect(unlocks).toEqual([{ token }]);
  });

  it('explains a used link and offers a password reset', async () => {
    stubFetch(
      csrf,
      on('POST', '/api/auth/unlock-sign-in', () => apiError(410, 'GONE', 'This link has expired or was already used')),
    );
    renderAt(<App />, `/unlock-sign-in?token=${token}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'This browser could not be let in' })).toBeInTheDocument();
    expect(screen.getByText(/expired or was already used/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'reset your password' })).toHaveAttribute('href', '/forgot-password');
  });
});
