// @vitest-environment jsdom
import '../../test/setup.ts';
import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PdfPreview } from './PdfPreview.tsx';

const A = '0b8f6c1e-1d2a-4c3b-9e4f-5a6b7c8d9e0a';
const B = '0b8f6c1e-1d2a-4c3b-9e4f-5a6b7c8d9e0b';

/** fetch that answers each PDF only when the test says so (and ignores aborts, as a slow network may). */
function deferredPdfs() {
  const pending = new Map<string, () => void>();
  vi.stubGlobal(
    'fetch',
    vi.fn(
      (input: RequestInfo | URL) =>
        new Promise<Response>((resolve) => {
          pending.set(String(input), () => resolve(new Response('%PDF-1.7', { headers: { 'Content-Type': 'application/pdf' } })));
        }),
    ),
  );
  return {
    answer: async (id: string) => {
      await act(async () => {
        pending.get(`/api/cvs/${id}/pdf`)!();
        await new Promise((r) => setTimeout(r, 0));
      });
    },
  };
}

/** jsdom has no object URLs: count the ones made and not yet revoked. */
const original = { create: URL.createObjectURL, revoke: URL.revokeObjectURL };
afterEach(() => {
  URL.createObjectURL = original.create;
  URL.revokeObjectURL = original.revoke;
});
function objectUrls() {
  let n = 0;
  const live = new Set<string>();
  URL.createObjectURL = () => {
    const url = `blob:test/${++n}`;
    live.add(url);
    return url;
  };
  URL.revokeObjectURL = (url: string) => void live.delete(url);
  return live;
}

describe('PDF preview', () => {
  it('revokes its object URL when it goes, and never keeps one for a CV it no longer shows', async () => {
    const live = objectUrls();
    const pdfs = deferredPdfs();
    const view = render(<PdfPreview id={A} jobTitle="Registrar" />);
    // Switched to another CV while the first PDF was still on its way.
    view.rerender(<PdfPreview id={B} jobTitle="Registrar" />);
    await pdfs.answer(A);
    expect(live.size).toBe(0);
    await pdfs.answer(B);
    const frame = await screen.findByTitle('CV for Registrar (PDF preview)');
    expect(live).toEqual(new Set([frame.getAttribute('src')]));
    view.unmount();
    expect(live.size).toBe(0);
  });

  it('offers the PDF and the Word copy under the names the server gives them', () => {
    objectUrls();
    deferredPdfs();
    render(<PdfPreview id={A} jobTitle="Registrar" docxUrl={`/api/cvs/${A}/docx`} />);
    const pdf = screen.getByRole('link', { name: 'Download PDF' });
    const word = screen.getByRole('link', { name: 'Download Word (.docx)' });
    expect(pdf.getAttribute('href')).toBe(`/api/cvs/${A}/pdf`);
    expect(word.getAttribute('href')).toBe(`/api/cvs/${A}/docx`);
    // An empty download attribute lets the server's Content-Disposition name the file.
    expect(pdf.getAttribute('download')).toBe('');
    expect(word.getAttribute('download')).toBe('');
  });
});
