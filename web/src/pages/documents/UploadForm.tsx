import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { ZDocumentType, MAX_DOCUMENT_BYTES, type Document } from '../../../../server/domains/documents/schema.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { SelectField, SubmitButton, describedBy } from '../../components/fields.tsx';
import { api, isApiError, type UploadProgress } from '../../lib/api.ts';
import { formatBytes } from '../../lib/record-format.ts';
import { documentsKey, prescreenKey } from '../record/record-api.ts';
import type { RecordOption } from './use-record-options.ts';

const TYPE_LABELS: Record<string, string> = {
  certificate: 'Certificate (training, qualification)',
  registration: 'Registration',
  dbs: 'DBS certificate',
  identity: 'Identity document',
  cv: 'CV',
  reference: 'Reference',
  other: 'Other',
};
export const documentTypeLabel = (t: string) => (TYPE_LABELS[t] ?? t).replace(/ \(.*\)$/, '');

const ACCEPTED = ['application/pdf', 'image/png', 'image/jpeg'];
const ACCEPTED_EXT = /\.(pdf|png|jpe?g)$/i;

type Errors = Partial<Record<'file' | 'type' | 'record', string>>;

/** The problem with a chosen file before sending it, if any. */
export function fileProblem(file: File | undefined): string | undefined {
  if (!file) return 'Choose a file to upload';
  if (!ACCEPTED.includes(file.type) && !ACCEPTED_EXT.test(file.name)) return 'The file must be a PDF, PNG or JPEG';
  if (file.size > MAX_DOCUMENT_BYTES) return `The file is ${formatBytes(file.size)}: files can be at most 10 MB`;
  if (file.size === 0) return 'The file is empty';
  return undefined;
}

/** The API sends sentences ("File is empty"); a bare fragment gets the field's label in front. */
const labelled = (label: string, message: string) => (/^[a-z]/.test(message) ? `${label} ${message}` : message);

/** Upload with a real progress bar (XMLHttpRequest progress events); 413, 415 and 422 land on the field they are about. */
export function UploadForm({ recordOptions, announce, onUploaded }: { recordOptions: RecordOption[]; announce: (m: string) => void; onUploaded: (doc: Document) => void }) {
  const queryClient = useQueryClient();
  const fileRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | undefined>(undefined);
  const [type, setType] = useState('other');
  const [record, setRecord] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [requestError, setRequestError] = useState<unknown>(undefined);
  const [focusKey, setFocusKey] = useState(0);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const uploading = progress !== null;

  const fail = (next: Errors, error?: unknown) => {
    // A notice of an earlier upload must not stand beside this attempt's error.
    announce('');
    setErrors(next);
    setRequestError(error);
    setFocusKey((k) => k + 1);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (uploading) return;
    const problem = fileProblem(file);
    if (problem || !file) return fail({ file: problem });
    const typeOk = ZDocumentType.safeParse(type);
    if (!typeOk.success) return fail({ type: 'Choose a document type' });
    const form = new FormData();
    form.append('type', type);
    const link = recordOptions.find((o) => o.value === record);
    if (link) {
      form.append('recordType', link.recordType);
      form.append('recordId', link.recordId);
    }
    // Fields first, file last: the server reads the stream in order.
    form.append('file', file, file.name);
    setErrors({});
    setRequestError(undefined);
    announce('');
    setProgress({ loaded: 0, total: file.size, fraction: 0 });
    try {
      const doc = await api.upload<Document>('/api/documents', form, setProgress);
      setFile(undefined);
      setRecord('');
      setType('other');
      if (fileRef.current) fileRef.current.value = '';
      await queryClient.invalidateQueries({ queryKey: documentsKey });
      void queryClient.invalidateQueries({ queryKey: ['record'] });
      void queryClient.invalidateQueries({ queryKey: prescreenKey });
      announce(`Uploaded ${doc.filename}.`);
      onUploaded(doc);
    } catch (err) {
      if (isApiError(err) && err.status === 413) fail({ file: `The file is too large. ${err.message}.` });
      else if (isApiError(err) && err.status === 415) fail({ file: `This type of file is not accepted. ${err.message}.` });
      else if (isApiError(err) && err.status === 422 && Object.keys(err.fieldErrors).some((k) => k !== '' && k !== 'body')) {
        const f = err.fieldErrors;
        fail(
          {
            ...(f.file ? { file: labelled('File', f.file) } : {}),
            ...(f.type ? { type: labelled('Document type', f.type) } : {}),
            ...(f.recordId || f.recordType ? { record: labelled('Record', (f.recordId ?? f.recordType)!) } : {}),
          },
          Object.keys(f).some((k) => !['file', 'type', 'recordId', 'recordType'].includes(k)) ? err : undefined,
        );
      } else fail({}, err);
    } finally {
      setProgress(null);
    }
  };

  const items = (
    [
      ['file', 'doc-file'],
      ['type', 'doc-type'],
      ['record', 'doc-record'],
    ] as const
  )
    .filter(([k]) => errors[k])
    .map(([k, fieldId]) => ({ fieldId, message: errors[k]! }));
  const percent = progress ? Math.round(progress.fraction * 100) : 0;

  return (
    <form className="stack card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="upload-heading">
      <h2 id="upload-heading">Upload a document</h2>
      <ErrorSummary items={items} error={requestError} focusKey={focusKey} title="The document could not be uploaded" />
      <div className={errors.file ? 'field field-invalid' : 'field'}>
        <label htmlFor="doc-file" className="field-label">
          File
        </label>
        <p id="doc-file-hint" className="field-hint">
          PDF, PNG or JPEG, at most 10 MB.
        </p>
        {errors.file ? (
          <p id="doc-file-error" className="field-error">
            <span className="visually-hidden">Error:</span> {errors.file}
          </p>
        ) : null}
        <input
          ref={fileRef}
          id="doc-file"
          name="file"
          type="file"
          accept="application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg"
          aria-invalid={errors.file ? true : undefined}
          aria-describedby={describedBy('doc-file', true, errors.file)}
          onChange={(e) => {
            const chosen = e.target.files?.[0];
            setFile(chosen);
            setErrors((prev) => ({ ...prev, file: chosen ? fileProblem(chosen) : undefined }));
          }}
        />
        {file && !errors.file ? (
          <p className="muted">
            {file.name}, {formatBytes(file.size)}
          </p>
        ) : null}
      </div>
      <SelectField
        id="doc-type"
        name="type"
        label="Document type"
        value={type}
        onChange={setType}
        error={errors.type}
        options={ZDocumentType.options.map((t) => ({ value: t, label: TYPE_LABELS[t] ?? t }))}
      />
      <SelectField
        id="doc-record"
        name="record"
        label="Evidence for"
        optional
        hint="The record this document backs, e.g. a certificate for a training course."
        value={record}
        onChange={setRecord}
        error={errors.record}
        placeholder="Not linked to a record"
        options={recordOptions}
      />
      <div aria-live="polite" className="upload-progress">
        {progress ? (
          <>
            <label htmlFor="doc-progress">Upload progress</label>{' '}
            <progress id="doc-progress" className="progress" value={progress.fraction} max={1}>
              {percent}%
            </progress>{' '}
            <span>
              {percent}% ({formatBytes(progress.loaded)} of {formatBytes(progress.total)})
            </span>
          </>
        ) : null}
      </div>
      <div className="actions">
        <SubmitButton busy={uploading} busyLabel="Uploading…">
          Upload
        </SubmitButton>
      </div>
    </form>
  );
}
