import type { PrivacyRequest } from '../../../../server/domains/privacy/schema.ts';
import { EmptyState, ErrorState, Loading } from '../../components/states.tsx';
import { formatDate, formatDateTime } from '../../lib/privacy-format.ts';
import { usePrivacyRequests } from './queries.ts';

const TYPE_LABEL: Record<PrivacyRequest['type'], string> = {
  access: 'Copy of your data (access)',
  erasure: 'Erasure',
  restriction: 'Restriction of AI processing',
  objection: 'Objection',
};
const STATUS: Record<PrivacyRequest['status'], { label: string; badge: string }> = {
  received: { label: 'Received', badge: 'badge badge-info' },
  scheduled: { label: 'Scheduled', badge: 'badge badge-warn' },
  in_progress: { label: 'In progress', badge: 'badge badge-info' },
  completed: { label: 'Completed', badge: 'badge badge-ok' },
  cancelled: { label: 'Cancelled', badge: 'badge' },
  failed: { label: 'Failed', badge: 'badge badge-danger' },
};

/** The data-subject request log: what you asked for, when, the one-month deadline and the outcome. */
export function RequestLog() {
  const requests = usePrivacyRequests();
  return (
    <section className="stack" aria-labelledby="requests-heading">
      <h2 id="requests-heading">Your requests</h2>
      {requests.isPending ? (
        <Loading label="Loading your requests…" />
      ) : requests.isError ? (
        <ErrorState level={3} error={requests.error} title="Your requests could not be loaded" onRetry={() => void requests.refetch()} />
      ) : requests.data.requests.length === 0 ? (
        <EmptyState level={3} title="No requests yet">
          <p>When you ask for a copy of your data, restrict processing or ask for erasure, the request is logged here with its deadline.</p>
        </EmptyState>
      ) : (
        <table className="table table-stack">
          <caption className="visually-hidden">Your data-protection requests, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Request</th>
              <th scope="col">Status</th>
              <th scope="col">Received</th>
              <th scope="col">Due by</th>
              <th scope="col">Outcome</th>
              <th scope="col">Reference</th>
            </tr>
          </thead>
          <tbody>
            {requests.data.requests.map((r) => (
              <tr key={r.id}>
                <td data-label="Request">
                  <span>
                    {TYPE_LABEL[r.type]}
                    {r.source === 'admin' ? <span className="muted"> (by an administrator)</span> : null}
                  </span>
                </td>
                <td data-label="Status">
                  <span>
                    <span className={STATUS[r.status].badge}>{STATUS[r.status].label}</span>
                    {r.overdue ? (
                      <>
                        {' '}
                        <span className="badge badge-danger">Overdue</span>
                      </>
                    ) : null}
                  </span>
                </td>
                <td data-label="Received">
                  <time dateTime={r.receivedAt}>{formatDateTime(r.receivedAt)}</time>
                </td>
                <td data-label="Due by">
                  <time dateTime={r.dueAt}>{formatDate(r.dueAt)}</time>
                </td>
                <td data-label="Outcome">
                  <span>
                    {r.completedAt ? (
                      <>
                        {r.status === 'cancelled' ? 'Cancelled' : r.status === 'failed' ? 'Failed' : 'Done'} <time dateTime={r.completedAt}>{formatDateTime(r.completedAt)}</time>
                      </>
                    ) : r.scheduledFor ? (
                      <>
                        Takes effect <time dateTime={r.scheduledFor}>{formatDate(r.scheduledFor)}</time>
                      </>
                    ) : (
                      'In progress'
                    )}
                  </span>
                </td>
                <td data-label="Reference">
                  <code className="reference">{r.reference}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
