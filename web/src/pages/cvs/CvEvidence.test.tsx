// @vitest-environment jsdom
import '../../test/setup.ts';
import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { on, stubFetch, type StubCall } from '../../test/fetch-stub.ts';
import { renderAt } from '../../test/render.tsx';
import { CvEvidence } from './CvEvidence.tsx';

const ID = '0b8f6c1e-1d2a-4c3b-9e4f-5a6b7c8d9e0f';
const csrf = on('GET', '/api/auth/csrf', () => {
  document.cookie = 'medfolio_csrf=t0k3n';
  return { body: { csrfToken: 't0k3n' } };
});
const check = {
  issuedAt: '2026-11-20T10:00:00.000Z',
  withdrawnAt: null,
  items: [
    {
      section: 'Clinical experience',
      title: 'Senior Staff Nurse',
      evidence: { level: 'verifier-confirmed' as const, text: 'Confirmed by Matron, Critical Care, Clifton Vale NHS Foundation Trust on 18 November 2026' },
    },
    { section: 'Clinical experience', title: 'Staff Nurse', evidence: { level: 'self-declared' as const, text: null } },
    { section: 'Verified shifts', title: 'Bank Staff Nurse, ICU', evidence: { level: 'supervisor-approved' as const, text: 'Approved by shift supervisor: 1 shift, on 3 October 2026' } },
  ],
};

describe('evidence on a CV', () => {
  it('shows each entry’s mark, makes the PDF again with referees’ names, and withdraws after confirmation', async () => {
    const calls: StubCall[] = [];
    stubFetch(
      csrf,
      on('PATCH', `/api/cvs/${ID}`, (call) => {
        calls.push(call);
        return { body: { id: ID, showRefereeNames: true, check } };
      }),
      on('POST', `/api/cvs/${ID}/withdraw`, (call) => {
        calls.push(call);
        return { status: 204 };
      }),
      on('GET', `/api/cvs/${ID}`, { body: { id: ID, showRefereeNames: true, check: { ...check, withdrawnAt: '2026-11-27T10:00:00.000Z' } } }),
    );
    const user = userEvent.setup();
    renderAt(<CvEvidence cv={{ id: ID, showRefereeNames: false, check }} />);
    const region = screen.getByRole('region', { name: 'Evidence on this CV' });
    expect(within(region).getByText('Confirmed by Matron, Critical Care, Clifton Vale NHS Foundation Trust on 18 November 2026')).toBeInTheDocument();
    expect(within(region).getByText('Approved by shift supervisor: 1 shift, on 3 October 2026')).toBeInTheDocument();
    expect(within(region).getByText('No mark: your own statement')).toBeInTheDocument();

    await user.click(screen.getByLabelText('Show referees’ names on this CV'));
    expect(calls[0]).toMatchObject({ method: 'PATCH', body: { showRefereeNames: true } });

    await user.click(screen.getByRole('button', { name: 'Withdraw this CV' }));
    expect(calls).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Yes, withdraw' }));
    expect(calls[1]).toMatchObject({ method: 'POST', path: `/api/cvs/${ID}/withdraw` });
  });
});
