// @vitest-environment jsdom
import '../test/setup.ts';
import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { on, stubFetch, type StubCall } from '../test/fetch-stub.ts';
import { renderAt } from '../test/render.tsx';
import { CredentialsPage } from './CredentialsPage.tsx';

const A = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const B = '2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f60';
const csrf = on('GET', '/api/auth/csrf', () => {
  document.cookie = 'medfolio_csrf=t0k3n';
  return { body: { csrfToken: 't0k3n' } };
});

describe('credentials', () => {
  it('lists valid and revoked credentials, offers the download, and withdraws after confirmation', async () => {
    let withdrawn = false;
    const posts: StubCall[] = [];
    stubFetch(
      csrf,
      on('GET', '/api/me/credentials', () => ({
        body: {
          credentials: [
            {
              id: A,
              kind: 'post-confirmation',
              title: 'Post confirmed by a referee: Registrar at Northgate',
              issuedAt: '2026-11-20T10:00:00.000Z',
              status: withdrawn ? 'revoked' : 'active',
              revokedAt: withdrawn ? '2026-11-27T10:00:00.000Z' : null,
              revocationReason: withdrawn ? 'Withdrawn by you' : null,
              downloadUrl: `/api/me/credentials/${A}`,
            },
            {
              id: B,
              kind: 'shift-rollup',
              title: 'Approved shifts at Northgate: 1 shift',
              issuedAt: '2026-10-20T10:00:00.000Z',
              status: 'revoked',
              revokedAt: '2026-11-01T10:00:00.000Z',
              revocationReason: 'Replaced by a newer credential, because what it says changed',
              downloadUrl: `/api/me/credentials/${B}`,
            },
          ],
        },
      })),
      on('POST', `/api/me/credentials/${A}/withdraw`, (call) => {
        posts.push(call);
        withdrawn = true;
        return { status: 204 };
      }),
    );
    const user = userEvent.setup();
    renderAt(<CredentialsPage />, '/credentials');
    const valid = await screen.findByRole('region', { name: 'Valid (1)' });
    const item = within(valid).getByRole('article', { name: 'Post confirmed by a referee: Registrar at Northgate' });
    expect(within(item).getByRole('link', { name: /Download/ })).toHaveAttribute('href', `/api/me/credentials/${A}`);
    expect(screen.getByText('Revoked (1)')).toBeInTheDocument();
    await user.click(within(item).getByRole('button', { name: /Withdraw/ }));
    expect(posts).toHaveLength(0);
    await user.click(within(item).getByRole('button', { name: 'Yes, withdraw' }));
    expect(posts).toHaveLength(1);
    expect(await screen.findByText('Revoked (2)')).toBeInTheDocument();
  });
});
