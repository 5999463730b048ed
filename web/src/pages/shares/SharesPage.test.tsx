// @vitest-environment jsdom
import '../../test/setup.ts';
import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../app/App.tsx';
import { me, on, stubFetch, type StubCall } from '../../test/fetch-stub.ts';
import { renderAt } from '../../test/render.tsx';
import { installFakeSockets } from '../../test/fake-socket.ts';

const CV_ID = '0b8f6c1e-1d2a-4c3b-9e4f-5a6b7c8d9e0f';
const SHARE_ID = '7d3a1f2e-4b5c-4d6e-8f90-a1b2c3d4e5f6';
const csrf = on('GET', '/api/auth/csrf', () => {
  document.cookie = 'medfolio_csrf=t0k3n';
  return { body: { csrfToken: 't0k3n' } };
});
const cv = {
  id: CV_ID,
  status: 'done',
  stage: 'done',
  template: 'full',
  jobTitle: 'Specialty Registrar in Emergency Medicine',
  composer: 'offline',
  summary: null,
  error: null,
  pdf: { url: `/api/cvs/${CV_ID}/pdf`, pages: 2 },
  createdAt: '2026-03-01T10:00:00.000Z',
  completedAt: '2026-03-01T10:01:00.000Z',
};
const share = {
  id: SHARE_ID,
  cvId: CV_ID,
  recipientEmail: 'recruiter@example.org',
  recipientName: 'Sam Recruiter',
  status: 'active',
  expiresAt: '2099-03-08T10:00:00.000Z',
  maxViews: null,
  viewCount: 1,
  hasPasscode: true,
  createdAt: '2026-03-01T10:05:00.000Z',
  firstViewedAt: '2026-03-01T11:00:00.000Z',
  revokedAt: null,
  views: [{ at: '2026-03-01T11:00:00.000Z', kind: 'pdf', itemId: null, ipPrefix: '203.0.113.0/24', userAgent: 'Mozilla/5.0' }],
  pack: [],
};
const DOC_ID = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const CRED_ID = '2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f60';
const documents = on('GET', '/api/documents', {
  body: {
    documents: [{ id: DOC_ID, type: 'dbs', filename: 'dbs-certificate.pdf', mimeType: 'application/pdf', sizeBytes: 1000, sha256: 'a'.repeat(64), uploadedAt: '2026-02-01T10:00:00.000Z', links: [] }],
  },
});
const credentials = on('GET', '/api/me/credentials', {
  body: {
    credentials: [
      {
        id: CRED_ID,
        kind: 'registration',
        title: 'GMC registration 7302418, document on file',
        issuedAt: '2026-02-02T10:00:00.000Z',
        status: 'active',
        revokedAt: null,
        revocationReason: null,
        downloadUrl: `/api/me/credentials/${CRED_ID}`,
      },
      {
        id: '3e4f5a6b-7c8d-4e9f-0a1b-2c3d4e5f6071',
        kind: 'dbs',
        title: 'An old DBS credential',
        issuedAt: '2026-01-02T10:00:00.000Z',
        status: 'revoked',
        revokedAt: '2026-01-03T10:00:00.000Z',
        revocationReason: 'Withdrawn by you',
        downloadUrl: '/x',
      },
    ],
  },
});

beforeEach(() => {
  installFakeSockets();
});

describe('shares', () => {
  it('validates with the server’s schema before calling the API, then shows the link once with Copy link', async () => {
    let shares: unknown[] = [];
    const posts: StubCall[] = [];
    stubFetch(
      csrf,
      on('GET', '/api/me', { body: me }),
      on('GET', '/api/cvs', { body: { cvs: [cv] } }),
      on('GET', '/api/shares', () => ({ body: { shares } })),
      documents,
      credentials,
      on('POST', `/api/cvs/${CV_ID}/shares`, (call) => {
        posts.push(call);
        shares = [share];
        return { status: 201, body: { id: SHARE_ID, url: 'http://localhost/s/abc123', emailSent: false } };
      }),
    );
    const user = userEvent.setup();
    renderAt(<App />, `/shares?cv=${CV_ID}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Shares' })).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'No links yet' })).toBeInTheDocument();
    expect(screen.getByLabelText('CV')).toHaveValue(CV_ID);

    await user.type(screen.getByLabelText('Recipient email'), 'not-an-email');
    await user.type(screen.getByLabelText('Passcode (optional)'), '123');
    await user.type(screen.getByLabelText('Maximum views (optional)'), '0');
    await user.click(screen.getByRole('button', { name: 'Create link' }));
    const summary = screen.getByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Recipient email must be a valid email address' })).toBeInTheDocument();
    expect(within(summary).getByRole('link', { name: 'Passcode must be at least 6 characters' })).toBeInTheDocument();
    expect(within(summary).getByRole('link', { name: 'Maximum views must be at least 1' })).toBeInTheDocument();
    expect(screen.getByLabelText('Passcode (optional)')).toHaveAttribute('aria-invalid', 'true');
    expect(posts).toHaveLength(0);

    await user.clear(screen.getByLabelText('Recipient email'));
    await user.type(screen.getByLabelText('Recipient email'), 'Recruiter@Example.org');
    await user.type(screen.getByLabelText('Passcode (optional)'), '456');
    await user.clear(screen.getByLabelText('Maximum views (optional)'));
    await user.selectOptions(screen.getByLabelText('Expires in'), '72');

    // The pack: a document and a valid credential (a revoked one is not offered).
    const pack = screen.getByRole('group', { name: 'Send with the CV (optional)' });
    expect(within(pack).queryByText('An old DBS credential')).not.toBeInTheDocument();
    await user.click(within(pack).getByLabelText('DBS certificate: dbs-certificate.pdf'));
    await user.click(within(pack).getByLabelText('GMC registration 7302418, document on file'));
    await user.click(screen.getByRole('button', { name: 'Create link' }));

    const created = await screen.findByRole('heading', { name: 'Link created' });
    expect(created).toHaveFocus();
    expect(posts[0]!.body).toEqual({ recipientEmail: 'recruiter@example.org', expiresInHours: 72, passcode: '123456', documentIds: [DOC_ID], credentialIds: [CRED_ID] });
    expect(screen.getByText(/could not be sent/)).toBeInTheDocument();
    expect(screen.getByLabelText('Share link')).toHaveValue('http://localhost/s/abc123');
    await user.click(screen.getByRole('button', { name: 'Copy link' }));
    expect(await screen.findByText('Link copied')).toBeInTheDocument();
    // user-event provides the clipboard.
    expect(await navigator.clipboard.readText()).toBe('http://localhost/s/abc123');

    // The new link is listed with its views.
    const item = await screen.findByRole('article', { name: 'Sam Recruiter (recruiter@example.org)' });
    expect(within(item).getByText('Active')).toBeInTheDocument();
    await user.click(within(item).getByText(/^Views \(1\)/));
    expect(within(item).getByRole('cell', { name: '203.0.113.0/24' })).toBeInTheDocument();
    expect(within(item).getByRole('cell', { name: 'PDF' })).toBeInTheDocument();
  });

  it('revokes a link only after confirmation', async () => {
    let current: Record<string, unknown> = { ...share };
    const deletes: StubCall[] = [];
    stubFetch(
      csrf,
      on('GET', '/api/me', { body: me }),
      on('GET', '/api/cvs', { body: { cvs: [cv] } }),
      on('GET', '/api/shares', () => ({ body: { shares: [current] } })),
      documents,
      credentials,
      on('DELETE', `/api/shares/${SHARE_ID}`, (call) => {
        deletes.push(call);
        current = { ...current, status: 'revoked', revokedAt: '2026-03-02T09:00:00.000Z' };
        return { status: 204 };
      }),
    );
    const user = userEvent.setup();
    renderAt(<App />, '/shares');
    const item = await screen.findByRole('article', { name: 'Sam Recruiter (recruiter@example.org)' });
    await user.click(within(item).getByRole('button', { name: 'Revoke' }));
    expect(deletes).toHaveLength(0);
    await user.click(within(item).getByRole('button', { name: 'Cancel' }));
    expect(within(item).getByRole('button', { name: 'Revoke' })).toHaveFocus();
    await user.click(within(item).getByRole('button', { name: 'Revoke' }));
    const yes = within(item).getByRole('button', { name: 'Yes, revoke' });
    expect(yes).toHaveFocus();
    await user.click(yes);
    expect(await within(item).findByText('Revoked')).toBeInTheDocument();
    expect(deletes).toHaveLength(1);
    expect(within(item).queryByRole('button', { name: 'Revoke' })).not.toBeInTheDocument();
  });
});
