import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Me } from '../../../server/domains/accounts/schema.ts';
import { Page } from '../components/Page.tsx';
import { ErrorState, Loading } from '../components/states.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { api } from '../lib/api.ts';
import { InvitationTerms } from './organisations/InvitationTerms.tsx';
import type { InvitationView } from './organisations/org-api.ts';

/**
 * The page an invitation email links to (`/invitations?token=…`), open to anyone holding the link:
 * the terms first, then accept (signed in with the invited address), create an account to
 * accept, or decline (no account needed).
 */
export function InvitationPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const navigate = useNavigate();
  const invitation = useQuery({ queryKey: ['invitation', token], queryFn: ({ signal }) => api.get<InvitationView>(`/api/invitations/${encodeURIComponent(token)}`, { signal }), retry: false });
  const me = useQuery({ queryKey: ['me', 'optional'], queryFn: ({ signal }) => api.get<Me>('/api/me', { signal }), retry: false });
  const [busy, setBusy] = useState<'accept' | 'decline' | undefined>();
  const [error, setError] = useState<unknown>();
  const [declined, setDeclined] = useState(false);

  const act = async (what: 'accept' | 'decline') => {
    setBusy(what);
    setError(undefined);
    try {
      if (what === 'accept') {
        const { organisationId } = await api.post<{ organisationId: string }>(`/api/invitations/${encodeURIComponent(token)}/accept`);
        await navigate(`/organisations/${organisationId}`);
      } else {
        await api.post(`/api/invitations/${encodeURIComponent(token)}/decline`);
        setDeclined(true);
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(undefined);
    }
  };

  if (declined) {
    return (
      <Page title="Invitation declined">
        <p role="status">You declined the invitation. The organisation is told that it was declined, and nothing else.</p>
      </Page>
    );
  }
  return (
    <Page title="An invitation to join an organisation">
      {invitation.isPending ? (
        <Loading label="Loading the invitation…" />
      ) : invitation.isError ? (
        <ErrorState error={invitation.error} title="This invitation cannot be used" />
      ) : (
        <>
          <p className="lead">
            You are invited to join <strong>{invitation.data.organisation.name}</strong> on Medfolio. Nothing is shared unless you accept.
          </p>
          <InvitationTerms invitation={invitation.data} />
          <ErrorSummary error={error} />
          {me.isPending ? (
            <Loading label="Checking whether you are signed in…" />
          ) : me.isSuccess ? (
            <div className="actions">
              <button type="button" className="btn" aria-busy={busy === 'accept' || undefined} onClick={() => void act('accept')}>
                Accept and join
              </button>
              <button type="button" className="btn btn-secondary" aria-busy={busy === 'decline' || undefined} onClick={() => void act('decline')}>
                Decline
              </button>
            </div>
          ) : (
            <div className="stack stack-tight">
              <p>To accept, use the account with the address the invitation was sent to.</p>
              <div className="actions">
                <Link className="btn" to={`/sign-up?next=${encodeURIComponent(`/organisations/join?token=${token}`)}`}>
                  Create an account to accept
                </Link>
                <Link className="btn btn-secondary" to={`/sign-in?next=${encodeURIComponent(`/organisations/join?token=${token}`)}`}>
                  Sign in to accept
                </Link>
                <button type="button" className="btn btn-secondary" aria-busy={busy === 'decline' || undefined} onClick={() => void act('decline')}>
                  Decline
                </button>
              </div>
            </div>
          )}
        </>
      )}
    </Page>
  );
}
