import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ZUnlockSignInRequest } from '../../../../server/domains/accounts/schema.ts';
import { Page } from '../../components/Page.tsx';
import { ErrorState, Loading } from '../../components/states.tsx';
import { api } from '../../lib/api.ts';

/**
 * The link emailed when many wrong passwords from elsewhere have paused sign-in for new
 * browsers: it lets this browser in (the password is still needed), once.
 */
export function UnlockSignInPage() {
  const [params] = useSearchParams();
  const parsed = ZUnlockSignInRequest.safeParse({ token: params.get('token') });
  const unlock = useMutation({
    mutationFn: (token: string) => api.post('/api/auth/unlock-sign-in', { token }),
    meta: { authRedirect: false },
  });
  const sent = useRef(false);
  const token = parsed.success ? parsed.data.token : undefined;
  useEffect(() => {
    // StrictMode runs effects twice in development; the ref keeps it to one request.
    if (!token || sent.current) return;
    sent.current = true;
    unlock.mutate(token);
  }, [token, unlock]);

  if (!token) {
    return (
      <Page title="This link is not complete">
        <p>Open the link from the email again, or copy all of it into the address bar.</p>
      </Page>
    );
  }
  if (unlock.isSuccess) {
    return (
      <Page title="You can sign in from this browser">
        <p role="status">This browser can now sign in to your account, even while sign-in from other new browsers is paused.</p>
        <p>
          <Link className="btn" to="/sign-in">
            Sign in
          </Link>
        </p>
        <p>If you did not cause the wrong passwords, consider choosing a new password once you are in.</p>
      </Page>
    );
  }
  if (unlock.isError) {
    return (
      <Page title="This browser could not be let in">
        <ErrorState error={unlock.error} title="The link did not work" />
        <p>
          You can also <Link to="/forgot-password">reset your password</Link>: following that link lets this browser in too.
        </p>
      </Page>
    );
  }
  return (
    <Page title="Letting this browser in">
      <Loading label="Checking your link…" />
    </Page>
  );
}
