// @vitest-environment jsdom
import '../../test/setup.ts';
import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DashboardPage } from '../DashboardPage.tsx';
import { me, on, stubFetch } from '../../test/fetch-stub.ts';
import { renderAt } from '../../test/render.tsx';

const csrf = on('GET', '/api/auth/csrf', () => {
  document.cookie = 'medfolio_csrf=t0k3n';
  return { body: { csrfToken: 't0k3n' } };
});
const meta = { evidence: 'self-declared', documentIds: [], createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
const finding = {
  id: '0123456789abcdef',
  kind: 'expired',
  severity: 'high',
  message: 'Basic Life Support expired on 2026-02-01.',
  subject: { type: 'training', id: 't1' },
  from: null,
  to: '2026-02-01',
  withinDays: null,
};
const notice = 'These findings are advice to help you prepare for compliance checks. They are not a decision about you or your suitability for any role.';

function stubs(options: { restricted?: boolean; comment?: { comment: string; updatedAt: string } | null } = {}) {
  let comment = options.comment ?? null;
  const calls = stubFetch(
    csrf,
    on('GET', '/api/me', { body: { ...me, processingRestricted: options.restricted ?? false } }),
    on('GET', '/api/registrations', {
      body: {
        items: [{ id: 'r1', body: 'GMC', number: '1234567', jurisdiction: null, status: null, conditions: null, renewalDate: '2026-03-20', revalidationDate: '2027-06-01', ...meta }],
      },
    }),
    on('GET', '/api/training', {
      body: {
        items: [{ id: 't1', name: 'Basic Life Support', provider: null, completedOn: '2025-02-01', expiresOn: '2026-02-01', expirySource: 'catalogue', catalogueId: 'bls', ...meta }],
      },
    }),
    on('GET', '/api/dbs', {
      body: {
        items: [
          {
            id: 'd1',
            level: 'enhanced',
            workforce: 'both',
            certificateNumber: '001234567890',
            issueDate: '2024-01-01',
            updateService: true,
            updateServiceRenewalDate: '2026-05-01',
            statusChecks: [],
            ...meta,
          },
        ],
      },
    }),
    on('GET', '/api/posts', {
      body: {
        items: [
          { id: 'p1', evidence: 'verifier-confirmed' },
          { id: 'p2', evidence: 'self-declared' },
        ],
      },
    }),
    on('GET', '/api/verifications', {
      body: {
        verifications: [
          { id: 'v1', status: 'requested' },
          { id: 'v2', status: 'confirmed' },
          { id: 'v3', status: 'requested' },
        ],
      },
    }),
    on('GET', '/api/prescreen', () => ({
      body: {
        asOf: '2026-03-10',
        role: { id: 'doctor-foundation', name: 'Foundation doctor' },
        notice,
        findings: [{ ...finding, comment: comment ? { findingId: finding.id, ...comment } : null }],
        summary: { gaps: 0, overlaps: 0, expired: 1, expiring: 0, unverified: 0, missing: 0 },
        roles: [{ id: 'doctor-foundation', name: 'Foundation doctor' }],
      },
    })),
    on('PUT', `/api/prescreen/findings/${finding.id}/comment`, (call) => {
      comment = { comment: (call.body as { comment: string }).comment, updatedAt: '2026-03-10T10:00:00.000Z' };
      return { body: { findingId: finding.id, ...comment } };
    }),
    on('DELETE', `/api/prescreen/findings/${finding.id}/comment`, () => {
      comment = null;
      return { status: 204 };
    }),
  );
  return calls;
}

describe('dashboard', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-10T12:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('lists renewal and expiry dates soonest first, each band named in words', async () => {
    stubs();
    renderAt(<DashboardPage />, '/');
    const timeline = await screen.findByRole('list', { name: 'Renewal and expiry dates, soonest first' });
    const rows = within(timeline)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(rows).toEqual([
      '1 Feb 2026Training: Basic Life SupportExpired 37 days ago',
      '20 Mar 2026Registration: GMC registration renewalWithin 30 days in 10 days',
      '1 May 2026DBS: DBS Update Service renewal (enhanced check)Within 90 days in 52 days',
      '1 Jun 2027Registration: GMC revalidationNot due soon in 448 days',
    ]);
    expect(screen.getByText('Advice, never a decision.')).toBeInTheDocument();
    expect(screen.getByText(notice)).toBeInTheDocument();
    expect(screen.queryByText('Processing is restricted.')).not.toBeInTheDocument();
    const glance = screen.getByRole('region', { name: 'At a glance' });
    expect(within(glance).getByRole('link', { name: '1 expired' })).toBeInTheDocument();
    expect(within(glance).getByRole('link', { name: '2 verification requests pending' })).toBeInTheDocument();
  });

  it('says the same numbers in the tiles and in the timeline summary (one rule: due within 90 days includes the nearer dates)', async () => {
    stubs();
    renderAt(<DashboardPage />, '/');
    const summary = await screen.findByRole('list', { name: 'How many dates are expired or due soon' });
    const chips = within(summary)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(chips).toEqual(['1 expired', '1 due within 30 days', '2 due within 90 days']);
    const glance = screen.getByRole('region', { name: 'At a glance' });
    for (const chip of chips) expect(within(glance).getByRole('link', { name: chip! })).toBeInTheDocument();
  });

  it('lets the clinician comment on a finding and remove the comment', async () => {
    const calls = stubs();
    const user = userEvent.setup();
    renderAt(<DashboardPage />, '/');
    const item = await screen.findByRole('article', { name: finding.message });
    expect(within(item).getByText('High')).toBeInTheDocument();
    await user.click(within(item).getByRole('button', { name: 'Add comment' }));
    const box = within(item).getByLabelText('Your comment');
    expect(box).toHaveFocus();
    await user.click(within(item).getByRole('button', { name: 'Save comment' }));
    expect(within(item).getByRole('link', { name: 'Your comment is required' })).toBeInTheDocument();
    await user.type(box, 'Renewed on 3 March; certificate uploaded.');
    await user.click(within(item).getByRole('button', { name: 'Save comment' }));
    expect(await within(item).findByText('Renewed on 3 March; certificate uploaded.')).toBeInTheDocument();
    expect(screen.getByText('Comment saved.')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'PUT').map((c) => c.body)).toEqual([{ comment: 'Renewed on 3 March; certificate uploaded.' }]);

    await user.click(within(item).getByRole('button', { name: 'Remove comment' }));
    expect(await screen.findByText('Comment removed.')).toBeInTheDocument();
    expect(within(item).queryByText('Renewed on 3 March; certificate uploaded.')).not.toBeInTheDocument();
    expect(within(item).getByRole('button', { name: 'Add comment' })).toBeInTheDocument();
  });

  it('says when processing is restricted', async () => {
    stubs({ restricted: true });
    renderAt(<DashboardPage />, '/');
    expect(await screen.findByText('Processing is restricted.')).toBeInTheDocument();
  });

  it('on an empty record shows the getting-started checklist with progress, never "nothing needs attention"', async () => {
    stubFetch(
      csrf,
      on('GET', '/api/me', { body: me }),
      ...['registrations', 'training', 'dbs', 'posts', 'education'].map((path) => on('GET', `/api/${path}`, { body: { items: [] } })),
      on('GET', '/api/verifications', { body: { verifications: [] } }),
      on('GET', '/api/prescreen', {
        body: {
          asOf: '2026-03-10',
          role: null,
          notice,
          findings: [],
          summary: { gaps: 0, overlaps: 0, expired: 0, expiring: 0, unverified: 0, missing: 0 },
          roles: [{ id: 'doctor-foundation', name: 'Foundation doctor' }],
        },
      }),
    );
    renderAt(<DashboardPage />, '/');
    const checklist = (await screen.findByRole('heading', { name: 'Get started' })).closest('section')!;
    expect(within(checklist).getByRole('progressbar', { name: '0 of 5 done' })).toHaveAttribute('value', '0');
    for (const [name, href] of [
      ['Add your registration', '/record#registrations'],
      ['Add your current post', '/record#posts'],
      ['Add your training', '/record#training'],
      ['Add your DBS check', '/record#dbs'],
      ['Ask a referee', '/verifications'],
      ['Start from your CV', '/record#import-export'],
    ])
      expect(within(checklist).getByRole('link', { name })).toHaveAttribute('href', href);
    expect(await screen.findByText(/Nothing to check yet: your record is empty/)).toBeInTheDocument();
    expect(screen.queryByText(/nothing in your record needs attention/)).not.toBeInTheDocument();
  });

  it('counts the steps done, and hides the checklist once all are done', async () => {
    stubs();
    renderAt(<DashboardPage />, '/');
    // The stubbed record has a registration, training, a DBS check and referee requests, but no current post.
    const checklist = (await screen.findByRole('heading', { name: 'Get started' })).closest('section')!;
    expect(within(checklist).getByRole('progressbar', { name: '4 of 5 done' })).toBeInTheDocument();
    expect(within(checklist).getByRole('link', { name: 'Add your current post' })).toBeInTheDocument();
  });
});
