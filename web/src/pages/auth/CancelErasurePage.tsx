import { useEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { ZErasureCancelRequest } from '../../../../server/domains/privacy/schema.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { OneTimeCodeField, PasswordField, SubmitButton, TextField } from '../../components/fields.tsx';
import { Page } from '../../components/Page.tsx';
import { api, ApiError, isApiError } from '../../lib/api.ts';
import { formatDate } from '../../lib/privacy-format.ts';
import { useZodForm } from '../../lib/use-zod-form.ts';
import type { ErasureScheduledState } from '../privacy/ErasureSection.tsx';

/** Once the server has asked for it, the (otherwise optional) second factor is required. */
const ZCancelWithCode = ZErasureCancelRequest.required({ totp: true });

/**
 * Public: cancel a pending erasure with email, password (and the two-factor code when the
 * server asks for it). The erasure email links here, sign-in links here when the account is
 * locked for erasure, and the privacy page lands here (with the reference and date in
 * location.state) right after an erasure was requested.
 */
export function CancelErasurePage() {
  const location = useLocation();
  const state = location.state as Partial<ErasureScheduledState> | null;
  const scheduled = state?.erasureScheduled;
  const [needsCode, setNeedsCode] = useState(false);
  const [done, setDone] = useState(false);
  const doneRef = useRef<HTMLDivElement>(null);

  const form = useZodForm({
    schema: (needsCode ? ZCancelWithCode : ZErasureCancelRequest) as typeof ZErasureCancelRequest,
    initialValues: { email: state?.email ?? '', password: '', totp: '' },
    labels: { email: 'Email address', password: 'Password', totp: 'Two-factor code' },
    idPrefix: 'cancel-erasure',
    onSubmit: async (body) => {
      try {
        await api.post('/api/auth/cancel-erasure', body);
        setDone(true);
      } catch (err) {
        if (isApiError(err) && err.twoFactorRequired) {
          if (!needsCode) {
            setNeedsCode(true);
            return;
          }
          throw new ApiError(err.status, err.code, err.message, { ...err.details, issues: [{ path: 'body.totp', message: err.message }] });
        }
        throw err;
      }
    },
  });

  const { idFor } = form;
  useEffect(() => {
    if (needsCode) document.getElementById(idFor('totp'))?.focus();
  }, [needsCode, idFor]);
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  if (done) {
    return (
      <Page title="Erasure cancelled">
        <div ref={doneRef} tabIndex={-1} className="notice notice-ok stack stack-tight" role="status">
          <p>
            <strong>Your account will not be erased.</strong> It is unlocked, and everything in it is as you left it.
          </p>
          <p>Your old share links stay stopped: share your CV again when you need to.</p>
        </div>
        <p>
          <Link className="btn" to="/sign-in">
            Sign in
          </Link>
        </p>
      </Page>
    );
  }

  return (
    <Page title={scheduled ? 'Your account will be erased' : 'Cancel the erasure of your account'} documentTitle="Cancel erasure">
      {scheduled ? (
        <div className="notice notice-warn stack stack-tight" role="status">
          <p>
            You have been signed out and your account is locked. Everything in it will be erased on <strong>{formatDate(scheduled.scheduledFor)}</strong>.
          </p>
          <p>
            Your reference is <code className="reference">{scheduled.reference}</code>. Keep it if you want to ask us about this request; we have also emailed it to you.
          </p>
        </div>
      ) : (
        <p className="lead">If you asked us to erase your account and have changed your mind, you can cancel at any time before the erasure date with your email address and password.</p>
      )}
      <form className="stack" onSubmit={form.handleSubmit} noValidate aria-labelledby="cancel-erasure-form-heading">
        <h2 id="cancel-erasure-form-heading">{scheduled ? 'Changed your mind?' : 'Confirm it is you'}</h2>
        <ErrorSummary {...form.summary} />
        <TextField label="Email address" type="email" autoComplete="username" spellCheck={false} {...form.field('email')} />
        <PasswordField {...form.field('password')} />
        {needsCode ? (
          <OneTimeCodeField
            label="Two-factor code"
            hint="Two-factor authentication is on: the 6-digit code from your authenticator app, or one of your recovery codes (like abcde-12345)."
            {...form.field('totp')}
          />
        ) : null}
        <div className="actions">
          <SubmitButton busy={form.submitting} busyLabel="Cancelling…">
            Cancel the erasure
          </SubmitButton>
        </div>
      </form>
      <ul className="link-list">
        <li>
          <Link to="/sign-in">Back to sign in</Link>
        </li>
        <li>
          <Link to="/forgot-password">Forgotten your password?</Link>
        </li>
      </ul>
    </Page>
  );
}
