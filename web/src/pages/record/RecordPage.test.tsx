// @vitest-environment jsdom
import '../../test/setup.ts';
import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { RecordPage } from '../RecordPage.tsx';
import { apiError, me, on, stubFetch, type StubCall } from '../../test/fetch-stub.ts';
import { renderAt } from '../../test/render.tsx';

const csrf = on('GET', '/api/auth/csrf', () => {
  document.cookie = 'medfolio_csrf=t0k3n';
  return { body: { csrfToken: 't0k3n' } };
});
const meta = { evidence: 'self-declared', documentIds: [], createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
const registration = {
  id: '0b5c8a61-8d7e-4e3a-9a51-3b1f7c2d9e01',
  body: 'GMC',
  number: '1234567',
  jurisdiction: null,
  status: 'Registered with a licence to practise' as string | null,
  conditions: null,
  renewalDate: '2026-09-01',
  revalidationDate: null,
  ...meta,
};
const empty = (path: string) => on('GET', `/api/${path}`, { body: { items: [] } });
const base = [csrf, on('GET', '/api/me', { body: me }), on('GET', '/api/verifications', { body: { verifications: [] } }), on('GET', '/api/training-catalogue', { body: { entries: [] } })];

describe('record page', () => {
  it('puts the server’s 422 on the registration number field', async () => {
    const posts: StubCall[] = [];
    stubFetch(
      ...base,
      on('POST', '/api/registrations', (call) => {
        posts.push(call);
        return apiError(422, 'VALIDATION', 'The request is not valid', { issues: [{ path: 'body.number', message: 'must be 7 digits for the GMC' }] });
      }),
      ...['posts', 'registrations', 'training', 'dbs', 'education'].map(empty),
    );
    const user = userEvent.setup();
    renderAt(<RecordPage />, '/record');
    const section = screen.getByRole('region', { name: 'Registrations' });
    await user.click(within(section).getByRole('button', { name: 'Add registration' }));
    expect(within(section).getByRole('heading', { name: 'Add a registration' })).toHaveFocus();

    // The client runs the shared schema first: nothing is sent without a regulator.
    await user.click(within(section).getByRole('button', { name: 'Save registration' }));
    expect(within(section).getByRole('link', { name: 'Regulator is required' })).toBeInTheDocument();
    expect(posts).toHaveLength(0);

    await user.selectOptions(within(section).getByLabelText('Regulator'), 'GMC');
    await user.type(within(section).getByLabelText('Registration number'), '12345');
    await user.click(within(section).getByRole('button', { name: 'Save registration' }));
    const number = within(section).getByLabelText('Registration number');
    expect(await within(section).findByRole('link', { name: 'Registration number must be 7 digits for the GMC' })).toBeInTheDocument();
    expect(number).toHaveAttribute('aria-invalid', 'true');
    expect(number).toHaveAccessibleDescription(expect.stringContaining('Registration number must be 7 digits for the GMC'));
    expect(posts[0]!.body).toEqual({ body: 'GMC', number: '12345' });
  });

  it("adds a referee, held back from CVs unless chosen, and puts the server's PMID rule on its field", async () => {
    const sent: unknown[] = [];
    let referees: unknown[] = [];
    stubFetch(
      ...base,
      on('GET', '/api/referees', () => ({ body: { items: referees } })),
      on('POST', '/api/referees', (call) => {
        sent.push(call.body);
        const item = {
          id: '7f1d2c3b-4a5e-4f60-8a71-92b3c4d5e6f7',
          position: null,
          organisation: null,
          relationship: null,
          phone: null,
          reference: null,
          showOnCv: false,
          ...(call.body as object),
          label: 'Dr Ngozi Adeyemi',
          ...meta,
        };
        referees = [item];
        return { status: 201, body: item };
      }),
      on('POST', '/api/publications', () => apiError(422, 'VALIDATION', 'The publication is not valid', { issues: [{ path: 'body.pmid', message: 'A PubMed id (PMID) is up to 8 digits' }] })),
      ...['posts', 'registrations', 'training', 'dbs', 'education', 'activities', 'publications', 'awards', 'courses', 'memberships'].map(empty),
    );
    const user = userEvent.setup();
    renderAt(<RecordPage />, '/record');
    expect(screen.getByRole('navigation', { name: 'Record sections' })).toHaveTextContent('Research and publications');

    const section = screen.getByRole('region', { name: 'Referees' });
    await user.click(within(section).getByRole('button', { name: 'Add referee' }));
    await user.type(within(section).getByLabelText('Name'), 'Dr Ngozi Adeyemi');
    await user.type(within(section).getByLabelText(/Email address/), 'ngozi.adeyemi@example.org');
    await user.click(within(section).getByRole('button', { name: 'Save referee' }));
    expect(await within(section).findByText('Available on request')).toBeInTheDocument();
    expect(sent).toEqual([{ name: 'Dr Ngozi Adeyemi', email: 'ngozi.adeyemi@example.org', showOnCv: false }]);

    const publications = screen.getByRole('region', { name: 'Research and publications' });
    await user.click(within(publications).getByRole('button', { name: 'Add publication' }));
    await user.type(within(publications).getByLabelText('Title'), 'Fascia iliaca block in the ED');
    await user.selectOptions(within(publications).getByLabelText('Type'), 'journal-article');
    await user.type(within(publications).getByLabelText(/PubMed id/), 'PMID 123');
    await user.click(within(publications).getByRole('button', { name: 'Save publication' }));
    expect(await within(publications).findByRole('link', { name: /A PubMed id \(PMID\) is up to 8 digits/ })).toBeInTheDocument();
    expect(within(publications).getByLabelText(/PubMed id/)).toHaveAttribute('aria-invalid', 'true');
  });

  it("adds a procedure with its logbook count, checking the count in the browser with the server's rule", async () => {
    const sent: unknown[] = [];
    let skills: unknown[] = [];
    stubFetch(
      ...base,
      on('GET', '/api/skills', () => ({ body: { items: skills } })),
      on('POST', '/api/skills', (call) => {
        sent.push(call.body);
        const item = {
          id: '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d',
          proficiency: null,
          periodStart: null,
          keywords: [],
          logbook: null,
          ...(call.body as object),
          label: 'Chest drain insertion',
          ...meta,
        };
        skills = [item];
        return { status: 201, body: item };
      }),
      ...['posts', 'registrations', 'training', 'dbs', 'education'].map(empty),
    );
    const user = userEvent.setup();
    renderAt(<RecordPage />, '/record');
    const section = screen.getByRole('region', { name: 'Clinical skills and procedures' });
    await user.click(within(section).getByRole('button', { name: 'Add skill or procedure' }));
    await user.type(within(section).getByLabelText('Skill or procedure'), 'Chest drain insertion');
    await user.selectOptions(within(section).getByLabelText(/^Supervision/), 'supervised');
    await user.type(within(section).getByLabelText(/^Number performed/), '2.5');
    await user.click(within(section).getByRole('button', { name: 'Save skill' }));
    expect(within(section).getByRole('link', { name: 'Number performed must be a whole number' })).toBeInTheDocument();
    expect(sent).toHaveLength(0);

    await user.clear(within(section).getByLabelText(/^Number performed/));
    await user.type(within(section).getByLabelText(/^Number performed/), '12');
    await user.type(within(section).getByLabelText(/^Counted to/), '2025-07-31');
    await user.click(within(section).getByRole('button', { name: 'Save skill' }));
    expect(await within(section).findByText('Supervised')).toBeInTheDocument();
    expect(sent).toEqual([{ name: 'Chest drain insertion', supervision: 'supervised', count: 12, periodEnd: '2025-07-31', keywords: [] }]);
  });

  it('saves specialties and availability whole, with each shift pattern a checkbox', async () => {
    const puts: unknown[] = [];
    const none = { specialties: [], shiftPatterns: [], noticeDays: null, regions: [], travelRadiusMiles: null, availableFrom: null };
    stubFetch(
      ...base,
      on('GET', '/api/me/locum-profile', { body: none }),
      on('PUT', '/api/me/locum-profile', (call) => {
        puts.push(call.body);
        return { body: call.body };
      }),
      ...['posts', 'registrations', 'training', 'dbs', 'education'].map(empty),
    );
    const user = userEvent.setup();
    renderAt(<RecordPage />, '/record');
    const section = screen.getByRole('region', { name: 'Specialties and availability' });
    await user.type(await within(section).findByLabelText(/^Specialties(?! and)/), 'Emergency medicine{enter}Acute medicine');
    await user.click(within(section).getByLabelText('Nights'));
    await user.click(within(section).getByLabelText('On call'));
    await user.type(within(section).getByLabelText(/^Notice/), '14');
    await user.type(within(section).getByLabelText(/^Travel radius/), '40');
    await user.click(within(section).getByRole('button', { name: 'Save specialties and availability' }));
    expect(await screen.findByText('Specialties and availability saved.')).toBeInTheDocument();
    expect(puts).toEqual([{ specialties: ['Emergency medicine', 'Acute medicine'], regions: [], noticeDays: 14, travelRadiusMiles: 40, availableFrom: null, shiftPatterns: ['nights', 'on-call'] }]);
  });

  it('edits with PATCH, sending a cleared optional field as null, then announces it', async () => {
    let saved = registration;
    const patches: unknown[] = [];
    stubFetch(
      ...base,
      on('GET', '/api/registrations', () => ({ body: { items: [saved] } })),
      on('PATCH', `/api/registrations/${registration.id}`, (call) => {
        patches.push(call.body);
        saved = { ...registration, status: null, renewalDate: '2027-09-01' };
        return { body: saved };
      }),
      ...['posts', 'training', 'dbs', 'education'].map(empty),
    );
    const user = userEvent.setup();
    renderAt(<RecordPage />, '/record');
    const section = screen.getByRole('region', { name: 'Registrations' });
    await user.click(await within(section).findByRole('button', { name: 'Edit GMC registration 1234567' }));
    await user.clear(within(section).getByLabelText(/^Status/));
    const renewal = within(section).getByLabelText(/^Renewal date/);
    await user.clear(renewal);
    await user.type(renewal, '2027-09-01');
    await user.click(within(section).getByRole('button', { name: 'Save registration' }));
    expect(await screen.findByText('Registration saved: GMC registration 1234567.')).toBeInTheDocument();
    expect(within(section).getByRole('heading', { level: 2, name: 'Registrations' })).toHaveFocus();
    expect(patches).toEqual([{ body: 'GMC', number: '1234567', status: null, renewalDate: '2027-09-01', jurisdiction: null, conditions: null, revalidationDate: null }]);
  });

  it('asks before deleting, then focuses the section and says what went', async () => {
    let items = [registration];
    const deletes: string[] = [];
    stubFetch(
      ...base,
      on('GET', '/api/registrations', () => ({ body: { items } })),
      on('DELETE', `/api/registrations/${registration.id}`, (call) => {
        deletes.push(call.path);
        items = [];
        return { status: 204 };
      }),
      ...['posts', 'training', 'dbs', 'education'].map(empty),
    );
    const user = userEvent.setup();
    renderAt(<RecordPage />, '/record');
    const section = screen.getByRole('region', { name: 'Registrations' });
    await user.click(await within(section).findByRole('button', { name: 'Delete GMC registration 1234567' }));
    const confirm = within(section).getByRole('button', { name: 'Yes, delete' });
    expect(confirm).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(deletes).toHaveLength(0);
    await user.click(within(section).getByRole('button', { name: 'Delete GMC registration 1234567' }));
    await user.click(within(section).getByRole('button', { name: 'Yes, delete' }));
    expect(await screen.findByText('Registration deleted: GMC registration 1234567.')).toBeInTheDocument();
    expect(within(section).getByText('No registrations yet.')).toBeInTheDocument();
    expect(within(section).getByRole('heading', { level: 2, name: 'Registrations' })).toHaveFocus();
    expect(deletes).toHaveLength(1);
  });

  it('imports a JSON Resume chosen by the person and shows the server’s report', async () => {
    const imports: unknown[] = [];
    stubFetch(
      ...base,
      on('POST', '/api/import/json-resume', (call) => {
        imports.push(call.body);
        return {
          body: {
            created: { posts: 2, education: 1, training: 0, registrations: 1, dbs: 0, timecards: 0 },
            updated: { posts: 0, education: 0, training: 0, registrations: 0, dbs: 0, timecards: 0 },
            skipped: [{ path: 'work[2]', reason: 'has no start date' }],
            notImported: [{ path: 'basics.image', reason: 'Medfolio does not keep a photo' }],
            warnings: ['education[0].endDate: "2012" read as the end of that year'],
          },
        };
      }),
      ...['posts', 'registrations', 'training', 'dbs', 'education'].map(empty),
    );
    const user = userEvent.setup();
    renderAt(<RecordPage />, '/record');
    const resume = { basics: { name: 'Asha Patel' }, work: [{ name: 'Northgate', position: 'ST4' }] };
    await user.upload(screen.getByLabelText('JSON Resume file'), new File([JSON.stringify(resume)], 'asha.json', { type: 'application/json' }));
    expect(await screen.findByRole('heading', { name: 'Imported asha.json' })).toBeInTheDocument();
    expect(screen.getByText(/Added: 2 posts, 1 registration, 1 qualification\./)).toBeInTheDocument();
    expect(screen.getByText('has no start date', { exact: false })).toBeInTheDocument();
    // A field the import does not keep is named, never dropped silently.
    expect(screen.getByText('1 field was not imported:')).toBeInTheDocument();
    expect(screen.getByText('Medfolio does not keep a photo', { exact: false })).toBeInTheDocument();
    expect(screen.getByText('education[0].endDate: "2012" read as the end of that year')).toBeInTheDocument();
    expect(imports).toEqual([resume]);

    await user.upload(screen.getByLabelText('JSON Resume file'), new File(['{ not json'], 'broken.json', { type: 'application/json' }));
    expect(await screen.findByRole('heading', { name: 'broken.json could not be imported' })).toBeInTheDocument();
    expect(imports).toHaveLength(1);
  });
});
