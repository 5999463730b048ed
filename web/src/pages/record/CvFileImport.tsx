import { useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import type { CvFileDraft } from '../../../../server/domains/cv-import/schema.ts';
import type { ImportReport, JsonResume } from '../../../../server/domains/resume/schema.ts';
import { api, describeError } from '../../lib/api.ts';
import { formatDate } from '../../lib/record-format.ts';
import { reveal } from '../../lib/reveal.ts';
import { ImportReportView } from './ResumeImportExport.tsx';
import { prescreenKey, verificationsKey } from './record-api.ts';

/**
 * Start from an existing CV: the server reads the PDF or Word file into a draft (nothing saved),
 * the clinician ticks the items to keep, and only those go through the JSON Resume importer, so
 * they arrive self-declared like any import (docs/ARCHITECTURE.md, Evidence).
 */
type Section = 'work' | 'education' | 'certificates' | 'registrations';
interface DraftItem {
  key: string;
  section: Section;
  label: string;
  value: unknown;
}

type State =
  | { kind: 'idle' }
  | { kind: 'reading'; filename: string }
  | { kind: 'review'; filename: string; items: DraftItem[]; warnings: string[] }
  | { kind: 'importing'; filename: string; items: DraftItem[]; warnings: string[] }
  | { kind: 'done'; filename: string; report: ImportReport }
  | { kind: 'failed'; filename: string; message: string };

const SECTION_TITLES: Record<Section, string> = { work: 'Posts', education: 'Qualifications', certificates: 'Courses and certificates', registrations: 'Registrations' };
const span = (start?: string, end?: string) => `${start ? formatDate(start) : 'start not found'} to ${end ? formatDate(end) : 'present'}`;

function itemsOf(resume: JsonResume): DraftItem[] {
  return [
    ...(resume.work ?? []).map((w, i) => ({
      key: `work.${i}`,
      section: 'work' as const,
      label: `${w.position}${w.grade ? ` (${w.grade})` : ''}, ${w.name}, ${span(w.startDate, w.endDate)}`,
      value: w,
    })),
    ...(resume.education ?? []).map((e, i) => ({
      key: `education.${i}`,
      section: 'education' as const,
      label: `${[e.studyType, e.area].filter(Boolean).join(' ') || 'Qualification'}, ${e.institution}${e.endDate ? `, ${formatDate(e.endDate)}` : ''}`,
      value: e,
    })),
    ...(resume.certificates ?? []).map((c, i) => ({
      key: `certificates.${i}`,
      section: 'certificates' as const,
      label: `${c.name}${c.date ? `, ${formatDate(c.date)}` : ', no date found'}`,
      value: c,
    })),
    ...(resume.clinical?.registrations ?? []).map((r, i) => ({ key: `registrations.${i}`, section: 'registrations' as const, label: `${r.body} ${r.number}`, value: r })),
  ];
}

/** Only the accepted items, as a JSON Resume without basics (the account's own details are kept). */
function acceptedResume(items: DraftItem[], accepted: Set<string>): JsonResume {
  const pick = (section: Section) => items.filter((i) => i.section === section && accepted.has(i.key)).map((i) => i.value);
  const registrations = pick('registrations');
  return {
    work: pick('work') as JsonResume['work'],
    education: pick('education') as JsonResume['education'],
    certificates: pick('certificates') as JsonResume['certificates'],
    ...(registrations.length ? { clinical: { registrations: registrations as NonNullable<JsonResume['clinical']>['registrations'] } } : {}),
  };
}

export function CvFileImport({ announce, onImported }: { announce: (message: string) => void; onImported?: () => void }) {
  const queryClient = useQueryClient();
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [accepted, setAccepted] = useState<Set<string>>(new Set());
  const focusResult = () => requestAnimationFrame(() => reveal(resultRef.current));

  const readFile = async (file: File) => {
    setState({ kind: 'reading', filename: file.name });
    setAccepted(new Set());
    try {
      const form = new FormData();
      form.append('file', file);
      const draft = await api.upload<CvFileDraft>('/api/import/cv-file', form);
      const items = itemsOf(draft.resume);
      setState({ kind: 'review', filename: file.name, items, warnings: draft.warnings });
      announce(`Read ${file.name}: ${items.length} item${items.length === 1 ? '' : 's'} to review.`);
    } catch (err) {
      setState({ kind: 'failed', filename: file.name, message: describeError(err) });
    } finally {
      if (inputRef.current) inputRef.current.value = '';
    }
    focusResult();
  };

  const importAccepted = async () => {
    if (state.kind !== 'review') return;
    setState({ ...state, kind: 'importing' });
    try {
      const report = await api.post<ImportReport>('/api/import/json-resume', acceptedResume(state.items, accepted));
      setState({ kind: 'done', filename: state.filename, report });
      announce(`Imported ${accepted.size} item${accepted.size === 1 ? '' : 's'} from ${state.filename}.`);
      onImported?.();
      await queryClient.invalidateQueries({ queryKey: ['record'] });
      void queryClient.invalidateQueries({ queryKey: prescreenKey });
      void queryClient.invalidateQueries({ queryKey: verificationsKey });
    } catch (err) {
      setState({ kind: 'failed', filename: state.filename, message: describeError(err) });
    }
    focusResult();
  };

  const toggle = (key: string) =>
    setAccepted((current) => {
      const next = new Set(current);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  return (
    <div className="stack">
      <h3>Start from an existing CV</h3>
      <p>
        Choose your CV as a PDF or Word (.docx) file. Medfolio reads it and lists the posts, qualifications, courses and registrations it found; nothing is saved until you tick the items to keep and
        import them. Imported items are your own statement until a referee confirms them.
      </p>
      <div className="field">
        <label htmlFor={inputId} className="field-label">
          CV file
        </label>
        <p id={`${inputId}-hint`} className="field-hint">
          A PDF or .docx file, at most 10 MB.
        </p>
        <input
          ref={inputRef}
          id={inputId}
          type="file"
          accept="application/pdf,.pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,.docx"
          aria-describedby={`${inputId}-hint`}
          disabled={state.kind === 'reading' || state.kind === 'importing'}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void readFile(file);
          }}
        />
      </div>
      <div aria-live="polite" role="status">
        {state.kind === 'reading' ? (
          <p className="loading">
            <span className="spinner" aria-hidden="true" /> Reading {state.filename}…
          </p>
        ) : null}
      </div>
      {state.kind === 'review' || state.kind === 'importing' ? (
        <div ref={resultRef} tabIndex={-1} className="stack stack-tight" aria-labelledby={`${inputId}-review`}>
          <h4 id={`${inputId}-review`}>Found in {state.filename}</h4>
          <p>Tick each item that is right. Check the dates and names: reading a CV is not perfect, and you can correct an item after importing it.</p>
          {state.items.length > 1 ? (
            <div>
              <button
                type="button"
                className="btn btn-secondary btn-small"
                disabled={state.kind === 'importing'}
                onClick={() => setAccepted(accepted.size === state.items.length ? new Set() : new Set(state.items.map((i) => i.key)))}
              >
                {accepted.size === state.items.length ? 'Untick all' : `Tick all ${state.items.length}`}
              </button>
            </div>
          ) : null}
          {(Object.keys(SECTION_TITLES) as Section[]).map((section) => {
            const items = state.items.filter((i) => i.section === section);
            if (!items.length) return null;
            return (
              <fieldset key={section} className="stack stack-tight field-checkbox draft-items">
                <legend>{SECTION_TITLES[section]}</legend>
                {items.map((item) => (
                  <label key={item.key} className="checkbox-row">
                    <input type="checkbox" checked={accepted.has(item.key)} onChange={() => toggle(item.key)} disabled={state.kind === 'importing'} /> <span>{item.label}</span>
                  </label>
                ))}
              </fieldset>
            );
          })}
          {state.warnings.length ? (
            <>
              <p>
                <strong>Not read:</strong>
              </p>
              <ul>
                {state.warnings.map((w, i) => (
                  <li key={i}>{w}</li>
                ))}
              </ul>
            </>
          ) : null}
          <div>
            <button
              type="button"
              className="btn btn-primary"
              disabled={!accepted.size || state.kind === 'importing'}
              aria-busy={state.kind === 'importing' || undefined}
              onClick={() => void importAccepted()}
            >
              {state.kind === 'importing' ? 'Importing…' : `Import ${accepted.size} ticked item${accepted.size === 1 ? '' : 's'}`}
            </button>
          </div>
        </div>
      ) : null}
      {state.kind === 'done' ? <ImportReportView ref={resultRef} headingId={`${inputId}-result`} title={`Imported from ${state.filename}`} report={state.report} /> : null}
      {state.kind === 'failed' ? (
        <div ref={resultRef} tabIndex={-1} className="notice notice-danger" role="alert">
          <h4>{state.filename} could not be read</h4>
          <p>{state.message}</p>
        </div>
      ) : null}
    </div>
  );
}
