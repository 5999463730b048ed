import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { ZLoginRequest, type Me } from '../../../../server/domains/accounts/schema.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { OneTimeCodeField, PasswordField, SubmitButton, TextField } from '../../components/fields.tsx';
import { Page } from '../../components/Page.tsx';
import { api, ApiError, isApiError } from '../../lib/api.ts';
import { useZodForm } from '../../lib/use-zod-form.ts';
import { safeNext, setSignedIn } from '../../app/auth.ts';

/** In the code step the (otherwise optional) second factor is required. */
const ZLoginWithCode = ZLoginRequest.required({ totp: true });

type Step = 'password' | 'code';

/**
 * Sign in. Login answers 401 with details.twoFactorRequired when the account has two-factor
 * on and no (or a wrong) code was sent: the form then asks for the code, keeping the email and
 * password, and sends all three again.
 */
export function SignInPage() {
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [step, setStep] = useState<Step>('password');
  /** Login answered 403 with details.erasurePending: the account is locked for erasure. */
  const [erasurePending, setErasurePending] = useState(false);
  const next = safeNext(params.get('next'));
  const signedOut = (location.state as { signedOut?: boolean } | null)?.signedOut === true;

  const form = useZodForm({
    schema: (step === 'code' ? ZLoginWithCode : ZLoginRequest) as typeof ZLoginRequest,
    initialValues: { email: '', password: '', totp: '' },
    labels: { email: 'Email address', password: 'Password', totp: 'Code' },
    idPrefix: 'sign-in',
    onSubmit: async (body) => {
      setErasurePending(false);
      try {
        const result = await api.post<{ user: Me; csrfToken: string }>('/api/auth/login', body);
        setSignedIn(queryClient, result.user);
        await navigate(next, { replace: true });
      } catch (err) {
        if (isApiError(err) && err.status === 403 && err.details.erasurePending === true) setErasurePending(true);
        if (isApiError(err) && err.twoFactorRequired) {
          if (step === 'password') {
            setStep('code');
            return;
          }
          // A wrong or reused code: say so on the code field.
          throw new ApiError(err.status, err.code, err.message, { ...err.details, issues: [{ path: 'body.totp', message: err.message }] });
        }
        throw err;
      }
    },
  });

  // Only when the step changes: later renders must not pull focus away from the error summary.
  const { idFor } = form;
  useEffect(() => {
    if (step === 'code') document.getElementById(idFor('totp'))?.focus();
  }, [step, idFor]);

  return (
    <Page title={step === 'code' ? 'Enter your two-factor code' : 'Sign in'} documentTitle="Sign in">
      {signedOut && step === 'password' ? (
        <p className="notice notice-ok" role="status">
          You have signed out.
        </p>
      ) : null}
      <form className="stack" onSubmit={form.handleSubmit} noValidate>
        <ErrorSummary {...form.summary} />
        {erasurePending ? (
          <p className="notice notice-warn">
            <Link to="/cancel-erasure" state={{ email: form.values.email }}>
              Cancel the erasure of your account
            </Link>{' '}
            to unlock it and sign in again.
          </p>
        ) : null}
        {step === 'password' ? (
          <>
            <TextField label="Email address" type="email" autoComplete="username" spellCheck={false} {...form.field('email')} />
            <PasswordField {...form.field('password')} />
          </>
        ) : (
          <>
            <p>Two-factor authentication is on for {form.values.email}.</p>
            <OneTimeCodeField label="Code" hint="The 6-digit code from your authenticator app, or one of your recovery codes (like abcde-12345)." {...form.field('totp')} />
          </>
        )}
        <div className="actions">
          <SubmitButton busy={form.submitting} busyLabel="Signing in…">
            {step === 'code' ? 'Continue' : 'Sign in'}
          </SubmitButton>
          {step === 'code' ? (
            <button
              type="button"
              className="btn btn-secondary"
              onClick={() => {
                setStep('password');
                form.reset({ email: form.values.email, password: '', totp: '' });
              }}
            >
              Use a different account
            </button>
          ) : null}
        </div>
      </form>
      {step === 'password' ? (
        <ul className="link-list">
          <li>
            <Link to="/forgot-password">Forgotten your password?</Link>
          </li>
          <li>
            New to Medfolio? <Link to={next === '/' ? '/sign-up' : `/sign-up?next=${encodeURIComponent(next)}`}>Create an account</Link>
          </li>
        </ul>
      ) : null}
    </Page>
  );
}
