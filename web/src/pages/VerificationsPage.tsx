import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { z } from 'zod';
import { ZRequestVerification, type Verification } from '../../../server/domains/verifications/schema.ts';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { SelectField, SubmitButton, TextField } from '../components/fields.tsx';
import { ConfirmStep } from '../components/ConfirmStep.tsx';
import { Page } from '../components/Page.tsx';
import { ErrorState, Loading } from '../components/states.tsx';
import { api, describeError } from '../lib/api.ts';
import { useZodForm } from '../lib/use-zod-form.ts';
import { VERIFICATION_STATUS, formatDate, formatSpan } from '../lib/record-format.ts';
import { prescreenKey, recordKey, useRecordList, useVerifications, verificationsKey, type PostItem } from './record/record-api.ts';

function RequestForm({ posts, preselect, onSent }: { posts: PostItem[]; preselect: string | undefined; onSent: (v: Verification) => void }) {
  const queryClient = useQueryClient();
  const initialValues = {
    subjectType: 'post',
    subjectId: preselect && posts.some((p) => p.id === preselect) ? preselect : undefined,
    verifierName: '',
    verifierEmail: '',
    relationship: '',
  } as z.input<typeof ZRequestVerification>;
  const form = useZodForm({
    schema: ZRequestVerification,
    initialValues,
    idPrefix: 'verify',
    labels: {
      subjectId: 'Post to confirm',
      verifierName: "Referee's name",
      verifierEmail: "Referee's email address",
      relationship: 'Their relationship to you',
    },
    onSubmit: async (body) => {
      const v = await api.post<Verification>('/api/verifications', body);
      form.reset({
        ...initialValues,
        subjectId: undefined,
      } as unknown as z.input<typeof ZRequestVerification>);
      await queryClient.invalidateQueries({ queryKey: verificationsKey });
      void queryClient.invalidateQueries({ queryKey: recordKey('posts') });
      void queryClient.invalidateQueries({ queryKey: prescreenKey });
      onSent(v);
    },
  });
  return (
    <form className="stack card" onSubmit={form.handleSubmit} noValidate aria-labelledby="request-heading">
      <h2 id="request-heading">Ask a referee to confirm a post</h2>
      <p className="muted">They get an email with a single-use link, valid for a limited time, and can confirm or dispute the post without an account.</p>
      <ErrorSummary {...form.summary} />
      <SelectField
        label="Post to confirm"
        placeholder="Choose a post"
        options={posts.map((p) => ({
          value: p.id,
          label: `${p.title}, ${p.employer} (${formatSpan(p.startDate, p.endDate)})`,
        }))}
        {...form.field('subjectId')}
      />
      <TextField label="Referee's name" autoComplete="off" {...form.field('verifierName')} />
      <TextField
        label="Referee's email address"
        type="email"
        autoComplete="off"
        spellCheck={false}
        hint="Use their work address: recruiters see whether a confirmation came from the employer's email domain or a personal mailbox. You cannot be your own referee."
        {...form.field('verifierEmail')}
      />
      <TextField label="Their relationship to you" hint="e.g. Educational supervisor, Clinical lead." {...form.field('relationship')} />
      <div className="actions">
        <SubmitButton busy={form.submitting} busyLabel="Sending…">
          Send request
        </SubmitButton>
      </div>
    </form>
  );
}

function VerificationRow({ v, onCancelled }: { v: Verification; onCancelled: (v: Verification) => void }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const cancel = useMutation({
    mutationFn: () => api.del(`/api/verifications/${v.id}`),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: verificationsKey });
      void queryClient.invalidateQueries({ queryKey: recordKey('posts') });
      onCancelled(v);
    },
  });
  const status = VERIFICATION_STATUS[v.status];
  return (
    <tr>
      <td data-label="What">
        <div>
          <span className="muted">{v.subjectType === 'post' ? 'Post' : 'Time card'}: </span>
          {v.summary}
        </div>
      </td>
      <td data-label="Referee">
        <div>
          <div>{v.verifierName}</div>
          <div className="muted">{v.relationship}</div>
          <div className="muted verifier-email">{v.verifierEmail}</div>
          {v.emailLabel ? <div className="muted">Recruiters see: {v.emailLabel}</div> : null}
        </div>
      </td>
      <td data-label="Status">
        <div>
          <span className={status.badge}>{status.label}</span>
          {v.confirmedBy ? (
            <p className="verification-answered-by">
              Answered by {v.confirmedBy.name}, {v.confirmedBy.role}, {v.confirmedBy.organisation}
              {v.confirmedBy.registration ? ` (${v.confirmedBy.registration.body} ${v.confirmedBy.registration.number})` : ''}, who made the declaration on {formatDate(v.confirmedBy.declaredAt)}
            </p>
          ) : null}
          {v.comment ? <p className="muted">“{v.comment}”</p> : null}
        </div>
      </td>
      <td data-label="Dates">
        <div>
          <div>Requested {formatDate(v.requestedAt)}</div>
          {v.respondedAt ? <div>Answered {formatDate(v.respondedAt)}</div> : v.status === 'requested' ? <div className="muted">Link expires {formatDate(v.expiresAt)}</div> : null}
        </div>
      </td>
      <td data-label="Actions">
        <div>
          {v.status !== 'requested' ? (
            <span className="muted">None</span>
          ) : confirming ? (
            <ConfirmStep
              label={`Confirm withdrawing the request to ${v.verifierName}`}
              confirmLabel="Yes, withdraw"
              busyLabel="Withdrawing…"
              cancelLabel="Keep it"
              busy={cancel.isPending}
              onConfirm={() => cancel.mutate()}
              onCancel={() => setConfirming(false)}
              returnFocusTo={`cancel-${v.id}`}
              small
            >
              Withdraw this request? The link in the email will stop working.
            </ConfirmStep>
          ) : (
            <button id={`cancel-${v.id}`} type="button" className="btn btn-secondary btn-small" aria-label={`Cancel request to ${v.verifierName}`} onClick={() => setConfirming(true)}>
              Cancel request
            </button>
          )}
          {cancel.isError ? (
            <p className="field-error" role="alert">
              {describeError(cancel.error)}
            </p>
          ) : null}
        </div>
      </td>
    </tr>
  );
}

/** Referee verification of posts: request by email, follow the status, withdraw a pending request. */
export function VerificationsPage() {
  const [params] = useSearchParams();
  const posts = useRecordList('posts');
  const verifications = useVerifications();
  const [message, setMessage] = useState('');
  const listHeading = useRef<HTMLHeadingElement>(null);
  const done = useCallback((m: string) => {
    setMessage(m);
    requestAnimationFrame(() => listHeading.current?.focus());
  }, []);
  const list = verifications.data ? [...verifications.data].sort((a, b) => b.requestedAt.localeCompare(a.requestedAt)) : [];

  return (
    <Page
      title="Verifications"
      lead="A referee's confirmation turns a self-declared post into a verified one: your CVs and share links then say who confirmed it (their role and organisation) and when, and you get a credential you can carry."
    >
      {posts.isPending ? (
        <Loading label="Loading your posts…" />
      ) : posts.isError ? (
        <ErrorState error={posts.error} title="Your posts could not be loaded" onRetry={() => void posts.refetch()} />
      ) : posts.data.length === 0 ? (
        <div className="empty-state">
          <h2 className="empty-state-title">Add a post first</h2>
          <p>
            Verification confirms a post in your record. <Link to="/record#posts">Add your posts</Link>, then come back to ask a referee.
          </p>
        </div>
      ) : (
        <RequestForm posts={posts.data} preselect={params.get('post') ?? undefined} onSent={(v) => done(`Request sent to ${v.verifierName} (${v.verifierEmail}).`)} />
      )}

      <div role="status" aria-live="polite">
        {message ? <p className="notice notice-ok">{message}</p> : null}
      </div>

      <section aria-labelledby="verifications-heading" className="stack">
        <h2 id="verifications-heading" ref={listHeading} tabIndex={-1}>
          Your requests
        </h2>
        {verifications.isPending ? (
          <Loading label="Loading your requests…" />
        ) : verifications.isError ? (
          <ErrorState level={3} error={verifications.error} title="Your requests could not be loaded" onRetry={() => void verifications.refetch()} />
        ) : list.length === 0 ? (
          <div className="empty-state">
            <p>No requests yet. When you ask a referee, the request and its status appear here.</p>
          </div>
        ) : (
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Verification requests table">
            <table className="table table-stack">
              <caption className="visually-hidden">Your verification requests</caption>
              <thead>
                <tr>
                  <th scope="col">What</th>
                  <th scope="col">Referee</th>
                  <th scope="col">Status</th>
                  <th scope="col">Dates</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {list.map((v) => (
                  <VerificationRow key={v.id} v={v} onCancelled={(c) => done(`Request to ${c.verifierName} withdrawn.`)} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </Page>
  );
}
