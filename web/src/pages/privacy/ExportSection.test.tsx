// @vitest-environment jsdom
import '../../test/setup.ts';
import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, on, stubFetch } from '../../test/fetch-stub.ts';
import { renderAt } from '../../test/render.tsx';

// Other suites share the CPU: give the first render of the whole app time.
import { ExportSection } from './ExportSection.tsx';

const csrf = on('GET', '/api/auth/csrf', () => {
  document.cookie = 'medfolio_csrf=t0k3n';
  return { body: { csrfToken: 't0k3n' } };
});

const base = { id: '0b6f0f35-8d2a-4c61-9a57-3f1f7b8f5a01', createdAt: '2026-03-01T10:00:00.000Z', readyAt: null, expiresAt: null, sizeBytes: null, files: null, downloadUrl: null };
const queued = { ...base, status: 'queued' };
const building = { ...base, status: 'building' };
const ready = {
  ...base,
  status: 'ready',
  readyAt: '2026-03-01T10:01:00.000Z',
  expiresAt: '2026-03-02T10:01:00.000Z',
  sizeBytes: 1_468_006,
  files: 31,
  downloadUrl: `/api/me/export/${base.id}/download`,
};

describe('data export', () => {
  it('requests an export, polls while it is queued and building, then offers the download with its expiry', async () => {
    const states = [queued, building, ready];
    let listCalls = 0;
    let requested = false;
    stubFetch(
      csrf,
      on('GET', '/api/me/exports', () => {
        if (!requested) return { body: { exports: [] } };
        const state = states[Math.min(listCalls++, states.length - 1)];
        return { body: { exports: [state] } };
      }),
      on('POST', '/api/me/export', () => {
        requested = true;
        return { status: 202, body: queued };
      }),
      on('GET', '/api/me/privacy-requests', { body: { requests: [] } }),
    );
    const user = userEvent.setup();
    renderAt(<ExportSection pollIntervalMs={30} />, '/privacy');
    // The live region that announces each change (the router's <output> is a status too).
    const status = (await screen.findByText('You have not asked for a copy of your data yet.')).closest('[role="status"]') as HTMLElement;
    expect(status).toHaveAttribute('aria-live', 'polite');

    await user.click(screen.getByRole('button', { name: 'Request a copy of my data' }));
    expect(await screen.findByText(/Your export is queued/)).toBeInTheDocument();
    // Only one at a time: the button says why it does nothing.
    expect(screen.getByRole('button', { name: 'Request a copy of my data' })).toHaveAttribute('aria-disabled', 'true');
    expect(screen.getByRole('button', { name: 'Request a copy of my data' })).toHaveAccessibleDescription('One export at a time: this one is still being prepared.');

    expect(await screen.findByText(/Your export is being prepared/)).toBeInTheDocument();
    const link = await screen.findByRole('link', { name: 'Download your data (ZIP, 1.4 MB)' });
    expect(link).toHaveAttribute('href', ready.downloadUrl);
    expect(within(status).getByText('Your export is ready.')).toBeInTheDocument();
    expect(status).toHaveTextContent(/The download is deleted on 2 Mar 2026/);
    expect(within(status).getByRole('link', { name: /Download your data/ })).toBe(link);
    expect(screen.getByRole('table', { name: 'Your exports' })).toHaveTextContent('Ready');

    // Polling stops once nothing is in progress.
    const callsWhenReady = listCalls;
    await new Promise((r) => setTimeout(r, 150));
    expect(listCalls).toBe(callsWhenReady);
  });

  it('explains a conflict when an export is already in progress', async () => {
    stubFetch(
      csrf,
      on('GET', '/api/me/exports', { body: { exports: [] } }),
      on('POST', '/api/me/export', apiError(409, 'CONFLICT', 'An export is already being prepared: you will get an email when it is ready')),
    );
    const user = userEvent.setup();
    renderAt(<ExportSection pollIntervalMs={30} />, '/privacy');
    await user.click(await screen.findByRole('button', { name: 'Request a copy of my data' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('An export is already being prepared');
  });

  it('never turns a download address that is not a path of this app into a link', async () => {
    const hostile = [
      { ...ready, id: '0b6f0f35-8d2a-4c61-9a57-3f1f7b8f5a02', downloadUrl: 'javascript:alert(document.cookie)' },
      { ...ready, id: '0b6f0f35-8d2a-4c61-9a57-3f1f7b8f5a03', downloadUrl: '//evil.example/export.zip' },
    ];
    stubFetch(on('GET', '/api/me/exports', { body: { exports: hostile } }));
    renderAt(<ExportSection pollIntervalMs={30} />, '/privacy');
    expect(await screen.findByText(/Your last export has expired/)).toBeInTheDocument();
    expect(screen.queryAllByRole('link')).toEqual([]);
    expect(screen.getByRole('table', { name: 'Your exports' })).not.toHaveTextContent('Ready');
  });
});
