// @vitest-environment jsdom
import '../../test/setup.ts';
import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../app/App.tsx';
import { me, on, stubFetch } from '../../test/fetch-stub.ts';
import { renderAt } from '../../test/render.tsx';

// Other suites share the CPU: give the first render of the whole app time.

const ev = (id: string, action: string, actor: { type: string; id: string | null }, details: Record<string, unknown> = {}) => ({
  id,
  at: '2026-03-01T10:00:00.000Z',
  actor,
  action,
  subject: { type: 'x', id: null },
  details,
  requestId: null,
});

describe('activity', () => {
  it('shows the timeline in plain words, loads older events, and verifies the chain', async () => {
    const calls = stubFetch(
      on('GET', '/api/me', { body: me }),
      on('GET', '/api/audit?limit=25', {
        body: {
          events: [
            ev('42', 'share.opened', { type: 'recruiter', id: 's1' }, { recipientEmail: 'hr@trust.nhs.uk' }),
            ev('41', 'session.created', { type: 'user', id: me.id }, { secondFactor: 'none' }),
          ],
          nextBefore: '41',
        },
      }),
      on('GET', '/api/audit?limit=25&before=41', { body: { events: [ev('3', 'rota.swapped', { type: 'system', id: null })], nextBefore: null } }),
      on('GET', '/api/audit/verify', { body: { ok: true, events: 3, firstBroken: null } }),
    );
    const user = userEvent.setup();
    renderAt(<App />, '/activity');
    const timeline = await screen.findByRole('list', { name: 'Activity, newest first' });
    expect(await within(timeline).findByText('A recruiter viewed your shared CV (shared with hr@trust.nhs.uk)')).toBeInTheDocument();
    expect(within(timeline).getByText('By a recruiter')).toBeInTheDocument();
    expect(within(timeline).getByText('You signed in')).toBeInTheDocument();
    expect(within(timeline).getByText('By you')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    // Unknown actions are shown as they are; focus moves to the first older event.
    const older = await within(timeline).findByText('rota.swapped', { selector: '.timeline-sentence' });
    expect(older.closest('li')).toHaveFocus();
    expect(screen.getByText('1 older event loaded.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
    expect(screen.getByText('That is the beginning of your activity.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Verify integrity' }));
    expect(await screen.findByText(/All 3 events check out/)).toBeInTheDocument();
    expect(calls.filter((c) => c.path.startsWith('/api/audit')).map((c) => c.path)).toEqual(['/api/audit?limit=25', '/api/audit?limit=25&before=41', '/api/audit/verify']);
  });

  it('says so when there is nothing yet', async () => {
    stubFetch(on('GET', '/api/me', { body: me }), on('GET', '/api/audit?limit=25', { body: { events: [], nextBefore: null } }));
    renderAt(<App />, '/activity');
    expect(await screen.findByRole('heading', { name: 'No activity yet' })).toBeInTheDocument();
  });
});
