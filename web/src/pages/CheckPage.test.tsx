// @vitest-environment jsdom
import '../test/setup.ts';
import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, on, stubFetch } from '../test/fetch-stub.ts';
import { renderAt } from '../test/render.tsx';
import { CheckPage } from './CheckPage.tsx';

const CODE = 'ABCDEFG-HJKMNPQ-RSTVWXY';
const issued = {
  code: CODE,
  issuedAt: '2026-11-20T10:00:00.000Z',
  holder: { name: 'Daniel Adeyemi' },
  items: [
    {
      section: 'Clinical experience',
      title: 'Senior Staff Nurse, General Intensive Care Unit',
      evidence: { level: 'verifier-confirmed', text: 'Confirmed by Matron, Critical Care, Clifton Vale NHS Foundation Trust on 18 November 2026' },
    },
    { section: 'Clinical experience', title: 'Staff Nurse', evidence: { level: 'self-declared', text: null } },
    { section: 'Registration', title: 'NMC registration', evidence: { level: 'document-backed', text: 'Document on file' } },
  ],
  withdrawn: false,
  withdrawnAt: null,
  copy: null,
  signature: 'eyJhbGciOiJFZERTQSJ9.e30.c2ln',
};

describe('the public CV check', () => {
  it('checks the code from the QR link at once, and lists each entry with its evidence', async () => {
    const calls = stubFetch(on('GET', `/api/check-cv/${CODE}`, { body: { authentic: true, ...issued } }));
    renderAt(<CheckPage />, `/check?code=${CODE}`);
    expect(screen.getByLabelText('Check code')).toHaveValue(CODE);
    const title = await screen.findByRole('heading', { name: 'This code is genuine' });
    await new Promise((r) => requestAnimationFrame(r));
    expect(title).toHaveFocus();
    expect(screen.getByText(/It belongs to a CV Medfolio issued to Daniel Adeyemi on 20 Nov 2026/)).toBeInTheDocument();
    const list = screen.getByRole('region', { name: 'What the CV says, and the evidence behind it' });
    expect(within(list).getByText('Confirmed by Matron, Critical Care, Clifton Vale NHS Foundation Trust on 18 November 2026')).toBeInTheDocument();
    expect(within(list).getByText('Document on file')).toBeInTheDocument();
    expect(within(list).getByText("Entries without a mark are the clinician's own statement.")).toBeInTheDocument();
    expect(calls).toHaveLength(1);
    // No cookie or CSRF token is sent: the check is for anyone.
    expect(calls[0]!.headers['x-csrf-token']).toBeUndefined();
  });

  it('uploads a PDF and says plainly when it is not genuine', async () => {
    const calls = stubFetch(
      on('POST', '/api/check-cv', {
        status: 422,
        body: { authentic: false, reason: 'This file has been changed since Medfolio issued it: it is not the CV issued with its check code.', ...issued },
      }),
    );
    const user = userEvent.setup();
    renderAt(<CheckPage />, '/check');
    await user.click(screen.getByRole('button', { name: 'Check the PDF' }));
    expect(screen.getByText('Choose the PDF to check')).toBeInTheDocument();
    expect(calls).toHaveLength(0);
    await user.upload(screen.getByLabelText('CV (PDF)'), new File(['%PDF-1.7 changed'], 'cv.pdf', { type: 'application/pdf' }));
    await user.click(screen.getByRole('button', { name: 'Check the PDF' }));
    expect(await screen.findByRole('heading', { name: 'Not genuine' })).toBeInTheDocument();
    expect(screen.getByText(/has been changed since Medfolio issued it/)).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'What the CV issued with this code says' })).toBeInTheDocument();
    expect(calls[0]!.method).toBe('POST');
  });

  it('explains a genuine but withdrawn CV, a shared copy, and an unknown code', async () => {
    let reply: Parameters<typeof on>[2] = { body: { authentic: true, ...issued, copy: 'shared-copy' } };
    stubFetch(
      on('POST', '/api/check-cv', () => reply as never),
      on('GET', /\/api\/check-cv\//, apiError(404, 'NOT_FOUND', 'No CV has this check code. Check it against the one printed on the CV.')),
    );
    const user = userEvent.setup();
    renderAt(<CheckPage />, '/check');
    await user.upload(screen.getByLabelText('CV (PDF)'), new File(['%PDF-1.7'], 'cv.pdf', { type: 'application/pdf' }));
    await user.click(screen.getByRole('button', { name: 'Check the PDF' }));
    expect(await screen.findByRole('heading', { name: 'Genuine and unchanged' })).toBeInTheDocument();
    expect(screen.getByText(/a Medfolio share link stamped with its recipient/)).toBeInTheDocument();

    reply = { body: { authentic: true, ...issued, copy: 'original', withdrawn: true, withdrawnAt: '2026-11-25T10:00:00.000Z' } };
    await user.click(screen.getByRole('button', { name: 'Check the PDF' }));
    expect(await screen.findByRole('heading', { name: 'Genuine, but withdrawn' })).toBeInTheDocument();
    expect(screen.getByText(/withdrew it on 25 Nov 2026/)).toBeInTheDocument();

    await user.type(screen.getByLabelText('Check code'), 'nope');
    await user.click(screen.getByRole('button', { name: 'Check the code' }));
    expect(await screen.findByRole('heading', { name: 'The check could not be done' })).toBeInTheDocument();
    expect(screen.getByText(/No CV has this check code/)).toBeInTheDocument();
  });
});
