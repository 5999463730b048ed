import { useEffect, useMemo, useRef, useState } from 'react';
import { z } from 'zod';
import { ZCreateShare } from '../../../../server/domains/shares/schema.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { SelectField, SubmitButton, TextAreaField, TextField } from '../../components/fields.tsx';
import { api } from '../../lib/api.ts';
import { copyText, EXPIRY_OPTIONS } from '../../lib/share-link.ts';
import { useZodForm } from '../../lib/use-zod-form.ts';

/**
 * The server's schema, with the two numbers typed into text boxes coerced first (the bounds and
 * messages stay the server's), and the CV chosen on this form.
 */
const wholeNumber = z.coerce.number<string>({ message: 'must be a whole number' });
export const ZShareForm = ZCreateShare.extend({
  cvId: z.uuid({ message: 'Choose the CV to share' }),
  expiresInHours: wholeNumber.pipe(z.number().int('must be a whole number of hours').min(1, 'must be at least 1 hour').max(720, 'must be 30 days or less')).pipe(ZCreateShare.shape.expiresInHours),
  maxViews: wholeNumber
    .pipe(z.number().int('must be a whole number').min(1, 'must be at least 1').max(1000, 'must be 1000 or fewer'))
    .pipe(ZCreateShare.shape.maxViews.unwrap())
    .optional(),
});

export interface ShareCreated {
  id: string;
  url: string;
  emailSent: boolean;
}

export interface ShareFormProps {
  /** CVs that can be shared (ready ones). */
  cvs: Array<{ id: string; label: string }>;
  initialCvId?: string | undefined;
  onCreated: (created: ShareCreated & { recipientEmail: string; hasPasscode: boolean }) => void;
}

export function ShareForm({ cvs, initialCvId, onCreated }: ShareFormProps) {
  const initialValues = useMemo(
    () => ({
      cvId: initialCvId && cvs.some((c) => c.id === initialCvId) ? initialCvId : cvs.length === 1 ? cvs[0]!.id : '',
      recipientEmail: '',
      recipientName: '',
      expiresInHours: '168',
      maxViews: '',
      passcode: '',
      message: '',
    }),
    [initialCvId, cvs],
  );
  const form = useZodForm({
    schema: ZShareForm,
    initialValues,
    labels: { cvId: 'CV', recipientEmail: 'Recipient email', recipientName: 'Recipient name', expiresInHours: 'Expires in', maxViews: 'Maximum views', passcode: 'Passcode', message: 'Message' },
    idPrefix: 'share',
    onSubmit: async ({ cvId, ...body }) => {
      const created = await api.post<ShareCreated>(`/api/cvs/${cvId}/shares`, body);
      onCreated({ ...created, recipientEmail: body.recipientEmail, hasPasscode: Boolean(body.passcode) });
      form.reset({ ...initialValues, cvId });
    },
  });
  return (
    <form className="stack" onSubmit={form.handleSubmit} noValidate aria-labelledby="share-form-title">
      <ErrorSummary {...form.summary} />
      <SelectField label="CV" options={cvs.map((c) => ({ value: c.id, label: c.label }))} placeholder="Choose a CV…" {...form.field('cvId')} />
      <TextField label="Recipient email" type="email" autoComplete="off" spellCheck={false} hint="We email the link to this address." {...form.field('recipientEmail')} />
      <TextField label="Recipient name" optional autoComplete="off" {...form.field('recipientName')} />
      <SelectField label="Expires in" options={EXPIRY_OPTIONS} {...form.field('expiresInHours')} />
      <TextField label="Passcode (optional)" type="text" autoComplete="off" spellCheck={false} hint="At least 6 characters. Tell the recipient separately, not in the email." {...form.field('passcode')} />
      <TextField label="Maximum views (optional)" inputMode="numeric" hint="The link stops working after this many PDF views." className="input-code" {...form.field('maxViews')} />
      <TextAreaField label="Message" optional rows={3} hint="Included in the email." {...form.field('message')} />
      <div className="actions">
        <SubmitButton busy={form.submitting} busyLabel="Creating…">
          Create link
        </SubmitButton>
      </div>
    </form>
  );
}

/** The new link (shown once: only its hash is stored), with "Copy link" and whether the email went. */
export function ShareCreatedPanel({ created, onDismiss }: { created: ShareCreated & { recipientEmail: string; hasPasscode: boolean }; onDismiss: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | undefined>();
  useEffect(() => heading.current?.focus(), [created.id]);
  return (
    <section className="notice notice-ok stack share-created" aria-labelledby="share-created-title">
      <h2 id="share-created-title" ref={heading} tabIndex={-1}>
        Link created
      </h2>
      <p>
        {created.emailSent ? (
          <>We emailed the link to {created.recipientEmail}.</>
        ) : (
          <strong>The email to {created.recipientEmail} could not be sent. Copy the link and send it yourself.</strong>
        )}{' '}
        This is the only time the link is shown: copy it now if you need it.
      </p>
      {created.hasPasscode ? <p>The link needs the passcode you chose. Tell the recipient separately (for example by phone).</p> : null}
      <div className="field">
        <label htmlFor="share-created-url" className="field-label">
          Share link
        </label>
        <input ref={input} id="share-created-url" className="input share-url" readOnly value={created.url} onFocus={(e) => e.currentTarget.select()} />
      </div>
      <div className="actions">
        <button
          type="button"
          className="btn"
          onClick={async () => {
            const ok = await copyText(created.url);
            setCopied(ok ? 'yes' : 'no');
            if (!ok) input.current?.select();
          }}
        >
          Copy link
        </button>
        <button type="button" className="btn btn-secondary" onClick={onDismiss}>
          Done
        </button>
        <span role="status" className={copied === 'no' ? 'warn' : 'ok'}>
          {copied === 'yes' ? 'Link copied' : copied === 'no' ? 'Could not copy: the link is selected, copy it with Ctrl+C or long-press' : ''}
        </span>
      </div>
    </section>
  );
}
