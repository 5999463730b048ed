import type { Readiness } from '../../server/domains/system/schema.ts';

/** The one API client. Errors carry the server's code so screens can explain them. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export async function apiGet<T>(path: string): Promise<T> {
  const res = await fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  const body = (await res.json().catch(() => undefined)) as
    | { error?: { code: string; message: string; details?: Record<string, unknown> } }
    | undefined;
  if (!res.ok) {
    throw new ApiError(res.status, body?.error?.code ?? 'INTERNAL', body?.error?.message ?? 'Something went wrong', body?.error?.details);
  }
  return body as T;
}

export const fetchReadiness = () => apiGet<Readiness>('/api/ready');
