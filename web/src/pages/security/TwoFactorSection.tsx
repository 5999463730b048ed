import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import { ZPasswordConfirmation, ZTotpDisableRequest, ZTotpEnableRequest, ZTotpSetupRequest, type Me, type ZRecoveryCodes, type ZTotpSetup } from '../../../../server/domains/accounts/schema.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { OneTimeCodeField, PasswordField, SubmitButton } from '../../components/fields.tsx';
import { api } from '../../lib/api.ts';
import { useZodForm } from '../../lib/use-zod-form.ts';
import { meQueryKey } from '../../app/auth.ts';
import { RecoveryCodes } from './RecoveryCodes.tsx';
import { sessionsQueryKey } from './SessionsSection.tsx';

type TotpSetup = z.infer<typeof ZTotpSetup>;
type Recovery = z.infer<typeof ZRecoveryCodes>;
type Mode = 'idle' | 'setup-password' | 'setup-scan' | 'disable' | 'regenerate';

/** Focuses the first field of a form when it appears. */
function useFocusOnMount(id: string) {
  useEffect(() => document.getElementById(id)?.focus(), [id]);
}

/**
 * Two-factor authentication: set up (password -> QR code and secret -> first code -> recovery
 * codes shown once), turn off (password + code), and replace the recovery codes (password).
 */
export function TwoFactorSection({ me }: { me: Me }) {
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<Mode>('idle');
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [message, setMessage] = useState('');
  const startButton = useRef<HTMLButtonElement>(null);

  const patchMe = (patch: Partial<Me>) => queryClient.setQueryData<Me>(meQueryKey, (old) => (old ? { ...old, ...patch } : old));
  const back = () => {
    setMode('idle');
    setSetup(null);
    setTimeout(() => startButton.current?.focus(), 0);
  };

  return (
    <section className="card stack" aria-labelledby="two-factor-heading">
      <h2 id="two-factor-heading">Two-factor authentication</h2>
      <p>
        Status: {me.twoFactorEnabled ? <span className="badge badge-ok">On</span> : <span className="badge">Off</span>}{' '}
        {me.twoFactorEnabled
          ? `Signing in needs your password and a code from your authenticator app. ${me.recoveryCodesRemaining} of 10 recovery codes left.`
          : 'Add a code from an authenticator app on your phone to your password, so a stolen password alone cannot open your record.'}
      </p>
      {me.twoFactorEnabled && me.recoveryCodesRemaining <= 3 && !codes ? (
        <p className="notice notice-warn">You are running out of recovery codes: replace them so you are not locked out if you lose your phone.</p>
      ) : null}

      {codes ? <RecoveryCodes codes={codes} onDone={() => (setCodes(null), back())} /> : null}

      <div role="status" aria-live="polite">
        {message ? <p className="notice notice-ok">{message}</p> : null}
      </div>

      {mode === 'idle' && !codes ? (
        <div className="actions">
          {me.twoFactorEnabled ? (
            <>
              <button ref={startButton} type="button" className="btn btn-secondary" onClick={() => (setMessage(''), setMode('regenerate'))}>
                Replace recovery codes
              </button>
              <button type="button" className="btn btn-danger" onClick={() => (setMessage(''), setMode('disable'))}>
                Turn off two-factor
              </button>
            </>
          ) : (
            <button ref={startButton} type="button" className="btn" onClick={() => (setMessage(''), setMode('setup-password'))}>
              Set up two-factor
            </button>
          )}
        </div>
      ) : null}

      {mode === 'setup-password' ? (
        <PasswordStep
          id="totp-setup"
          title="Step 1 of 2: confirm your password"
          submitLabel="Continue"
          schema={ZTotpSetupRequest}
          onCancel={back}
          onSubmit={async (body) => {
            setSetup(await api.post<TotpSetup>('/api/me/two-factor/setup', body));
            setMode('setup-scan');
          }}
        />
      ) : null}

      {mode === 'setup-scan' && setup ? (
        <EnableStep
          setup={setup}
          onCancel={back}
          onEnabled={(recovery) => {
            patchMe({ twoFactorEnabled: true, recoveryCodesRemaining: recovery.recoveryCodes.length });
            void queryClient.invalidateQueries({ queryKey: sessionsQueryKey });
            setSetup(null);
            setMode('idle');
            setMessage('Two-factor authentication is on. Your other sessions were signed out.');
            setCodes(recovery.recoveryCodes);
          }}
        />
      ) : null}

      {mode === 'regenerate' ? (
        <PasswordStep
          id="recovery-regenerate"
          title="Replace your recovery codes"
          intro="Your old recovery codes stop working as soon as the new ones are made."
          submitLabel="Replace recovery codes"
          schema={ZPasswordConfirmation}
          onCancel={back}
          onSubmit={async (body) => {
            const recovery = await api.post<Recovery>('/api/me/two-factor/recovery-codes', body);
            patchMe({ recoveryCodesRemaining: recovery.recoveryCodes.length });
            setMode('idle');
            setCodes(recovery.recoveryCodes);
          }}
        />
      ) : null}

      {mode === 'disable' ? (
        <DisableStep
          onCancel={back}
          onDisabled={() => {
            patchMe({ twoFactorEnabled: false, recoveryCodesRemaining: 0 });
            setMode('idle');
            setMessage('Two-factor authentication is off. Signing in now needs only your password.');
            setTimeout(() => startButton.current?.focus(), 0);
          }}
        />
      ) : null}
    </section>
  );
}

interface PasswordStepProps {
  id: string;
  title: string;
  intro?: string;
  submitLabel: string;
  schema: typeof ZPasswordConfirmation;
  onSubmit: (body: { password: string }) => Promise<void>;
  onCancel: () => void;
}

function PasswordStep({ id, title, intro, submitLabel, schema, onSubmit, onCancel }: PasswordStepProps) {
  const form = useZodForm({ schema, initialValues: { password: '' }, labels: { password: 'Password' }, idPrefix: id, onSubmit });
  useFocusOnMount(form.idFor('password'));
  return (
    <form className="stack subform" onSubmit={form.handleSubmit} noValidate aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{title}</h3>
      {intro ? <p>{intro}</p> : null}
      <ErrorSummary {...form.summary} />
      <PasswordField {...form.field('password')} />
      <div className="actions">
        <SubmitButton busy={form.submitting}>{submitLabel}</SubmitButton>
        <button type="button" className="btn btn-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function EnableStep({ setup, onEnabled, onCancel }: { setup: TotpSetup; onEnabled: (r: Recovery) => void; onCancel: () => void }) {
  const form = useZodForm({
    schema: ZTotpEnableRequest,
    initialValues: { code: '' },
    labels: { code: 'Code' },
    idPrefix: 'totp-enable',
    onSubmit: async (body) => onEnabled(await api.post<Recovery>('/api/me/two-factor/enable', body)),
  });
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <form className="stack subform" onSubmit={form.handleSubmit} noValidate aria-labelledby="totp-enable-heading">
      <h3 id="totp-enable-heading" ref={headingRef} tabIndex={-1}>
        Step 2 of 2: add Medfolio to your authenticator app
      </h3>
      <ol className="steps">
        <li>Open an authenticator app on your phone (for example Microsoft Authenticator, Google Authenticator or 1Password).</li>
        <li>
          Scan this QR code:
          <img className="qr-code" src={setup.qrCodeDataUrl} alt="QR code to add Medfolio to your authenticator app" width={200} height={200} />
        </li>
        <li>
          Or, if you cannot scan it, enter this key by hand: <code className="totp-secret">{setup.secret.replace(/(.{4})/g, '$1 ').trim()}</code>
        </li>
        <li>Type the 6-digit code the app shows.</li>
      </ol>
      <ErrorSummary {...form.summary} />
      <OneTimeCodeField label="Code" hint="6 digits, without spaces." inputMode="numeric" {...form.field('code')} />
      <div className="actions">
        <SubmitButton busy={form.submitting} busyLabel="Checking…">
          Turn on two-factor
        </SubmitButton>
        <button type="button" className="btn btn-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function DisableStep({ onDisabled, onCancel }: { onDisabled: () => void; onCancel: () => void }) {
  const form = useZodForm({
    schema: ZTotpDisableRequest,
    initialValues: { password: '', totp: '' },
    labels: { password: 'Password', totp: 'Code' },
    idPrefix: 'totp-disable',
    onSubmit: async (body) => {
      await api.post('/api/me/two-factor/disable', body);
      onDisabled();
    },
  });
  useFocusOnMount(form.idFor('password'));
  return (
    <form className="stack subform" onSubmit={form.handleSubmit} noValidate aria-labelledby="totp-disable-heading">
      <h3 id="totp-disable-heading">Turn off two-factor authentication</h3>
      <p>Signing in will need only your password. Your recovery codes stop working.</p>
      <ErrorSummary {...form.summary} />
      <PasswordField {...form.field('password')} />
      <OneTimeCodeField label="Code" hint="The 6-digit code from your authenticator app, or one of your recovery codes." {...form.field('totp')} />
      <div className="actions">
        <SubmitButton variant="danger" busy={form.submitting}>
          Turn off two-factor
        </SubmitButton>
        <button type="button" className="btn btn-secondary" onClick={onCancel}>
          Keep it on
        </button>
      </div>
    </form>
  );
}
