/**
 * The CV's PDF for the on-screen preview. `GET /api/cvs/:id/pdf` answers with
 * `Content-Disposition: attachment`, so pointing an <iframe> at it would download the file
 * instead of showing it; fetching it as a blob and previewing an object URL shows it inline.
 */
import { toApiError } from './api.ts';

export const cvPdfUrl = (id: string) => `/api/cvs/${id}/pdf`;

export async function fetchCvPdf(id: string, signal?: AbortSignal): Promise<Blob> {
  const res = await fetch(cvPdfUrl(id), { credentials: 'same-origin', ...(signal ? { signal } : {}) });
  if (!res.ok) throw toApiError(res.status, await res.text(), res.headers.get('Retry-After'));
  const blob = await res.blob();
  return blob.type === 'application/pdf' ? blob : new Blob([blob], { type: 'application/pdf' });
}
