import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Credential } from '../../../server/domains/credentials/schema.ts';
import { ConfirmStep } from '../components/ConfirmStep.tsx';
import { Page } from '../components/Page.tsx';
import { EmptyState, ErrorState, Loading } from '../components/states.tsx';
import { api, describeError } from '../lib/api.ts';
import { formatDate } from '../lib/record-format.ts';
import { credentialsKey, useCredentials } from './credentials/use-credentials.ts';

const KIND_LABEL: Record<Credential['kind'], string> = {
  'post-confirmation': 'Confirmed post',
  'shift-rollup': 'Approved shifts',
  registration: 'Registration',
  dbs: 'DBS check',
};

function CredentialItem({ credential, onWithdrawn }: { credential: Credential; onWithdrawn: (c: Credential) => void }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const withdraw = useMutation({
    mutationFn: () => api.post(`/api/me/credentials/${credential.id}/withdraw`),
    onSuccess: async () => {
      setConfirming(false);
      await queryClient.invalidateQueries({ queryKey: credentialsKey });
      onWithdrawn(credential);
    },
  });
  const active = credential.status === 'active';
  const buttonId = `withdraw-${credential.id}`;
  return (
    <li>
      <article className="card stack stack-tight credential" aria-labelledby={`credential-${credential.id}`}>
        <div className="share-head">
          <h3 id={`credential-${credential.id}`} className="share-title">
            {credential.title}
          </h3>
          <span className={active ? 'badge badge-ok' : 'badge'}>{active ? 'Valid' : 'Revoked'}</span>
        </div>
        <p className="muted">
          {KIND_LABEL[credential.kind]} · issued {formatDate(credential.issuedAt)}
          {credential.revokedAt ? ` · revoked ${formatDate(credential.revokedAt)}: ${credential.revocationReason ?? ''}` : ''}
        </p>
        {active ? (
          confirming ? (
            <ConfirmStep
              className="notice notice-danger stack stack-tight"
              label={`Confirm withdrawing ${credential.title}`}
              confirmLabel="Yes, withdraw"
              busyLabel="Withdrawing…"
              busy={withdraw.isPending}
              onConfirm={() => withdraw.mutate()}
              onCancel={() => setConfirming(false)}
              returnFocusTo={buttonId}
            >
              Withdraw this credential? Anyone who checks a copy you already gave out will see it as revoked. Medfolio will not issue the same one again.
            </ConfirmStep>
          ) : (
            <div className="actions">
              <a className="btn btn-secondary btn-small" href={credential.downloadUrl} download={`medfolio-credential-${credential.id}.jwt`}>
                Download<span className="visually-hidden"> {credential.title}</span>
              </a>
              <button id={buttonId} type="button" className="btn btn-danger btn-small" onClick={() => setConfirming(true)}>
                Withdraw<span className="visually-hidden"> {credential.title}</span>
              </button>
            </div>
          )
        ) : null}
        {withdraw.isError ? (
          <p className="notice notice-danger" role="alert">
            {describeError(withdraw.error)}
          </p>
        ) : null}
      </article>
    </li>
  );
}

/**
 * Portable credentials: what the record proves, as W3C Verifiable Credentials signed by
 * Medfolio, to download and give to a trust or an agency (or send with a share link).
 */
export function CredentialsPage() {
  const credentials = useCredentials();
  const [message, setMessage] = useState('');
  const list = credentials.data?.credentials ?? [];
  const active = list.filter((c) => c.status === 'active');
  const revoked = list.filter((c) => c.status !== 'active');
  return (
    <Page
      title="Credentials"
      lead="Proof you can carry: each confirmed post, each employer's approved shifts, and each registration or DBS check with a document on file becomes a credential signed by Medfolio. Download one to give to a trust or an agency, or send it with a CV from the Shares page."
    >
      <p className="visually-hidden" role="status" aria-live="polite">
        {message}
      </p>
      <details className="card">
        <summary>How an employer checks a credential</summary>
        <p>
          Each file is a W3C Verifiable Credential (a signed JSON Web Token). Their systems verify its signature against the keys Medfolio publishes at{' '}
          <a href="/.well-known/jwks.json">/.well-known/jwks.json</a>, then look up its entry in the revocation list it names: a credential you withdraw, or one whose post you change, shows as revoked
          there at once.
        </p>
      </details>
      {credentials.isPending ? (
        <Loading label="Loading your credentials…" />
      ) : credentials.isError ? (
        <ErrorState error={credentials.error} title="Your credentials could not be loaded" onRetry={() => void credentials.refetch()} />
      ) : list.length === 0 ? (
        <EmptyState title="No credentials yet">
          <p>
            Credentials come from evidence: <Link to="/verifications">ask a referee to confirm a post</Link>, submit your shifts to their supervisors, or <Link to="/documents">link a document</Link>{' '}
            to a registration or DBS check.
          </p>
        </EmptyState>
      ) : (
        <>
          <section className="stack" aria-labelledby="credentials-valid">
            <h2 id="credentials-valid">Valid ({active.length})</h2>
            {active.length ? (
              <ul className="share-list">
                {active.map((c) => (
                  <CredentialItem key={c.id} credential={c} onWithdrawn={(w) => setMessage(`${w.title} withdrawn.`)} />
                ))}
              </ul>
            ) : (
              <p className="muted">None at the moment.</p>
            )}
          </section>
          {revoked.length ? (
            <details className="stack">
              <summary>Revoked ({revoked.length})</summary>
              <ul className="share-list">
                {revoked.map((c) => (
                  <CredentialItem key={c.id} credential={c} onWithdrawn={() => undefined} />
                ))}
              </ul>
            </details>
          ) : null}
        </>
      )}
    </Page>
  );
}
