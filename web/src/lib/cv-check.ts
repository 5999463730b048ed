import type { CvCheckResult } from '../../../server/domains/cv-checks/schema.ts';
import { ApiError, toApiError } from './api.ts';

export type { CvCheckResult };

/**
 * The public CV check (no account, no cookie needed). A check that ran answers with a result,
 * authentic or not (200 or 422 with `authentic`); anything else (404 for an unknown code, 413,
 * 415, 429) is an ApiError like every other failure, so describeError explains it.
 */
async function send(path: string, init: RequestInit): Promise<CvCheckResult> {
  let res: Response;
  try {
    res = await fetch(path, { ...init, credentials: 'omit', headers: { accept: 'application/json' } });
  } catch {
    throw new ApiError(0, 'NETWORK', 'The service cannot be reached. Check your connection and try again');
  }
  const text = await res.text();
  if (res.status === 200 || res.status === 422) {
    try {
      const body = JSON.parse(text) as Partial<CvCheckResult>;
      if (typeof body.authentic === 'boolean') return body as CvCheckResult;
    } catch {
      // fall through: not a check result
    }
  }
  throw toApiError(res.status, text, res.headers.get('retry-after'));
}

export function checkCvFile(file: Blob, signal?: AbortSignal): Promise<CvCheckResult> {
  const body = new FormData();
  body.append('file', file, 'cv.pdf');
  return send('/api/check-cv', { method: 'POST', body, ...(signal ? { signal } : {}) });
}

export function checkCvCode(code: string, signal?: AbortSignal): Promise<CvCheckResult> {
  return send(`/api/check-cv/${encodeURIComponent(code.trim())}`, { method: 'GET', ...(signal ? { signal } : {}) });
}
