import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ZVerifyEmailRequest } from '../../../../server/domains/accounts/schema.ts';
import { Page } from '../../components/Page.tsx';
import { ErrorState, Loading } from '../../components/states.tsx';
import { api } from '../../lib/api.ts';
import { meQueryKey } from '../../app/auth.ts';

/** The emailed link lands here and confirms at once (the token is single-use, so exactly one POST). */
export function VerifyEmailPage() {
  const [params] = useSearchParams();
  const parsed = ZVerifyEmailRequest.safeParse({ token: params.get('token') });
  const queryClient = useQueryClient();
  const verify = useMutation({
    mutationFn: (token: string) => api.post('/api/auth/verify-email', { token }),
    meta: { authRedirect: false },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meQueryKey }),
  });
  const sent = useRef(false);
  const token = parsed.success ? parsed.data.token : undefined;
  useEffect(() => {
    // StrictMode runs effects twice in development; the ref keeps it to one request.
    if (!token || sent.current) return;
    sent.current = true;
    verify.mutate(token);
  }, [token, verify]);

  if (!token) {
    return (
      <Page title="This link is not complete">
        <p>Open the link from the email again, or copy all of it into the address bar.</p>
      </Page>
    );
  }
  if (verify.isSuccess) {
    return (
      <Page title="Your email address is confirmed">
        <p role="status">Thank you. Your email address is confirmed.</p>
        <p>
          <Link className="btn" to="/">
            Go to your dashboard
          </Link>
        </p>
      </Page>
    );
  }
  if (verify.isError) {
    return (
      <Page title="Your email address could not be confirmed">
        <ErrorState error={verify.error} title="The link did not work" />
        <p>
          Signed in? You can ask for a new link from the banner at the top of any page. <Link to="/">Go to your dashboard</Link>
        </p>
      </Page>
    );
  }
  return (
    <Page title="Confirming your email address">
      <Loading label="Confirming your email address…" />
    </Page>
  );
}
