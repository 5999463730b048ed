import { RECORD_KIND_NAMES, type RecordPath } from '../../../../server/domains/record/schema.ts';
import { useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type Ref } from 'react';
import type { ImportReport } from '../../../../server/domains/resume/schema.ts';
import { api, describeError, isApiError } from '../../lib/api.ts';
import { downloadFile } from '../../lib/download.ts';
import { prescreenKey, verificationsKey } from './record-api.ts';

type ImportState =
  | { kind: 'idle' }
  | { kind: 'reading'; filename: string }
  | { kind: 'done'; filename: string; report: ImportReport }
  | {
      kind: 'failed';
      filename: string;
      message: string;
      issues: Array<{ path: string; message: string }>;
    };

const COUNT_LABELS: Array<[keyof ImportReport['created'], string, string]> = [
  ...RECORD_KIND_NAMES.map((k) => [k.path, ...k.count] as [RecordPath, string, string]),
  ['timecards', 'time card', 'time cards'],
];

function counts(c: ImportReport['created']): string[] {
  return COUNT_LABELS.filter(([k]) => c[k] > 0).map(([k, one, many]) => `${c[k]} ${c[k] === 1 ? one : many}`);
}

/** What an import did: counts, items skipped, fields not imported and warnings (shared by both importers). */
export function ImportReportView({ ref, headingId, title, report }: { ref?: Ref<HTMLDivElement>; headingId: string; title: string; report: ImportReport }) {
  return (
    <div ref={ref} tabIndex={-1} className="notice notice-ok stack stack-tight import-result" aria-labelledby={headingId}>
      <h4 id={headingId}>{title}</h4>
      <p>
        Added: {counts(report.created).join(', ') || 'nothing new'}. Updated: {counts(report.updated).join(', ') || 'nothing'}.
      </p>
      <PathReasons heading={`${report.skipped.length} item${report.skipped.length === 1 ? '' : 's'} could not be used:`} items={report.skipped} />
      <PathReasons heading={`${report.notImported.length} field${report.notImported.length === 1 ? ' was' : 's were'} not imported:`} items={report.notImported} />
      {report.warnings.length ? (
        <>
          <p>
            <strong>Warnings:</strong>
          </p>
          <ul>
            {report.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

/** Reads a JSON Resume in the browser, sends it to the importer, and shows what it did. */
export function ResumeImport({ announce }: { announce: (message: string) => void }) {
  const queryClient = useQueryClient();
  const inputId = useId();
  const resultRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<ImportState>({ kind: 'idle' });

  const importFile = async (file: File) => {
    setState({ kind: 'reading', filename: file.name });
    let json: unknown;
    try {
      json = JSON.parse(await file.text());
    } catch {
      setState({
        kind: 'failed',
        filename: file.name,
        message: 'This file is not valid JSON. Choose a JSON Resume file (.json).',
        issues: [],
      });
      requestAnimationFrame(() => resultRef.current?.focus());
      return;
    }
    try {
      const report = await api.post<ImportReport>('/api/import/json-resume', json);
      setState({ kind: 'done', filename: file.name, report });
      announce(`Imported ${file.name}.`);
      await queryClient.invalidateQueries({ queryKey: ['record'] });
      void queryClient.invalidateQueries({ queryKey: prescreenKey });
      void queryClient.invalidateQueries({ queryKey: verificationsKey });
    } catch (err) {
      const issues = isApiError(err)
        ? (err.details.issues ?? []).map((i) => ({
            path: i.path.replace(/^body\.?/, '') || '(the file)',
            message: i.message,
          }))
        : [];
      setState({
        kind: 'failed',
        filename: file.name,
        message: describeError(err),
        issues,
      });
    } finally {
      if (inputRef.current) inputRef.current.value = '';
    }
    requestAnimationFrame(() => resultRef.current?.focus());
  };

  return (
    <div className="stack">
      <h3>Import a JSON Resume</h3>
      <p>
        Choose a <a href="https://jsonresume.org/schema">JSON Resume</a> file (for example one exported from Medfolio or another CV tool). Importing starts as soon as you choose the file. Importing
        the same file again updates what it added; it never makes duplicates.
      </p>
      <div className="field">
        <label htmlFor={inputId} className="field-label">
          JSON Resume file
        </label>
        <p id={`${inputId}-hint`} className="field-hint">
          A .json file.
        </p>
        <input
          ref={inputRef}
          id={inputId}
          type="file"
          accept="application/json,.json"
          aria-describedby={`${inputId}-hint`}
          disabled={state.kind === 'reading'}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void importFile(file);
          }}
        />
      </div>
      <div aria-live="polite" role="status">
        {state.kind === 'reading' ? (
          <p className="loading">
            <span className="spinner" aria-hidden="true" /> Importing {state.filename}…
          </p>
        ) : null}
      </div>
      {state.kind === 'done' ? <ImportReportView ref={resultRef} headingId={`${inputId}-result`} title={`Imported ${state.filename}`} report={state.report} /> : null}
      {state.kind === 'failed' ? (
        <div ref={resultRef} tabIndex={-1} className="notice notice-danger" role="alert">
          <h4>{state.filename} could not be imported</h4>
          <p>{state.message}</p>
          {state.issues.length ? (
            <ul>
              {state.issues.map((i, n) => (
                <li key={n}>
                  <code>{i.path}</code>: {i.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

/** Downloads the whole record as JSON Resume (fetched first, so a failure is explained here). */
export function ResumeExport() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const download = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const resume = await api.get<unknown>('/api/export/json-resume');
      downloadFile(JSON.stringify(resume, null, 2), 'medfolio-resume.json', 'application/json');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="stack">
      <h3>Export</h3>
      <p>Your whole record as JSON Resume 1.x, with Medfolio's clinical extension (registrations, DBS checks, time cards), to keep or to use in another tool.</p>
      <div>
        <button type="button" className="btn btn-secondary" aria-busy={busy || undefined} onClick={() => !busy && void download()}>
          {busy ? 'Preparing…' : 'Download JSON Resume'}
        </button>
      </div>
      {error !== undefined ? (
        <p className="notice notice-danger" role="alert">
          The export could not be downloaded. {describeError(error)}
        </p>
      ) : null}
    </div>
  );
}

/** Parts of the file, each with why it was not used; nothing when there are none. */
function PathReasons({ heading, items }: { heading: string; items: Array<{ path: string; reason: string }> }) {
  if (!items.length) return null;
  return (
    <>
      <p>
        <strong>{heading}</strong>
      </p>
      <ul>
        {items.map((s, i) => (
          <li key={i}>
            <code>{s.path}</code>: {s.reason}
          </li>
        ))}
      </ul>
    </>
  );
}
