// @vitest-environment jsdom
import '../../test/setup.ts';
import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../app/App.tsx';
import { me, on, stubFetch } from '../../test/fetch-stub.ts';
import { renderAt } from '../../test/render.tsx';

// Other suites share the CPU: give the first render of the whole app time.

const csrf = on('GET', '/api/auth/csrf', () => {
  document.cookie = 'medfolio_csrf=t0k3n';
  return { body: { csrfToken: 't0k3n' } };
});
const codes = Array.from({ length: 10 }, (_, i) => `abcd${i}-efgh${i}`);

describe('security', () => {
  it('marks the current session and sets up two-factor, showing the recovery codes once', async () => {
    stubFetch(
      csrf,
      on('GET', '/api/me', { body: me }),
      on('GET', '/api/me/sessions', {
        body: {
          sessions: [
            {
              id: '11111111-1111-4111-8111-111111111111',
              createdAt: '2026-03-01T10:00:00.000Z',
              lastSeenAt: '2026-03-01T10:00:00.000Z',
              userAgent: 'Mozilla/5.0 (Windows NT 10.0) Firefox/130.0',
              ipPrefix: '203.0.113.0/24',
              current: false,
            },
            {
              id: '22222222-2222-4222-8222-222222222222',
              createdAt: '2026-03-02T10:00:00.000Z',
              lastSeenAt: '2026-03-02T10:00:00.000Z',
              userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1',
              ipPrefix: null,
              current: true,
            },
          ],
        },
      }),
      on('POST', '/api/me/two-factor/setup', { body: { otpauthUrl: 'otpauth://totp/x', qrCodeDataUrl: 'data:image/png;base64,AAAA', secret: 'JBSWY3DPEHPK3PXP' } }),
      on('POST', '/api/me/two-factor/enable', { body: { recoveryCodes: codes } }),
    );
    const user = userEvent.setup();
    renderAt(<App />, '/security');
    const sessions = (await screen.findByRole('heading', { name: 'Where you are signed in' })).closest('section')!;
    expect(await within(sessions).findByText('This device')).toBeInTheDocument();
    expect(within(sessions).getByRole('button', { name: /^Sign out Firefox on Windows/ })).toBeInTheDocument();
    expect(within(sessions).getAllByRole('button')).toHaveLength(1);

    const section = screen.getByRole('heading', { name: 'Two-factor authentication' }).closest('section')!;
    await user.click(within(section).getByRole('button', { name: 'Set up two-factor' }));
    await user.type(within(section).getByLabelText('Password'), 'correct horse battery');
    await user.click(within(section).getByRole('button', { name: 'Continue' }));
    expect(await within(section).findByRole('img', { name: 'QR code to add Medfolio to your authenticator app' })).toHaveAttribute('src', 'data:image/png;base64,AAAA');
    expect(within(section).getByText('JBSW Y3DP EHPK 3PXP')).toBeInTheDocument();
    await user.type(within(section).getByLabelText('Code'), '123456');
    await user.click(within(section).getByRole('button', { name: 'Turn on two-factor' }));

    const recovery = await within(section).findByRole('list', { name: 'Recovery codes' });
    expect(within(recovery).getAllByRole('listitem')).toHaveLength(10);
    expect(within(section).getByRole('heading', { name: 'Your recovery codes' })).toHaveFocus();
    expect(within(section).getByText('On')).toBeInTheDocument();
    await user.click(within(section).getByRole('button', { name: 'I have stored them' }));
    expect(within(section).queryByRole('list', { name: 'Recovery codes' })).not.toBeInTheDocument();
    expect(within(section).getByRole('button', { name: 'Replace recovery codes' })).toHaveFocus();
  });
});
