import { useMutation } from '@tanstack/react-query';
import type { Me } from '../../../server/domains/accounts/schema.ts';
import { Page } from '../components/Page.tsx';
import { ErrorState, Loading } from '../components/states.tsx';
import { api, describeError } from '../lib/api.ts';
import { useMe } from '../app/auth.ts';
import { SessionsSection } from './security/SessionsSection.tsx';
import { ChangePasswordSection } from './security/ChangePasswordSection.tsx';
import { TwoFactorSection } from './security/TwoFactorSection.tsx';

/** Security: email confirmation, sessions, password and two-factor authentication. */
export function SecurityPage() {
  const me = useMe();
  return (
    <Page title="Security" lead="Keep your account safe: see where you are signed in, change your password and turn on two-factor authentication.">
      {me.isPending ? (
        <Loading label="Loading your account…" />
      ) : me.isError ? (
        <ErrorState error={me.error} title="Your account could not be loaded" onRetry={() => void me.refetch()} />
      ) : (
        <>
          {me.data.emailVerified ? null : <VerifyEmail me={me.data} />}
          <SessionsSection />
          <ChangePasswordSection />
          <TwoFactorSection me={me.data} />
        </>
      )}
    </Page>
  );
}

function VerifyEmail({ me }: { me: Me }) {
  const resend = useMutation({ mutationFn: () => api.post<{ message: string }>('/api/me/verification-email') });
  return (
    <section className="card stack stack-tight" aria-labelledby="verify-email-heading">
      <h2 id="verify-email-heading">Confirm your email address</h2>
      <p>
        <strong>{me.email}</strong> is not confirmed yet. Open the link we emailed you; it is how we reach you about your account, and how you reset a forgotten password.
      </p>
      <div className="actions">
        <button type="button" className="btn btn-secondary" onClick={() => !resend.isPending && resend.mutate()} aria-disabled={resend.isPending || undefined}>
          {resend.isPending ? 'Sending…' : 'Send the verification email again'}
        </button>
      </div>
      <div role="status" aria-live="polite">
        {resend.isSuccess ? <p className="notice notice-ok">{resend.data.message}</p> : null}
      </div>
      {resend.isError ? (
        <p className="notice notice-danger" role="alert">
          {describeError(resend.error)}
        </p>
      ) : null}
    </section>
  );
}
