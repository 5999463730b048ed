// @vitest-environment jsdom
import '../../test/setup.ts';
import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { on, stubFetch } from '../../test/fetch-stub.ts';
import { renderAt } from '../../test/render.tsx';
import { TailorCvForm } from '../assistant/TailorCvForm.tsx';

const ADVERT = 'Critical Care Outreach Practitioner - Band 6\nEssential\n- Registered Nurse (Adult) on the NMC register\n- Current ILS (ALS desirable)';
const line = (text: string, status: string, importance = 'essential', note = '') => ({ text, kind: 'course', key: 'x', importance, status, note, evidence: [] });
const counts = { met: 1, probablyMet: 1, unmet: 1, expired: 0, expiring: 0 };

describe('requirement preview under the pasted advert', () => {
  it('reads the advert once the paste settles and shows each requirement with its status and reason, gaps first', async () => {
    const calls = stubFetch(
      on('GET', '/api/auth/csrf', { body: { csrfToken: 't' } }),
      on('POST', '/api/job-analysis', {
        body: {
          title: 'Critical Care Outreach Practitioner',
          employer: 'Severn Estuary University Hospitals NHS Trust',
          country: 'UK',
          asOf: '2026-11-22',
          analysedWith: 'offline',
          notice: null,
          essential: counts,
          desirable: { met: 0, probablyMet: 0, unmet: 1, expired: 0, expiring: 0 },
          requirements: [
            line('Registered Nurse (Adult) on the NMC register', 'met', 'essential', 'NMC registration on your record.'),
            line('Current ILS', 'probably-met', 'essential', 'You hold ALS, which usually covers ILS: check the employer accepts it.'),
            line('Experience of teaching', 'unmet', 'essential', 'Your record does not show teaching yet.'),
            line('ALS', 'unmet', 'desirable', 'The job asks for ALS; your record has none.'),
          ],
        },
      }),
    );
    const user = userEvent.setup();
    renderAt(<TailorCvForm onStarted={() => undefined} />);
    await user.click(screen.getByLabelText('Job description'));
    await user.paste(ADVERT);
    const preview = await screen.findByRole('region', { name: 'What this job asks for' }, { timeout: 3000 });
    expect(await within(preview).findByText('Critical Care Outreach Practitioner')).toBeInTheDocument();
    expect(within(preview).getByText(/Essential: 2 of 3 met \(1 to check\) · 1 not met/)).toBeInTheDocument();
    const items = within(preview)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items[0]).toContain('Not met');
    expect(items[0]).toContain('Experience of teaching');
    expect(items.at(-1)).toContain('Desirable');
    expect(within(preview).getByText(/usually covers ILS/)).toBeInTheDocument();
    expect(calls.filter((c) => c.path === '/api/job-analysis')).toHaveLength(1);
  });

  it('says so when the text is not an advert', async () => {
    stubFetch(
      on('GET', '/api/auth/csrf', { body: { csrfToken: 't' } }),
      on('POST', '/api/job-analysis', {
        body: {
          title: 'Untitled job',
          employer: null,
          country: null,
          asOf: '2026-11-22',
          analysedWith: 'offline',
          requirements: [],
          essential: { ...counts, met: 0, probablyMet: 0, unmet: 0 },
          desirable: { ...counts, met: 0, probablyMet: 0, unmet: 0 },
          notice: 'No requirements found: is this a job advert?',
        },
      }),
    );
    const user = userEvent.setup();
    renderAt(<TailorCvForm onStarted={() => undefined} />);
    await user.click(screen.getByLabelText('Job description'));
    await user.paste('This is just a note to myself about the rota for next week and the weekend.');
    expect(await screen.findByText('No requirements found: is this a job advert?', undefined, { timeout: 3000 })).toBeInTheDocument();
  });
});
