// @vitest-environment jsdom
import '../../test/setup.ts';
import { act, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Namespace } from '../../lib/socket.ts';
import { me, on, stubFetch, type StubCall } from '../../test/fetch-stub.ts';
import { renderAt } from '../../test/render.tsx';
import { App } from '../../app/App.tsx';
import { installFakeSockets, type FakeSocket } from '../../test/fake-socket.ts';

const ID = '3c2b1a09-8f7e-4d6c-9b5a-0f1e2d3c4b5a';
const csrf = on('GET', '/api/auth/csrf', () => {
  document.cookie = 'medfolio_csrf=t0k3n';
  return { body: { csrfToken: 't0k3n' } };
});
const card = (over: Record<string, unknown>) => ({
  id: ID,
  employer: 'Northside NHS Trust',
  site: null,
  role: 'Locum Registrar',
  clockIn: new Date(Date.now() - 65 * 60_000).toISOString(),
  clockOut: null,
  breakMinutes: 0,
  onBreakSince: null,
  timeZone: 'Europe/London',
  hoursWorked: 1.08,
  status: 'open',
  rejectionReason: null,
  decidedBy: null,
  decidedAt: null,
  notes: null,
  warnings: [],
  ...over,
});

let sockets: Map<Namespace, FakeSocket>;
beforeEach(() => {
  sockets = installFakeSockets();
});

describe('time card', () => {
  it('clocks in, runs a timer, clocks out and lists the shift with its warnings', async () => {
    let cards: unknown[] = [];
    const posts: StubCall[] = [];
    stubFetch(
      csrf,
      on('GET', '/api/me', { body: me }),
      on('GET', '/api/timecards', () => ({ body: { timecards: cards } })),
      on('GET', '/api/timecards/rollup', { body: { rows: [], totalHours: 0 } }),
      on('POST', '/api/timecards/clock-in', (call) => {
        posts.push(call);
        cards = [card({})];
        return { status: 201, body: cards[0] };
      }),
      on('POST', `/api/timecards/${ID}/clock-out`, () => {
        cards = [card({ clockOut: new Date().toISOString(), warnings: [{ code: 'LONG_SHIFT', message: 'This shift is longer than 13 hours' }] })];
        return { body: cards[0] };
      }),
    );
    const user = userEvent.setup();
    renderAt(<App />, '/timecards');
    expect(await screen.findByRole('heading', { name: 'No shifts yet' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Start a shift' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Clock in' }));
    expect(within(screen.getByRole('alert')).getByRole('link', { name: 'Employer is required' })).toBeInTheDocument();
    await user.type(screen.getByLabelText('Employer'), 'Northside NHS Trust');
    await user.type(screen.getByLabelText('Role'), 'Locum Registrar');
    await user.click(screen.getByRole('button', { name: 'Clock in' }));

    expect(await screen.findByRole('heading', { name: 'On shift now' })).toBeInTheDocument();
    expect(posts[0]!.body).toEqual({ employer: 'Northside NHS Trust', role: 'Locum Registrar' });
    expect(screen.getByRole('timer', { name: 'Time worked' })).toHaveTextContent(/^1:05:\d\d$/);
    expect(screen.getByText(/^On shift since \d\d:\d\d$/)).toHaveAttribute('aria-live', 'polite');

    await user.click(screen.getByRole('button', { name: 'Clock out' }));
    expect(await screen.findByRole('heading', { name: 'Start a shift' })).toBeInTheDocument();
    const shift = await screen.findByRole('article');
    expect(within(shift).getByText('Draft')).toBeInTheDocument();
    expect(within(shift).getByText('This shift is longer than 13 hours')).toBeInTheDocument();
    expect(within(shift).getByRole('button', { name: 'Submit for approval' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Start a shift' })).toHaveFocus();
  });

  it('does not offer to send a shift of a few seconds for approval, and says why', async () => {
    const tooShort = 'This shift has 5 seconds of work, under 15 minutes: correct its times (or delete it) before asking for approval';
    stubFetch(
      csrf,
      on('GET', '/api/me', { body: me }),
      on('GET', '/api/timecards', { body: { timecards: [card({ clockOut: new Date().toISOString(), hoursWorked: 0, warnings: [{ code: 'TOO_SHORT', message: tooShort }] })] } }),
      on('GET', '/api/timecards/rollup', { body: { rows: [], totalHours: 0 } }),
    );
    renderAt(<App />, '/timecards');
    const shift = await screen.findByRole('article');
    expect(within(shift).getByText(tooShort)).toBeInTheDocument();
    expect(within(shift).queryByRole('button', { name: 'Submit for approval' })).not.toBeInTheDocument();
    expect(within(shift).getByRole('button', { name: 'Delete' })).toBeInTheDocument();
  });

  it('refetches when another tab changes a time card', async () => {
    let cards: unknown[] = [];
    stubFetch(
      on('GET', '/api/me', { body: me }),
      on('GET', '/api/timecards', () => ({ body: { timecards: cards } })),
      on('GET', '/api/timecards/rollup', { body: { rows: [], totalHours: 0 } }),
    );
    renderAt(<App />, '/timecards');
    expect(await screen.findByRole('heading', { name: 'No shifts yet' })).toBeInTheDocument();
    cards = [card({})];
    act(() => sockets.get('/')!.receive('timecard:updated', { id: ID, status: 'open' }));
    expect(await screen.findByRole('heading', { name: 'On shift now' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Start break' })).toBeInTheDocument();
  });
});
