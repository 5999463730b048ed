import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Page } from '../../components/Page.tsx';
import { ErrorState, Loading } from '../../components/states.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { SelectField, SubmitButton, TextField } from '../../components/fields.tsx';
import { api } from '../../lib/api.ts';
import { formatDate } from '../../lib/privacy-format.ts';
import { ComplianceSection } from './Compliance.tsx';
import { ScopeChoices } from './ScopeChoices.tsx';
import { TeamPlanSection } from './TeamPlan.tsx';
import { orgKey, orgListKey, SCOPE_LABELS, type ConsentScopeName, type InvitationCreated, type Organisation, type PendingInvitations } from './org-api.ts';

const scopeText = (scope: ConsentScopeName[] | null) => (scope && scope.length ? scope.map((s) => SCOPE_LABELS[s]).join(', ') : 'nothing');

/** One organisation: what you share and leaving; for admins, members and roles, invitations, compliance and the team plan. */
export function OrganisationDetailPage() {
  const { id = '' } = useParams();
  const org = useQuery({ queryKey: orgKey(id), queryFn: ({ signal }) => api.get<Organisation>(`/api/organisations/${id}`, { signal }) });
  const [announcement, setAnnouncement] = useState('');
  if (org.isPending) return <Loading label="Loading the organisation…" />;
  if (org.isError) return <ErrorState error={org.error} title="This organisation could not be loaded" />;
  const isAdmin = org.data.role === 'admin';
  return (
    <Page title={org.data.name} lead={isAdmin ? 'You are an admin of this organisation.' : 'You are a member of this organisation.'}>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      <MySharing org={org.data} onDone={setAnnouncement} />
      <Members org={org.data} onDone={setAnnouncement} />
      {isAdmin ? (
        <>
          <InviteSection organisationId={id} onDone={setAnnouncement} />
          <ComplianceSection organisationId={id} />
          <TeamPlanSection organisationId={id} />
        </>
      ) : null}
    </Page>
  );
}

function useRefresh(id: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['organisations'] }).then(() => queryClient.invalidateQueries({ queryKey: orgKey(id) }));
}

function MySharing({ org, onDone }: { org: Organisation; onDone: (s: string) => void }) {
  const [scope, setScope] = useState<ConsentScopeName[]>(org.myScope);
  const [busy, setBusy] = useState<'save' | 'leave' | undefined>();
  const [error, setError] = useState<unknown>();
  const refresh = useRefresh(org.id);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  useEffect(() => setScope(org.myScope), [org.myScope]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy('save');
    setError(undefined);
    try {
      await api.put(`/api/organisations/${org.id}/my-consent`, { scope });
      await refresh();
      onDone(`You now share ${scopeText(scope)} with ${org.name}.`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(undefined);
    }
  };
  const leave = async () => {
    setBusy('leave');
    setError(undefined);
    try {
      await api.del(`/api/organisations/${org.id}/members/self`);
      await queryClient.invalidateQueries({ queryKey: orgListKey });
      await navigate('/organisations');
    } catch (err) {
      setError(err);
      setBusy(undefined);
    }
  };
  return (
    <section className="card stack" aria-labelledby="sharing-heading">
      <h2 id="sharing-heading">What you share</h2>
      <p>
        {org.name} sees your name and email address, and {scopeText(org.myScope)} from your record. <Link to={`/organisations/${org.id}/my-view`}>See exactly what they see</Link>.
      </p>
      <form className="stack" onSubmit={(e) => void save(e)} noValidate>
        <ErrorSummary error={error} />
        <ScopeChoices idPrefix="my-scope" legend="Share with this organisation" value={scope} onChange={setScope} />
        <div className="actions">
          <SubmitButton busy={busy === 'save'} busyLabel="Saving…">
            Save what I share
          </SubmitButton>
          <button type="button" className="btn btn-danger" aria-busy={busy === 'leave' || undefined} onClick={() => void leave()}>
            Leave {org.name}
          </button>
        </div>
      </form>
    </section>
  );
}

function Members({ org, onDone }: { org: Organisation; onDone: (s: string) => void }) {
  const refresh = useRefresh(org.id);
  const [error, setError] = useState<unknown>();
  const isAdmin = org.role === 'admin';
  const run = async (action: () => Promise<unknown>, said: string) => {
    setError(undefined);
    try {
      await action();
      await refresh();
      onDone(said);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section className="stack" aria-labelledby="members-heading">
      <h2 id="members-heading">Members</h2>
      <ErrorSummary error={error} />
      <ul className="stack stack-tight">
        {org.members.map((m) => (
          <li key={m.id} className="card stack stack-tight">
            <p>
              <strong>{m.name}</strong> <span className="badge">{m.role === 'admin' ? 'Admin' : 'Member'}</span>
              {m.email ? ` ${m.email}` : ''}
            </p>
            {isAdmin ? (
              <p className="muted">
                Joined {formatDate(m.joinedAt)}. Shares {scopeText(m.scope)}.
              </p>
            ) : null}
            {isAdmin ? (
              <div className="actions">
                <button
                  type="button"
                  className="btn btn-secondary btn-small"
                  onClick={() =>
                    void run(
                      () => api.patch(`/api/organisations/${org.id}/members/${m.id}`, { role: m.role === 'admin' ? 'member' : 'admin' }),
                      `${m.name} is now ${m.role === 'admin' ? 'a member' : 'an admin'}.`,
                    )
                  }
                >
                  {m.role === 'admin' ? `Make ${m.name} a member` : `Make ${m.name} an admin`}
                </button>
                {m.role !== 'admin' ? (
                  <button type="button" className="btn btn-danger btn-small" onClick={() => void run(() => api.del(`/api/organisations/${org.id}/members/${m.id}`), `${m.name} was removed.`)}>
                    Remove {m.name}
                  </button>
                ) : null}
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function InviteSection({ organisationId, onDone }: { organisationId: string; onDone: (s: string) => void }) {
  const queryClient = useQueryClient();
  const pendingKey = ['organisations', organisationId, 'invitations'];
  const pending = useQuery({ queryKey: pendingKey, queryFn: ({ signal }) => api.get<PendingInvitations>(`/api/organisations/${organisationId}/invitations`, { signal }) });
  const [email, setEmail] = useState('');
  const [role, setRole] = useState('member');
  const [scope, setScope] = useState<ConsentScopeName[]>(['registration', 'dbs', 'training']);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const sent = await api.post<InvitationCreated>(`/api/organisations/${organisationId}/invitations`, { email, role, scope });
      setEmail('');
      await queryClient.invalidateQueries({ queryKey: pendingKey });
      onDone(sent.emailSent ? `Invitation sent to ${sent.email}.` : `The invitation to ${sent.email} is ready, but the email could not be sent: try again later.`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const withdraw = async (invitationId: string, address: string) => {
    try {
      await api.del(`/api/organisations/${organisationId}/invitations/${invitationId}`);
      await queryClient.invalidateQueries({ queryKey: pendingKey });
      onDone(`The invitation to ${address} was withdrawn.`);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section className="card stack" aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite someone</h2>
      <p>They join only if they accept, after reading what the organisation will see. They can share less, or leave, at any time.</p>
      <form className="stack" onSubmit={(e) => void send(e)} noValidate>
        <ErrorSummary error={error} />
        <TextField id="invite-email" label="Email address" type="email" autoComplete="off" spellCheck={false} value={email} onChange={setEmail} />
        <SelectField
          id="invite-role"
          label="Role"
          value={role}
          onChange={setRole}
          options={[
            { value: 'member', label: 'Member' },
            { value: 'admin', label: 'Admin' },
          ]}
        />
        <ScopeChoices idPrefix="invite-scope" legend="Ask them to share" value={scope} onChange={setScope} />
        <div className="actions">
          <SubmitButton busy={busy} busyLabel="Sending…">
            Send invitation
          </SubmitButton>
        </div>
      </form>
      <h3>Waiting for an answer</h3>
      {pending.isPending ? (
        <Loading label="Loading invitations…" />
      ) : pending.isError ? (
        <ErrorState level={3} error={pending.error} title="Invitations could not be loaded" onRetry={() => void pending.refetch()} />
      ) : pending.data.invitations.length === 0 ? (
        <p>No invitation is waiting.</p>
      ) : (
        <ul className="stack stack-tight">
          {pending.data.invitations.map((i) => (
            <li key={i.id} className="cluster">
              <span>
                {i.email} ({i.role === 'admin' ? 'admin' : 'member'}), until {formatDate(i.expiresAt)}
              </span>
              <button type="button" className="btn btn-secondary btn-small" onClick={() => void withdraw(i.id, i.email)}>
                Withdraw the invitation to {i.email}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
