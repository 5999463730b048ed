import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { DataExport } from '../../../../server/domains/privacy/schema.ts';
import { ErrorState, Loading } from '../../components/states.tsx';
import { api, describeError, isApiError } from '../../lib/api.ts';
import { formatBytes, formatDateTime } from '../../lib/privacy-format.ts';
import { sameOriginPath } from '../../lib/safe-url.ts';
import { isExportInProgress, privacyKeys, useExports } from './queries.ts';

export const EXPORT_POLL_MS = 3000;

const STATUS_LABEL: Record<DataExport['status'], string> = {
  queued: 'Queued',
  building: 'Being prepared',
  ready: 'Ready',
  failed: 'Failed',
  expired: 'Expired',
};
const STATUS_BADGE: Record<DataExport['status'], string> = {
  queued: 'badge badge-info',
  building: 'badge badge-info',
  ready: 'badge badge-ok',
  failed: 'badge badge-danger',
  expired: 'badge',
};

/** The export's download address, only when it is a path of this app (never a `javascript:` or foreign URL). */
const downloadHref = (exp: DataExport) => sameOriginPath(exp.downloadUrl);

/** The download link of a ready export; says its size and when it stops working. */
function DownloadLink({ exp }: { exp: DataExport }) {
  const href = downloadHref(exp);
  if (!href) return null;
  return (
    <a className="btn" href={href} download>
      Download your data (ZIP{exp.sizeBytes !== null ? `, ${formatBytes(exp.sizeBytes)}` : ''})
    </a>
  );
}

/** What the newest export is doing, in words; announced politely as it changes. */
function LatestStatus({ latest }: { latest: DataExport | undefined }) {
  if (!latest) return <p>You have not asked for a copy of your data yet.</p>;
  switch (latest.status) {
    case 'queued':
      return (
        <p className="export-progress">
          <span className="spinner" aria-hidden="true" /> Your export is queued. This page updates by itself, and we will email you when it is ready.
        </p>
      );
    case 'building':
      return (
        <p className="export-progress">
          <span className="spinner" aria-hidden="true" /> Your export is being prepared. This page updates by itself, and we will email you when it is ready.
        </p>
      );
    case 'ready':
      return downloadHref(latest) ? (
        <div className="stack stack-tight">
          <p>
            <strong>Your export is ready.</strong> {latest.files !== null ? `It holds ${latest.files} file${latest.files === 1 ? '' : 's'}. ` : ''}The download is deleted on{' '}
            <strong>
              <time dateTime={latest.expiresAt ?? undefined}>{formatDateTime(latest.expiresAt)}</time>
            </strong>
            .
          </p>
          <p>
            <DownloadLink exp={latest} />
          </p>
        </div>
      ) : (
        <p>Your last export has expired and was deleted. Request a new one if you need it.</p>
      );
    case 'failed':
      return <p>Your last export could not be prepared. Please request a new one; if it fails again, contact us.</p>;
    case 'expired':
      return <p>Your last export has expired and was deleted (downloads are kept for 24 hours). Request a new one if you need it.</p>;
  }
}

/** Data export: request one, watch it being built (polling), download it for 24 hours, see the history. */
export function ExportSection({ pollIntervalMs = EXPORT_POLL_MS }: { pollIntervalMs?: number }) {
  const queryClient = useQueryClient();
  const exports = useExports(pollIntervalMs);
  const request = useMutation({
    mutationFn: () => api.post<DataExport>('/api/me/export'),
    onSuccess: (created) => {
      queryClient.setQueryData<{ exports: DataExport[] }>(privacyKeys.exports, (old) => ({ exports: [created, ...(old?.exports ?? []).filter((e) => e.id !== created.id)] }));
      void queryClient.invalidateQueries({ queryKey: privacyKeys.requests });
    },
    onError: (err) => {
      // 409: one is already being prepared (perhaps from another tab): show it.
      if (isApiError(err) && err.status === 409) void queryClient.invalidateQueries({ queryKey: privacyKeys.exports });
    },
  });

  const list = exports.data?.exports ?? [];
  const latest = list[0];
  const inProgress = list.some(isExportInProgress);

  // When a build finishes (ready or failed) the access request is settled: refresh the log.
  const wasInProgress = useRef(inProgress);
  useEffect(() => {
    if (wasInProgress.current && !inProgress) void queryClient.invalidateQueries({ queryKey: privacyKeys.requests });
    wasInProgress.current = inProgress;
  }, [inProgress, queryClient]);

  return (
    <section className="card stack" aria-labelledby="export-heading">
      <h2 id="export-heading" tabIndex={-1}>
        Get a copy of your data
      </h2>
      <p>
        We put everything we hold about you into one ZIP file: your record, documents, CVs, time cards, assistant conversations, shares and who viewed them, and your activity log. It is prepared in
        the background and kept for 24 hours once ready.
      </p>
      {exports.isPending ? (
        <Loading label="Loading your exports…" />
      ) : exports.isError ? (
        <ErrorState level={3} error={exports.error} title="Your exports could not be loaded" onRetry={() => void exports.refetch()} />
      ) : (
        <>
          <div className="export-status" role="status" aria-live="polite">
            <LatestStatus latest={latest} />
          </div>
          <div className="actions">
            <button
              type="button"
              className={latest?.status === 'ready' && downloadHref(latest) ? 'btn btn-secondary' : 'btn'}
              onClick={() => !request.isPending && !inProgress && request.mutate()}
              aria-disabled={request.isPending || inProgress || undefined}
              aria-describedby={inProgress ? 'export-in-progress-hint' : undefined}
            >
              {request.isPending ? 'Requesting…' : 'Request a copy of my data'}
            </button>
            {inProgress ? (
              <span id="export-in-progress-hint" className="muted">
                One export at a time: this one is still being prepared.
              </span>
            ) : null}
          </div>
          {request.isError ? (
            <p className="notice notice-danger" role="alert">
              {describeError(request.error)}
            </p>
          ) : null}
          {list.length > 0 ? <ExportHistory exports={list} /> : null}
        </>
      )}
    </section>
  );
}

function ExportHistory({ exports }: { exports: DataExport[] }) {
  return (
    <>
      <h3 id="export-history-heading">Your exports</h3>
      <table className="table table-stack" aria-labelledby="export-history-heading">
        <thead>
          <tr>
            <th scope="col">Requested</th>
            <th scope="col">Status</th>
            <th scope="col">Size</th>
            <th scope="col">Available until</th>
            <th scope="col">
              <span className="visually-hidden">Download</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {exports.map((e) => {
            const href = downloadHref(e);
            return (
              <tr key={e.id}>
                <td data-label="Requested">
                  <time dateTime={e.createdAt}>{formatDateTime(e.createdAt)}</time>
                </td>
                <td data-label="Status">
                  <span>
                    <span className={STATUS_BADGE[e.status]}>{e.status === 'ready' && !href ? 'Expired' : STATUS_LABEL[e.status]}</span>
                  </span>
                </td>
                <td data-label="Size">{e.sizeBytes !== null ? formatBytes(e.sizeBytes) : '—'}</td>
                <td data-label="Available until">{e.expiresAt ? <time dateTime={e.expiresAt}>{formatDateTime(e.expiresAt)}</time> : '—'}</td>
                <td data-label="Download">
                  {href ? (
                    <a href={href} download aria-label={`Download the export of ${formatDateTime(e.createdAt)}`}>
                      Download
                    </a>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
