// @vitest-environment jsdom
import '../../test/setup.ts';
import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import axe from 'axe-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { apiError, on, stubFetch } from '../../test/fetch-stub.ts';
import { renderAt } from '../../test/render.tsx';
import { CvCompare } from './CvCompare.tsx';
import { CvList } from './CvList.tsx';
import { installFakeSockets } from '../../test/fake-socket.ts';

const A = '0b8f6c1e-1d2a-4c3b-9e4f-5a6b7c8d9e0f';
const B = '1c9f7d2f-2e3b-4d4c-8f5a-6b7c8d9e0f1a';
const C = '2d0a8e3a-3f4c-4e5d-9a6b-7c8d9e0f1a2b';
const summary = { requirements: { met: [], probablyMet: [], unmet: [], expired: [], expiring: [] }, removed: [], warnings: [] };
const cv = (id: string, jobTitle: string, createdAt: string, status = 'done') => ({
  id,
  status,
  stage: status === 'done' ? 'done' : 'drafting',
  template: 'full',
  jobTitle,
  composer: 'offline',
  summary: status === 'done' ? summary : null,
  error: null,
  pdf: null,
  docx: null,
  showRefereeNames: false,
  createdAt,
  completedAt: null,
});
const list = {
  cvs: [
    cv(A, 'Trust Registrar in Emergency Medicine', '2026-11-01T10:00:00.000Z'),
    cv(B, 'Clinical Fellow in Acute Medicine', '2026-11-02T10:00:00.000Z'),
    cv(C, 'Salaried GP', '2026-11-03T10:00:00.000Z', 'running'),
  ],
};
const diff = {
  first: { id: A, jobTitle: 'Trust Registrar in Emergency Medicine', createdAt: '2026-11-01T10:00:00.000Z' },
  second: { id: B, jobTitle: 'Clinical Fellow in Acute Medicine', createdAt: '2026-11-02T10:00:00.000Z' },
  sameJob: false,
  items: { added: [{ section: 'Courses', title: 'Advanced Trauma Life Support (ATLS)', subtitle: 'Royal College of Surgeons' }], removed: [], unchanged: 14 },
  requirements: {
    changed: [{ text: 'Current ALS', kind: 'course', key: 'als', importance: 'essential', from: 'expiring', to: 'met', fromWords: 'expiring within 30 days', toWords: 'met' }],
    onlyInFirst: [{ text: 'Current APLS', kind: 'course', key: 'apls', importance: 'essential', status: 'expired', statusWords: 'expired' }],
    onlyInSecond: [{ text: 'MRCP Part 1', kind: 'qualification', key: 'mrcp', importance: 'desirable', status: 'unmet', statusWords: 'not met' }],
    unchanged: 1,
  },
};

beforeEach(() => {
  installFakeSockets();
});

describe('comparing CVs', () => {
  it('is offered in the list for finished CVs once there are two', async () => {
    stubFetch(on('GET', '/api/cvs', { body: list }));
    renderAt(<CvList />, '/cvs');
    const links = await screen.findAllByRole('link', { name: /^Compare with…/ });
    expect(links.map((l) => l.getAttribute('href'))).toEqual([`/cvs/${A}/compare`, `/cvs/${B}/compare`]);
    expect(links[0]).toHaveAccessibleName(/^Compare with… ?\(from Trust Registrar in Emergency Medicine\)$/);
  });

  it('chooses another finished CV and shows the entries and requirements that differ, in words', async () => {
    stubFetch(on('GET', '/api/cvs', { body: list }), on('GET', `/api/cvs/${A}/compare/${B}`, { body: diff }));
    const user = userEvent.setup();
    const { container } = renderAt(<CvCompare id={A} />, `/cvs/${A}/compare`);
    const select = await screen.findByLabelText('Compare with');
    // Only the other finished CV is offered: not this one, not one still being made.
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Choose a CV', expect.stringMatching(/^Clinical Fellow in Acute Medicine \(made 2 Nov 2026/)]);
    await user.selectOptions(select, B);
    await user.click(screen.getByRole('button', { name: 'Compare' }));
    expect(screen.getByTestId('location')).toHaveTextContent(`/cvs/${A}/compare?with=${B}`);

    await screen.findByRole('heading', { name: 'What changed' });
    const added = screen.getByRole('heading', { name: 'Added in the second CV (1)' }).nextElementSibling as HTMLElement;
    expect(within(added).getByRole('listitem')).toHaveTextContent('Advanced Trauma Life Support (ATLS), Royal College of Surgeons (Courses)');
    expect(screen.getByRole('heading', { name: 'Left out of the second CV (0)' }).nextElementSibling).toHaveTextContent('Nothing was left out.');
    expect(screen.getByText('Current ALS: was expiring within 30 days, now met')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Only in the advert for the first CV (1)' }).nextElementSibling).toHaveTextContent('Current APLS: expired');
    expect(screen.getByRole('heading', { name: 'Only in the advert for the second CV (1)' }).nextElementSibling).toHaveTextContent('MRCP Part 1: not met');
    expect(screen.getByText(/They were tailored to different jobs/)).toBeInTheDocument();
    // No raw values or ISO dates reach the page.
    expect(container.textContent).not.toMatch(/\d{4}-\d{2}-\d{2}|probably-met|unmet|expiring\b(?! within)/);

    const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false }, region: { enabled: false } } });
    expect(results.violations.map((v) => v.id)).toEqual([]);
  });

  it('says why when a CV cannot be compared', async () => {
    stubFetch(on('GET', '/api/cvs', { body: list }), on('GET', `/api/cvs/${A}/compare/${B}`, apiError(409, 'CONFLICT', 'The second CV is not finished yet: compare it once it is ready')));
    renderAt(<CvCompare id={A} />, `/cvs/${A}/compare?with=${B}`);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The CVs could not be compared');
    expect(alert).toHaveTextContent('The second CV is not finished yet: compare it once it is ready');
  });
});
