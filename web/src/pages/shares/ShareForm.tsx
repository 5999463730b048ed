import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Document } from '../../../../server/domains/documents/schema.ts';
import { z } from 'zod';
import { ZCreateShare } from '../../../../server/domains/shares/schema.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { SelectField, SubmitButton, TextAreaField, TextField } from '../../components/fields.tsx';
import { api } from '../../lib/api.ts';
import { copyText, EXPIRY_OPTIONS } from '../../lib/share-link.ts';
import { useZodForm } from '../../lib/use-zod-form.ts';
import { useCredentials } from '../credentials/use-credentials.ts';
import { documentsKey } from '../record/record-api.ts';

/**
 * The server's schema, with the two numbers typed into text boxes coerced first (the bounds and
 * messages stay the server's), and the CV chosen on this form.
 */
const wholeNumber = z.coerce.number<string>({ message: 'must be a whole number' });
export const ZShareForm = ZCreateShare.extend({
  cvId: z.uuid({ message: 'Choose the CV to share' }),
  expiresInHours: wholeNumber.pipe(z.number().int('must be a whole number of hours').min(1, 'must be at least 1 hour').max(720, 'must be 30 days or less')).pipe(ZCreateShare.shape.expiresInHours),
  maxViews: wholeNumber.pipe(z.number().int('must be a whole number').min(1, 'must be at least 1').max(1000, 'must be 1000 or fewer')).pipe(ZCreateShare.shape.maxViews.unwrap()).optional(),
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

const DOCUMENT_TYPE: Record<string, string> = {
  certificate: 'Certificate',
  registration: 'Registration evidence',
  dbs: 'DBS certificate',
  identity: 'Identity',
  cv: 'CV',
  reference: 'Reference',
  other: 'Document',
};

/**
 * The compliance pack: documents and valid credentials to send with the CV. The recruiter's
 * page lists each with its evidence, PDFs are stamped with the recipient, and every download
 * is logged.
 */
function PackPicker({
  documentIds,
  credentialIds,
  onChange,
  errors,
}: {
  documentIds: string[];
  credentialIds: string[];
  onChange: (next: { documentIds: string[]; credentialIds: string[] }) => void;
  errors: string[];
}) {
  const documents = useQuery({ queryKey: documentsKey, queryFn: ({ signal }) => api.get<{ documents: Document[] }>('/api/documents', { signal }).then((r) => r.documents) });
  const credentials = useCredentials();
  const valid = (credentials.data?.credentials ?? []).filter((c) => c.status === 'active');
  const toggle = (list: string[], id: string, on: boolean) => (on ? [...list, id] : list.filter((x) => x !== id));
  const docs = documents.data ?? [];
  return (
    <fieldset className="stack stack-tight pack-picker">
      <legend className="field-label">Send with the CV (optional)</legend>
      <p className="field-hint">Documents and credentials the recipient can download from the link, each listed with its evidence. PDFs are stamped with their name.</p>
      {errors.length ? (
        <ul className="field-error">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
      {documents.isPending || credentials.isPending ? <p className="muted">Loading your documents and credentials…</p> : null}
      {docs.length ? (
        <div className="stack stack-tight">
          <p className="pack-group">Documents</p>
          {docs.map((d) => (
            <div className="checkbox-row" key={d.id}>
              <input
                id={`pack-doc-${d.id}`}
                type="checkbox"
                checked={documentIds.includes(d.id)}
                onChange={(e) => onChange({ documentIds: toggle(documentIds, d.id, e.target.checked), credentialIds })}
              />
              <label htmlFor={`pack-doc-${d.id}`}>
                {DOCUMENT_TYPE[d.type] ?? 'Document'}: {d.filename}
              </label>
            </div>
          ))}
        </div>
      ) : null}
      {valid.length ? (
        <div className="stack stack-tight">
          <p className="pack-group">Credentials</p>
          {valid.map((c) => (
            <div className="checkbox-row" key={c.id}>
              <input
                id={`pack-cred-${c.id}`}
                type="checkbox"
                checked={credentialIds.includes(c.id)}
                onChange={(e) => onChange({ documentIds, credentialIds: toggle(credentialIds, c.id, e.target.checked) })}
              />
              <label htmlFor={`pack-cred-${c.id}`}>{c.title}</label>
            </div>
          ))}
        </div>
      ) : null}
      {!documents.isPending && !credentials.isPending && !docs.length && !valid.length ? <p className="muted">You have no documents or credentials to send yet.</p> : null}
    </fieldset>
  );
}

export function ShareForm({ cvs, initialCvId, onCreated }: ShareFormProps) {
  const [pack, setPack] = useState<{ documentIds: string[]; credentialIds: string[] }>({ documentIds: [], credentialIds: [] });
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
      const created = await api.post<ShareCreated>(`/api/cvs/${cvId}/shares`, {
        ...body,
        ...(pack.documentIds.length ? { documentIds: pack.documentIds } : {}),
        ...(pack.credentialIds.length ? { credentialIds: pack.credentialIds } : {}),
      });
      onCreated({ ...created, recipientEmail: body.recipientEmail, hasPasscode: Boolean(body.passcode) });
      form.reset({ ...initialValues, cvId });
      setPack({ documentIds: [], credentialIds: [] });
    },
  });
  // The server names a refused pack item by its place in the list (documentIds.1): say which.
  const packErrors = Object.entries(form.errors)
    .filter(([key]) => /^(documentIds|credentialIds)\./.test(key))
    .map(([, message]) => message);
  return (
    <form className="stack" onSubmit={form.handleSubmit} noValidate aria-labelledby="share-form-title">
      <ErrorSummary {...form.summary} />
      <SelectField label="CV" options={cvs.map((c) => ({ value: c.id, label: c.label }))} placeholder="Choose a CV…" {...form.field('cvId')} />
      <TextField label="Recipient email" type="email" autoComplete="off" spellCheck={false} hint="We email the link to this address." {...form.field('recipientEmail')} />
      <TextField label="Recipient name" optional autoComplete="off" {...form.field('recipientName')} />
      <SelectField label="Expires in" options={EXPIRY_OPTIONS} {...form.field('expiresInHours')} />
      <TextField
        label="Passcode (optional)"
        type="text"
        autoComplete="off"
        spellCheck={false}
        hint="At least 6 characters. Tell the recipient separately, not in the email."
        {...form.field('passcode')}
      />
      <TextField label="Maximum views (optional)" inputMode="numeric" hint="The link stops working after this many PDF views." className="input-code" {...form.field('maxViews')} />
      <TextAreaField label="Message" optional rows={3} hint="Included in the email." {...form.field('message')} />
      <PackPicker documentIds={pack.documentIds} credentialIds={pack.credentialIds} onChange={setPack} errors={packErrors} />
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
        {created.emailSent ? <>We emailed the link to {created.recipientEmail}.</> : <strong>The email to {created.recipientEmail} could not be sent. Copy the link and send it yourself.</strong>} This
        is the only time the link is shown: copy it now if you need it.
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
