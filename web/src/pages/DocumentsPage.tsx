import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Document } from '../../../server/domains/documents/schema.ts';
import { ConfirmStep } from '../components/ConfirmStep.tsx';
import { Page } from '../components/Page.tsx';
import { ErrorState, Loading } from '../components/states.tsx';
import { api, describeError } from '../lib/api.ts';
import { formatBytes, formatDate } from '../lib/record-format.ts';
import { UploadForm, documentTypeLabel } from './documents/UploadForm.tsx';
import { useRecordOptions, type RecordOption } from './documents/use-record-options.ts';
import { documentsKey, prescreenKey } from './record/record-api.ts';

function useDocuments() {
  return useQuery({
    queryKey: documentsKey,
    queryFn: ({ signal }) => api.get<{ documents: Document[] }>('/api/documents', { signal }).then((r) => r.documents),
  });
}

const FORMAT: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
};

function DocumentRow({
  doc,
  recordOptions,
  labelOf,
  announce,
}: {
  doc: Document;
  recordOptions: RecordOption[];
  labelOf: (type: string, id: string) => string;
  announce: (m: string, focusHeading?: boolean) => void;
}) {
  const queryClient = useQueryClient();
  const [linking, setLinking] = useState(false);
  const [choice, setChoice] = useState('');
  const [confirming, setConfirming] = useState(false);
  const selectRef = useRef<HTMLSelectElement>(null);
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: documentsKey });
    void queryClient.invalidateQueries({ queryKey: ['record'] });
    void queryClient.invalidateQueries({ queryKey: prescreenKey });
  };
  const focus = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.focus());

  const link = useMutation({
    mutationFn: (o: RecordOption) =>
      api.post<Document>(`/api/documents/${doc.id}/links`, {
        recordType: o.recordType,
        recordId: o.recordId,
      }),
    onSuccess: async (_d, o) => {
      setLinking(false);
      setChoice('');
      await refresh();
      announce(`${doc.filename} is now evidence for ${o.label}.`);
      focus(`doc-link-${doc.id}`);
    },
  });
  const unlink = useMutation({
    mutationFn: (l: { recordType: string; recordId: string }) => api.del(`/api/documents/${doc.id}/links/${l.recordType}/${l.recordId}`),
    onSuccess: async (_v, l) => {
      await refresh();
      announce(`${doc.filename} no longer backs ${labelOf(l.recordType, l.recordId)}.`);
      focus(`doc-link-${doc.id}`);
    },
  });
  const remove = useMutation({
    mutationFn: () => api.del(`/api/documents/${doc.id}`),
    onSuccess: async () => {
      await refresh();
      announce(`Deleted ${doc.filename}.`, true);
    },
  });
  useEffect(() => {
    if (linking) selectRef.current?.focus();
  }, [linking]);

  const linked = new Set(doc.links.map((l) => `${l.recordType}:${l.recordId}`));
  const available = recordOptions.filter((o) => !linked.has(o.value));
  const error = link.error ?? unlink.error ?? remove.error;

  return (
    <tr>
      <td data-label="Document">
        <div>
          <strong className="doc-name">{doc.filename}</strong>
          <div className="muted">{FORMAT[doc.mimeType] ?? doc.mimeType}</div>
        </div>
      </td>
      <td data-label="Type">{documentTypeLabel(doc.type)}</td>
      <td data-label="Size" className="num">
        {formatBytes(doc.sizeBytes)}
      </td>
      <td data-label="Uploaded">{formatDate(doc.uploadedAt)}</td>
      <td data-label="Evidence for">
        <div>
          {doc.links.length ? (
            <ul className="doc-links">
              {doc.links.map((l) => {
                const label = labelOf(l.recordType, l.recordId);
                return (
                  <li key={`${l.recordType}:${l.recordId}`}>
                    {label}{' '}
                    <button type="button" className="btn-link" aria-label={`Unlink ${doc.filename} from ${label}`} onClick={() => !unlink.isPending && unlink.mutate(l)}>
                      Unlink
                    </button>
                  </li>
                );
              })}
            </ul>
          ) : (
            <span className="muted">Not linked</span>
          )}
          {linking ? (
            <form
              className="doc-link-form"
              onSubmit={(e) => {
                e.preventDefault();
                const o = available.find((a) => a.value === choice);
                if (o && !link.isPending) link.mutate(o);
              }}
            >
              <label htmlFor={`doc-link-select-${doc.id}`} className="field-label">
                Record for {doc.filename}
              </label>
              <select ref={selectRef} id={`doc-link-select-${doc.id}`} className="input" value={choice} onChange={(e) => setChoice(e.target.value)}>
                <option value="">Choose a record</option>
                {available.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
              <div className="actions">
                <button type="submit" className="btn btn-small" disabled={!choice} aria-busy={link.isPending || undefined}>
                  {link.isPending ? 'Linking…' : 'Link'}
                </button>
                <button
                  type="button"
                  className="btn btn-secondary btn-small"
                  onClick={() => {
                    setLinking(false);
                    focus(`doc-link-${doc.id}`);
                  }}
                >
                  Cancel
                </button>
              </div>
            </form>
          ) : null}
        </div>
      </td>
      <td data-label="Actions">
        <div>
          {confirming ? (
            <ConfirmStep
              label={`Confirm deleting ${doc.filename}`}
              confirmLabel="Yes, delete"
              busyLabel="Deleting…"
              busy={remove.isPending}
              onConfirm={() => remove.mutate()}
              onCancel={() => setConfirming(false)}
              returnFocusTo={`doc-delete-${doc.id}`}
              small
            >
              Delete <strong>{doc.filename}</strong>? Records it backs lose this evidence.
            </ConfirmStep>
          ) : (
            <div className="actions">
              <a className="btn btn-secondary btn-small" href={`/api/documents/${doc.id}/content`} download={doc.filename} aria-label={`Download ${doc.filename}`}>
                Download
              </a>
              {!linking && available.length ? (
                <button id={`doc-link-${doc.id}`} type="button" className="btn btn-secondary btn-small" aria-label={`Link ${doc.filename} to a record`} onClick={() => setLinking(true)}>
                  Link to a record
                </button>
              ) : null}
              <button id={`doc-delete-${doc.id}`} type="button" className="btn btn-danger btn-small" aria-label={`Delete ${doc.filename}`} onClick={() => setConfirming(true)}>
                Delete
              </button>
            </div>
          )}
          {error ? (
            <p className="field-error" role="alert">
              {describeError(error)}
            </p>
          ) : null}
        </div>
      </td>
    </tr>
  );
}

/** Certificates and other evidence: upload with progress, download, delete, and link to the records they back. */
export function DocumentsPage() {
  const documents = useDocuments();
  const records = useRecordOptions();
  const [message, setMessage] = useState('');
  const listHeading = useRef<HTMLHeadingElement>(null);
  const announce = useCallback((m: string, focusHeading = false) => {
    setMessage(m);
    if (focusHeading) requestAnimationFrame(() => listHeading.current?.focus());
  }, []);

  return (
    <Page title="Documents" lead="Certificates, registration and DBS documents that back your record. Files are encrypted at rest and only you can download them.">
      <UploadForm recordOptions={records.options} announce={announce} onUploaded={() => requestAnimationFrame(() => listHeading.current?.focus())} />
      <div role="status" aria-live="polite">
        {message ? <p className="notice notice-ok">{message}</p> : null}
      </div>
      <section aria-labelledby="documents-heading" className="stack">
        <h2 id="documents-heading" ref={listHeading} tabIndex={-1}>
          Your documents
        </h2>
        {documents.isPending ? (
          <Loading label="Loading your documents…" />
        ) : documents.isError ? (
          <ErrorState level={3} error={documents.error} title="Your documents could not be loaded" onRetry={() => void documents.refetch()} />
        ) : documents.data.length === 0 ? (
          <div className="empty-state">
            <p>No documents yet. Upload a certificate above and link it to the record it proves.</p>
          </div>
        ) : (
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Documents table">
            <table className="table table-stack">
              <caption className="visually-hidden">Your documents</caption>
              <thead>
                <tr>
                  <th scope="col">Document</th>
                  <th scope="col">Type</th>
                  <th scope="col" className="num">
                    Size
                  </th>
                  <th scope="col">Uploaded</th>
                  <th scope="col">Evidence for</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {documents.data.map((doc) => (
                  <DocumentRow key={doc.id} doc={doc} recordOptions={records.options} labelOf={records.labelOf} announce={announce} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </Page>
  );
}
