// @vitest-environment jsdom
import '../../test/setup.ts';
import { act, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Namespace } from '../../lib/socket.ts';
import { on, stubFetch } from '../../test/fetch-stub.ts';
import { renderAt } from '../../test/render.tsx';
import { CvTracker } from './CvTracker.tsx';
import { installFakeSockets, type FakeSocket } from '../../test/fake-socket.ts';

const ID = '0b8f6c1e-1d2a-4c3b-9e4f-5a6b7c8d9e0f';
const base = {
  id: ID,
  template: 'full',
  jobTitle: 'Specialty Registrar in Emergency Medicine',
  composer: 'offline',
  draft: null,
  error: null,
  createdAt: '2026-03-01T10:00:00.000Z',
  completedAt: null,
};
const summary = {
  requirements: {
    met: [{ text: 'Full GMC registration with a licence to practise', importance: 'essential', note: 'GMC registration, active', evidence: ['GMC registration'] }],
    probablyMet: [],
    unmet: [{ text: 'MRCEM Intermediate', importance: 'essential', note: 'Not found in your record', evidence: [] }],
    expired: [{ text: 'Current ALS certification', importance: 'essential', note: 'ALS expired on 30 November 2025', evidence: ['Advanced Life Support (ALS)'] }],
    expiring: [],
  },
  removed: [{ section: 'experience', text: 'Led the major trauma team at St Elsewhere', reason: 'St Elsewhere is not an employer in the cited records' }],
  warnings: ['Advanced Life Support expired on 2025-11-30'],
};

let sockets: Map<Namespace, FakeSocket>;
beforeEach(() => {
  sockets = installFakeSockets();
});

describe('CV tracker', () => {
  it('follows cv:progress events, then shows removed items, warnings, requirements and the PDF', async () => {
    let cv: Record<string, unknown> = { ...base, status: 'running', stage: 'analysing', summary: null, pdf: null };
    stubFetch(
      on('GET', `/api/cvs/${ID}`, () => ({ body: cv })),
      on('GET', `/api/cvs/${ID}/pdf`, { text: '%PDF-1.7' }),
    );
    renderAt(<CvTracker id={ID} />);
    expect(await screen.findByText('Step 1 of 5: Reading the job advert')).toBeInTheDocument();
    expect(screen.getByRole('progressbar')).toHaveAccessibleName('Step 1 of 5: Reading the job advert');

    const socket = sockets.get('/')!;
    act(() => socket.receive('cv:progress', { id: ID, stage: 'drafting' }));
    expect(screen.getByText('Step 3 of 5: Drafting your CV')).toBeInTheDocument();
    // Another CV's events and late, older stages do not move this one.
    act(() => socket.receive('cv:progress', { id: 'someone-else', stage: 'done' }));
    act(() => socket.receive('cv:progress', { id: ID, stage: 'retrieving' }));
    expect(screen.getByText('Step 3 of 5: Drafting your CV')).toBeInTheDocument();
    expect(screen.getByText('Drafting your CV').closest('li')).toHaveAttribute('aria-current', 'step');

    cv = { ...cv, status: 'done', stage: 'done', summary, pdf: { url: `/api/cvs/${ID}/pdf`, pages: 2 }, completedAt: '2026-03-01T10:01:00.000Z' };
    act(() => socket.receive('cv:progress', { id: ID, stage: 'done' }));

    const removed = await screen.findByRole('region', { name: 'Removed by the evidence check (1)' });
    // Watched while it ran, so the finished result takes focus (on a phone it is below the fold).
    expect(screen.getByRole('heading', { name: /^Your CV for Specialty Registrar/ })).toHaveFocus();
    expect(within(removed).getByText('Led the major trauma team at St Elsewhere')).toBeInTheDocument();
    expect(within(removed).getByText('Reason: St Elsewhere is not an employer in the cited records')).toBeInTheDocument();
    const warnings = screen.getByRole('region', { name: 'Warnings (1)' });
    expect(within(warnings).getByText('Advanced Life Support expired on 2025-11-30')).toBeInTheDocument();
    expect(screen.getByText('MRCEM Intermediate')).toBeInTheDocument();
    expect(screen.getByText('Current ALS certification')).toBeInTheDocument();
    expect(screen.getByText('1 met · 0 to check · 1 not met · 1 expired · 0 expiring soon')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Download PDF' })).toHaveAttribute('href', `/api/cvs/${ID}/pdf`);
    expect(screen.getByRole('link', { name: 'Share this CV' })).toHaveAttribute('href', `/shares?cv=${ID}`);
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  });

  it('says so when the CV failed', async () => {
    stubFetch(
      on('GET', `/api/cvs/${ID}`, { body: { ...base, status: 'failed', stage: 'failed', summary: null, pdf: null, error: 'The CV could not be generated. Nothing was charged; please try again.' } }),
    );
    renderAt(<CvTracker id={ID} />);
    expect(await screen.findByRole('alert')).toHaveTextContent('The CV could not be generated. Nothing was charged; please try again.');
    expect(screen.getByText('The CV could not be made')).toBeInTheDocument();
  });
});
