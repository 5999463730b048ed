import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { Link } from 'react-router';
import { z } from 'zod';
import { ZFindingCommentRequest, type Prescreen } from '../../../../server/domains/prescreen/schema.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { SelectField, SubmitButton, TextAreaField } from '../../components/fields.tsx';
import { ErrorState, Loading } from '../../components/states.tsx';
import { api, describeError, withQuery } from '../../lib/api.ts';
import { useZodForm } from '../../lib/use-zod-form.ts';
import { formatDate, formatDateTime } from '../../lib/record-format.ts';
import { prescreenKey, PATH_OF_TYPE } from '../record/record-api.ts';

type Finding = Prescreen['findings'][number];

const SEVERITY = {
  high: { label: 'High', badge: 'badge badge-danger' },
  medium: { label: 'Medium', badge: 'badge badge-warn' },
  low: { label: 'Low', badge: 'badge badge-info' },
} as const;
const SEVERITY_ORDER = { high: 0, medium: 1, low: 2 } as const;

const KIND_LABEL: Record<Finding['kind'], string> = {
  gap: 'Gap in employment',
  overlap: 'Overlapping posts',
  expired: 'Expired',
  expiring: 'Expiring soon',
  unverified: 'Not verified',
  missing: 'Usually needed',
  'dbs-age': 'DBS check age',
};

export function usePrescreen(role: string | undefined) {
  return useQuery({
    queryKey: [...prescreenKey, role ?? null],
    queryFn: ({ signal }) => api.get<Prescreen>(withQuery('/api/prescreen', { role }), { signal }),
  });
}

function CommentForm({ finding, onDone, onCancel }: { finding: Finding; onDone: (message: string) => void; onCancel: () => void }) {
  const queryClient = useQueryClient();
  const form = useZodForm({
    schema: ZFindingCommentRequest,
    initialValues: { comment: finding.comment?.comment ?? '' } as z.input<typeof ZFindingCommentRequest>,
    labels: { comment: 'Your comment' },
    onSubmit: async (body) => {
      await api.put(`/api/prescreen/findings/${finding.id}/comment`, body);
      await queryClient.invalidateQueries({ queryKey: prescreenKey });
      onDone('Comment saved.');
    },
  });
  const field = form.field('comment');
  useEffect(() => {
    document.getElementById(field.id)?.focus();
  }, [field.id]);
  return (
    <form className="stack stack-tight finding-comment-form" onSubmit={form.handleSubmit} noValidate>
      <ErrorSummary {...form.summary} />
      <TextAreaField label="Your comment" hint="Explain the finding, or say why you disagree. It is kept with the finding." rows={3} {...field} />
      <div className="actions">
        <SubmitButton busy={form.submitting} busyLabel="Saving…" className="btn-small">
          Save comment
        </SubmitButton>
        <button type="button" className="btn btn-secondary btn-small" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function FindingItem({ finding, announce }: { finding: Finding; announce: (m: string) => void }) {
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const titleId = useId();
  const buttonId = `${titleId}-comment`;
  const focusButton = () => requestAnimationFrame(() => document.getElementById(buttonId)?.focus());
  const remove = useMutation({
    mutationFn: () => api.del(`/api/prescreen/findings/${finding.id}/comment`),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: prescreenKey });
      announce('Comment removed.');
      focusButton();
    },
  });
  const severity = SEVERITY[finding.severity];
  const section = finding.subject ? PATH_OF_TYPE[finding.subject.type] : undefined;
  const dates = finding.from || finding.to ? [finding.from ? formatDate(finding.from) : null, finding.to ? formatDate(finding.to) : null].filter(Boolean).join(' to ') : '';
  return (
    <li className={`finding finding-${finding.severity}`}>
      <article aria-labelledby={titleId} className="stack stack-tight">
        <div className="cluster">
          <span className={severity.badge}>
            <span className="visually-hidden">Severity: </span>
            {severity.label}
          </span>
          <span className="muted">{KIND_LABEL[finding.kind]}</span>
          {dates && finding.kind !== 'expired' && finding.kind !== 'expiring' ? <span className="muted">{dates}</span> : null}
        </div>
        <p id={titleId} className="finding-message">
          {finding.message}
        </p>
        {section ? (
          <p>
            <Link to={`/record#${section}`}>See it in your record</Link>
          </p>
        ) : null}
        {finding.comment && !editing ? (
          <blockquote className="finding-comment">
            <p className="muted">Your comment (updated {formatDateTime(finding.comment.updatedAt)}):</p>
            <p>{finding.comment.comment}</p>
          </blockquote>
        ) : null}
        {editing ? (
          <CommentForm
            finding={finding}
            onDone={(m) => {
              setEditing(false);
              announce(m);
              focusButton();
            }}
            onCancel={() => {
              setEditing(false);
              focusButton();
            }}
          />
        ) : (
          <div className="actions">
            <button id={buttonId} type="button" className="btn btn-secondary btn-small" onClick={() => setEditing(true)}>
              {finding.comment ? 'Edit comment' : 'Add comment'}
            </button>
            {finding.comment ? (
              <button type="button" className="btn btn-secondary btn-small" aria-busy={remove.isPending || undefined} onClick={() => !remove.isPending && remove.mutate()}>
                {remove.isPending ? 'Removing…' : 'Remove comment'}
              </button>
            ) : null}
          </div>
        )}
        {remove.isError ? (
          <p className="field-error" role="alert">
            The comment could not be removed. {describeError(remove.error)}
          </p>
        ) : null}
      </article>
    </li>
  );
}

/** Pre-screening: advice, never a decision. The notice comes from the server and is shown first. */
/** `recordEmpty`: nothing to check is not "nothing needs attention", so the empty state says what to add. */
export function PrescreenFindings({ announce, recordEmpty = false }: { announce: (m: string) => void; recordEmpty?: boolean }) {
  const [role, setRole] = useState<string | undefined>(undefined);
  const prescreen = usePrescreen(role);
  const data = prescreen.data;
  return (
    <div className="stack">
      {data ? (
        <div className="notice prescreen-notice">
          <p>
            <strong>Advice, never a decision.</strong> {data.notice}
          </p>
        </div>
      ) : null}
      {data ? (
        <SelectField
          id="prescreen-role"
          name="role"
          label="Check against the role"
          hint={`What a ${data.role?.name ?? 'role'} usually needs. Findings are worked out as of ${formatDate(data.asOf)}.`}
          value={role ?? data.role?.id ?? ''}
          onChange={(v) => setRole(v || undefined)}
          placeholder={data.role ? undefined : 'No particular role'}
          options={data.roles.map((r) => ({ value: r.id, label: r.name }))}
        />
      ) : null}
      {prescreen.isPending ? (
        <Loading label="Checking your record…" />
      ) : prescreen.isError ? (
        <ErrorState level={3} error={prescreen.error} title="Pre-screening could not be run" onRetry={() => void prescreen.refetch()} />
      ) : data!.findings.length === 0 ? (
        <div className="empty-state">
          {recordEmpty ? (
            <p>
              Nothing to check yet: your record is empty. Add your <Link to="/record#registrations">registration</Link>, <Link to="/record#posts">posts</Link> and{' '}
              <Link to="/record#training">training</Link>, and pre-screening will look at them as a recruiter&apos;s compliance check would.
            </p>
          ) : (
            <p>No findings: nothing in your record needs attention for this role right now.</p>
          )}
        </div>
      ) : (
        <ul className="findings" aria-label="Pre-screening findings">
          {[...data!.findings]
            .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity])
            .map((f) => (
              <FindingItem key={f.id} finding={f} announce={announce} />
            ))}
        </ul>
      )}
    </div>
  );
}
