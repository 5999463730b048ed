// @vitest-environment jsdom
import '../../test/setup.ts';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../app/App.tsx';
import { me, on, stubFetch } from '../../test/fetch-stub.ts';
import { renderAt } from '../../test/render.tsx';

// Other suites share the CPU: give the first render of the whole app time.

const free = { id: 'free', name: 'Free', limits: { assistantMessages: 50, cvGenerations: 3, llmTokens: 200000, activeShareLinks: 3, conversationRetentionDays: 30 } };
const pro = { id: 'pro', name: 'Pro', limits: { assistantMessages: 1000, cvGenerations: 50, llmTokens: 5000000, activeShareLinks: 50, conversationRetentionDays: 365 } };

describe('plan & usage', () => {
  it('shows usage as labelled meters with words, the reset date, and the plans compared', async () => {
    stubFetch(
      on('GET', '/api/me', { body: me }),
      on('GET', '/api/me/plan', {
        body: {
          plan: free,
          source: 'organisation',
          organisation: { id: '33333333-3333-4333-8333-333333333333', name: 'Northfield NHS Trust' },
          usage: { assistantMessages: 12, cvGenerations: 3, llmTokens: 180000 },
          periodStart: '2026-03-01T00:00:00.000Z',
          resetsAt: '2026-04-01T00:00:00.000Z',
        },
      }),
      on('GET', '/api/plans', { body: { plans: [free, pro] } }),
    );
    renderAt(<App />, '/plan');
    const messages = await screen.findByRole('meter', { name: 'Assistant messages' });
    expect(messages).toHaveAttribute('value', '12');
    expect(messages).toHaveAccessibleDescription('12 of 50 messages used, 38 left.');
    expect(screen.getByRole('meter', { name: 'Tailored CVs' })).toHaveAccessibleDescription('3 of 3 CVs used. You have reached this month’s limit.');
    expect(screen.getByText('Limit reached')).toBeInTheDocument();
    expect(screen.getByText('Nearly used up')).toBeInTheDocument();
    expect(screen.getByText('1 April 2026')).toBeInTheDocument();
    expect(screen.getByText('Northfield NHS Trust')).toBeInTheDocument();
    const table = await screen.findByRole('table', { name: 'What each plan includes' });
    expect(within(table).getByRole('columnheader', { name: /Free Your plan/ })).toBeInTheDocument();
    expect(within(table).getByRole('row', { name: /Conversations kept for 30 days 365 days/ })).toBeInTheDocument();
  });

  const myPlan = {
    plan: free,
    source: 'personal',
    organisation: null,
    usage: { assistantMessages: 0, cvGenerations: 0, llmTokens: 0 },
    periodStart: '2026-03-01T00:00:00.000Z',
    resetsAt: '2026-04-01T00:00:00.000Z',
  };

  it('without billing, hides the upgrade buttons and says who assigns plans', async () => {
    stubFetch(
      on('GET', '/api/me', { body: me }),
      on('GET', '/api/me/plan', { body: myPlan }),
      on('GET', '/api/plans', { body: { plans: [free, pro] } }),
      on('GET', '/api/billing', {
        body: { configured: false, message: 'Billing is not set up on this Medfolio: plans are assigned by Medfolio or by your organisation’s administrator.', purchasable: [], subscription: null },
      }),
    );
    renderAt(<App />, '/plan');
    expect(await screen.findByText(/^Billing is not set up on this Medfolio/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Upgrade to Pro' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Manage your subscription' })).toBeNull();
  });

  it('with billing, upgrades through Checkout and explains a refusal', async () => {
    const calls = stubFetch(
      on('GET', '/api/auth/csrf', () => {
        document.cookie = 'medfolio_csrf=t0k3n';
        return { body: { csrfToken: 't0k3n' } };
      }),
      on('GET', '/api/me', { body: me }),
      on('GET', '/api/me/plan', { body: myPlan }),
      on('GET', '/api/plans', { body: { plans: [free, pro] } }),
      on('GET', '/api/billing', {
        body: { configured: true, message: null, purchasable: [{ planId: 'pro', for: 'personal' }], subscription: { planId: 'free', managedBy: 'admin', status: 'active', seats: null, notice: null } },
      }),
      on('POST', '/api/billing/checkout', { status: 409, body: { error: { code: 'CONFLICT', message: 'There is already a subscription: change it in the billing portal', requestId: 'r1' } } }),
    );
    renderAt(<App />, '/plan');
    (await screen.findByRole('button', { name: 'Upgrade to Pro' })).click();
    expect(await screen.findByText(/There is already a subscription: change it in the billing portal/)).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'POST' && c.path === '/api/billing/checkout')?.body).toEqual({ planId: 'pro' });
  });
});
