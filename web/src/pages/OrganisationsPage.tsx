import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, Navigate, Route, Routes, useSearchParams } from 'react-router';
import { Page } from '../components/Page.tsx';
import { EmptyState, ErrorState, Loading } from '../components/states.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { SelectField, SubmitButton, TextField } from '../components/fields.tsx';
import { api } from '../lib/api.ts';
import { OrganisationDetailPage } from './organisations/OrganisationDetail.tsx';
import { MyViewPage } from './organisations/MyView.tsx';
import { orgListKey, type Organisation, type OrganisationList } from './organisations/org-api.ts';

/**
 * Organisations: the ones you belong to and a new one (`/organisations`), one organisation
 * (`/organisations/:id`), what it sees of you (`/organisations/:id/my-view`), and the landing
 * after signing up or in from an invitation (`/organisations/join?token=…`).
 */
export function OrganisationsPage() {
  return (
    <Routes>
      <Route index element={<OrganisationListPage />} />
      <Route path="join" element={<JoinRedirect />} />
      <Route path=":id" element={<OrganisationDetailPage />} />
      <Route path=":id/my-view" element={<MyViewPage />} />
    </Routes>
  );
}

/** Back to the invitation, now signed in, so the person reads the terms again and decides. */
function JoinRedirect() {
  const [params] = useSearchParams();
  return <Navigate to={`/invitations?token=${encodeURIComponent(params.get('token') ?? '')}`} replace />;
}

const KINDS = [
  { value: 'trust', label: 'NHS trust or health board' },
  { value: 'practice', label: 'Practice' },
  { value: 'agency', label: 'Agency' },
  { value: 'other', label: 'Other' },
];

function OrganisationListPage() {
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: orgListKey, queryFn: ({ signal }) => api.get<OrganisationList>('/api/organisations', { signal }) });
  const [name, setName] = useState('');
  const [kind, setKind] = useState('practice');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const create = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      await api.post<Organisation>('/api/organisations', { name, kind });
      setName('');
      await queryClient.invalidateQueries({ queryKey: orgListKey });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title="Organisations" lead="Teams you belong to. An organisation sees only what you agree to share, and you can leave at any time.">
      <section className="stack" aria-labelledby="my-orgs-heading">
        <h2 id="my-orgs-heading">Your organisations</h2>
        {list.isPending ? (
          <Loading label="Loading your organisations…" />
        ) : list.isError ? (
          <ErrorState level={3} error={list.error} title="Your organisations could not be loaded" onRetry={() => void list.refetch()} />
        ) : list.data.organisations.length === 0 ? (
          <EmptyState level={3} title="No organisations yet">
            <p>When an organisation invites you, the email links to the invitation. You can also start one below.</p>
          </EmptyState>
        ) : (
          <ul className="stack stack-tight">
            {list.data.organisations.map((o) => (
              <li key={o.id}>
                <Link to={`/organisations/${o.id}`}>{o.name}</Link> <span className="badge">{o.role === 'admin' ? 'Admin' : 'Member'}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card stack" aria-labelledby="new-org-heading">
        <h2 id="new-org-heading">Start an organisation</h2>
        <form className="stack" onSubmit={(e) => void create(e)} noValidate>
          <ErrorSummary error={error} />
          <TextField id="org-name" label="Name" value={name} onChange={setName} autoComplete="organization" />
          <SelectField id="org-kind" label="Kind" value={kind} onChange={setKind} options={KINDS} />
          <div className="actions">
            <SubmitButton busy={busy} busyLabel="Creating…">
              Create organisation
            </SubmitButton>
          </div>
        </form>
      </section>
    </Page>
  );
}
