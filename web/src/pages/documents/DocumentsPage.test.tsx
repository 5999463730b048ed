// @vitest-environment jsdom
import '../../test/setup.ts';
import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { DocumentsPage } from '../DocumentsPage.tsx';
import { me, on, stubFetch } from '../../test/fetch-stub.ts';
import { renderAt } from '../../test/render.tsx';
import { fileProblem } from './UploadForm.tsx';

const csrf = on('GET', '/api/auth/csrf', () => {
  document.cookie = 'medfolio_csrf=t0k3n';
  return { body: { csrfToken: 't0k3n' } };
});
const empty = (path: string) => on('GET', `/api/${path}`, { body: { items: [] } });

/** An XMLHttpRequest that reports upload progress, then answers with `reply` (or the next of `reply`, one per upload). */
function fakeXhr(replies: { status: number; body: unknown } | Array<{ status: number; body: unknown }>, sent: FormData[]) {
  const queue = Array.isArray(replies) ? [...replies] : undefined;
  class FakeXhr {
    upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    onabort: (() => void) | null = null;
    status = 0;
    responseText = '';
    open() {}
    setRequestHeader() {}
    getResponseHeader() {
      return null;
    }
    abort() {}
    send(form: FormData) {
      sent.push(form);
      const reply = queue ? queue.shift()! : (replies as { status: number; body: unknown });
      setTimeout(() => this.upload.onprogress?.({ lengthComputable: true, loaded: 50, total: 100 }), 0);
      setTimeout(() => {
        this.status = reply.status;
        this.responseText = JSON.stringify(reply.body);
        this.onload?.();
      }, 30);
    }
  }
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
}

describe('documents', () => {
  it('checks the file before sending it', () => {
    expect(fileProblem(undefined)).toBe('Choose a file to upload');
    expect(fileProblem(new File(['x'], 'notes.docx', { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }))).toBe('The file must be a PDF, PNG or JPEG');
    const big = new File(['x'], 'scan.pdf', { type: 'application/pdf' });
    Object.defineProperty(big, 'size', { value: 11 * 1024 * 1024 });
    expect(fileProblem(big)).toBe('The file is 11.0 MB: files can be at most 10 MB');
    expect(fileProblem(new File(['%PDF-1.7'], 'bls.pdf', { type: 'application/pdf' }))).toBeUndefined();
  });

  it('shows upload progress, and puts a 415 on the file field', async () => {
    stubFetch(csrf, on('GET', '/api/me', { body: me }), on('GET', '/api/documents', { body: { documents: [] } }), ...['posts', 'registrations', 'training', 'dbs', 'education'].map(empty));
    const sent: FormData[] = [];
    fakeXhr({ status: 415, body: { error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Only PDF, PNG and JPEG files are accepted (this file is ZIP)', requestId: 'r1' } } }, sent);
    const user = userEvent.setup();
    renderAt(<DocumentsPage />, '/documents');
    expect(await screen.findByText(/No documents yet/)).toBeInTheDocument();
    await user.upload(screen.getByLabelText('File'), new File(['PK'], 'bls.pdf', { type: 'application/pdf' }));
    await user.selectOptions(screen.getByLabelText('Document type'), 'certificate');
    await user.click(screen.getByRole('button', { name: 'Upload' }));
    await waitFor(() => expect(screen.getByLabelText('Upload progress')).toHaveProperty('value', 0.5));
    expect(screen.getByText('50% (50 bytes of 100 bytes)')).toBeInTheDocument();
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'This type of file is not accepted. Only PDF, PNG and JPEG files are accepted (this file is ZIP).' })).toBeInTheDocument();
    expect(screen.getByLabelText('File')).toHaveAttribute('aria-invalid', 'true');
    expect(sent[0]!.get('type')).toBe('certificate');
    expect((sent[0]!.get('file') as File).name).toBe('bls.pdf');
  });

  it('takes the previous "Uploaded" notice away when the next upload fails', async () => {
    stubFetch(csrf, on('GET', '/api/me', { body: me }), on('GET', '/api/documents', { body: { documents: [] } }), ...['posts', 'registrations', 'training', 'dbs', 'education'].map(empty));
    const uploaded = {
      id: '3f1c1f2e-8a43-4b8e-9a55-2f4f3c1d2e10',
      type: 'certificate',
      filename: 'bls.pdf',
      mimeType: 'application/pdf',
      sizeBytes: 100,
      sha256: 'a'.repeat(64),
      uploadedAt: '2026-03-01T10:00:00.000Z',
      links: [],
    };
    const sent: FormData[] = [];
    fakeXhr(
      [
        { status: 201, body: uploaded },
        { status: 415, body: { error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Only PDF, PNG and JPEG files are accepted (this file is ZIP)', requestId: 'r2' } } },
      ],
      sent,
    );
    const user = userEvent.setup();
    renderAt(<DocumentsPage />, '/documents');
    expect(await screen.findByText(/No documents yet/)).toBeInTheDocument();
    await user.upload(screen.getByLabelText('File'), new File(['%PDF'], 'bls.pdf', { type: 'application/pdf' }));
    await user.click(screen.getByRole('button', { name: 'Upload' }));
    expect(await screen.findByText('Uploaded bls.pdf.')).toBeInTheDocument();

    // A file refused before sending, then one refused by the server: neither leaves the notice.
    await user.upload(screen.getByLabelText('File'), new File(['x'], 'notes.docx', { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }));
    await user.click(screen.getByRole('button', { name: 'Upload' }));
    expect(await screen.findByRole('alert')).toBeInTheDocument();
    expect(screen.queryByText('Uploaded bls.pdf.')).not.toBeInTheDocument();
    await user.upload(screen.getByLabelText('File'), new File(['PK'], 'scan.pdf', { type: 'application/pdf' }));
    await user.click(screen.getByRole('button', { name: 'Upload' }));
    expect(await screen.findByRole('link', { name: /This type of file is not accepted/ })).toBeInTheDocument();
    expect(screen.queryByText(/^Uploaded /)).not.toBeInTheDocument();
  });
});
