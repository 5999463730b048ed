import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import type { z } from 'zod';
import type { Me } from '../../../../server/domains/accounts/schema.ts';
import { ZErasureRequest, ZErasureScheduled } from '../../../../server/domains/privacy/schema.ts';
import { ConfirmStep } from '../../components/ConfirmStep.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { OneTimeCodeField, PasswordField, SubmitButton } from '../../components/fields.tsx';
import { api } from '../../lib/api.ts';
import { useZodForm } from '../../lib/use-zod-form.ts';
import { graceDaysOf, useRetentionPolicy } from './queries.ts';

/** With two-factor on, the (otherwise optional) code is required. */
const ZErasureWithCode = ZErasureRequest.required({ totp: true });

export type ErasureScheduled = z.infer<typeof ZErasureScheduled>;

/** What the signed-out page receives in location.state after an erasure was scheduled. */
export interface ErasureScheduledState {
  erasureScheduled: ErasureScheduled;
  /** Pre-fills the cancel form. */
  email?: string;
}

type Step = 'closed' | 'form' | 'confirm';

/**
 * The danger zone: erasing the account. Explains the grace period and what goes; asks for the
 * password (and the two-factor code when it is on), checks the password, then a separate
 * confirmation step. On
 * success the session is already gone, so the query cache is cleared and the user lands on the
 * public cancel-erasure page, which shows the reference and the date.
 */
export function ErasureSection({ me }: { me: Me }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const policy = useRetentionPolicy();
  const graceDays = graceDaysOf(policy.data);
  const [step, setStep] = useState<Step>('closed');
  const [confirmed, setConfirmed] = useState<z.output<typeof ZErasureRequest> | null>(null);
  const [sending, setSending] = useState(false);
  const openButton = useRef<HTMLButtonElement>(null);
  const needsCode = me.twoFactorEnabled;

  const form = useZodForm({
    schema: (needsCode ? ZErasureWithCode : ZErasureRequest) as typeof ZErasureRequest,
    initialValues: { password: '', totp: '' },
    labels: { password: 'Password', totp: 'Two-factor code' },
    idPrefix: 'erasure',
    // The password is checked before "Are you sure?": a typing mistake is said at once, not
    // after the person has braced themselves to confirm. The code is checked by the erasure itself.
    onSubmit: async (data) => {
      await api.post('/api/me/erasure/password-check', { password: data.password });
      setConfirmed(data);
      setStep('confirm');
    },
  });

  const { idFor } = form;
  useEffect(() => {
    if (step === 'form') document.getElementById(idFor('password'))?.focus();
  }, [step, idFor]);

  const close = () => {
    setStep('closed');
    setConfirmed(null);
    form.reset();
    // The button only exists again after this render.
    setTimeout(() => openButton.current?.focus(), 0);
  };

  const erase = async () => {
    if (!confirmed || sending) return;
    setSending(true);
    try {
      const result = await api.post<ErasureScheduled>('/api/me/erasure', confirmed);
      // The session has ended on the server: nothing cached may outlive it.
      queryClient.clear();
      const state: ErasureScheduledState = { erasureScheduled: result, email: me.email };
      await navigate('/cancel-erasure', { replace: true, state });
    } catch (err) {
      setSending(false);
      setStep('form');
      form.setServerError(err);
    }
  };

  const grace = graceDays === undefined ? 'the grace period' : graceDays === 1 ? '1 day' : `${graceDays} days`;

  return (
    <section className="card danger-zone stack" aria-labelledby="erasure-heading">
      <h2 id="erasure-heading" tabIndex={-1}>
        Danger zone: erase your account
      </h2>
      <ul>
        <li>
          <strong>At once:</strong> your account is locked, you are signed out everywhere, and every share link stops working, so recruiters can no longer open your CVs.
        </li>
        <li>
          <strong>After {grace}:</strong> we delete your record, documents, CVs, time cards, assistant conversations, shares, verifications, sessions and activity log, for good. We keep only a note
          that an erasure happened, under a reference that says nothing about you.
        </li>
        <li>
          <strong>Until then</strong> you can change your mind: cancel with your email and password (we email you a link). Share links stay stopped even if you cancel.
        </li>
      </ul>
      <p className="notice notice-warn">Want a copy first? Download your data export before you erase: once the account is locked you cannot sign in to fetch it.</p>

      {step === 'closed' ? (
        <div className="actions">
          <button ref={openButton} type="button" className="btn btn-danger" onClick={() => setStep('form')}>
            Erase my account…
          </button>
        </div>
      ) : null}

      {step === 'form' ? (
        <form className="stack" onSubmit={form.handleSubmit} noValidate aria-labelledby="erasure-form-heading">
          <h3 id="erasure-form-heading">Confirm it is you</h3>
          <ErrorSummary {...form.summary} />
          <PasswordField {...form.field('password')} />
          {needsCode ? (
            <OneTimeCodeField label="Two-factor code" hint="The 6-digit code from your authenticator app, or one of your recovery codes (like abcde-12345)." {...form.field('totp')} />
          ) : null}
          <div className="actions">
            <SubmitButton variant="danger" busy={form.submitting}>
              Continue
            </SubmitButton>
            <button type="button" className="btn btn-secondary" onClick={close}>
              Keep my account
            </button>
          </div>
        </form>
      ) : null}

      {step === 'confirm' ? (
        <ConfirmStep
          className="confirm-panel stack stack-tight"
          title="Are you sure you want to erase your account?"
          confirmLabel="Yes, erase my account"
          busyLabel="Erasing…"
          cancelLabel="No, keep my account"
          busy={sending}
          onConfirm={() => void erase()}
          onCancel={close}
        >
          You will be signed out now and your share links will stop working. Everything will be deleted after {grace} unless you cancel before then.
        </ConfirmStep>
      ) : null}
    </section>
  );
}
