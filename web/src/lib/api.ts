/**
 * The one API client of the web app. Every call goes through `request` (or `upload`), which
 * adds the CSRF header to state-changing requests, retries once when the server rejects the
 * token, and turns the server's `{ error: { code, message, details, requestId } }` into an
 * ApiError that screens can explain without parsing anything themselves.
 */
import type { ErrorCode } from '../../../server/platform/http/schema.ts';
import { sameOriginPath } from './safe-url.ts';

/** The server's error codes (one list: server/platform/http/schema.ts), plus NETWORK when it could not be reached. */
export type ApiErrorCode = ErrorCode | 'NETWORK';

export interface ApiErrorDetails {
  issues?: Array<{ path: string; message: string }>;
  retryAfterSeconds?: number;
  [key: string]: unknown;
}

/** What QUOTA_EXCEEDED carries (server/domains/quotas/service.ts, shares/service.ts). */
export interface QuotaDetails {
  metric?: string;
  limit?: number;
  usage?: number;
  resetsAt?: string;
}

export const CSRF_COOKIE = 'medfolio_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** Server paths are `body.email`, `query.from`, `params.id`; forms know fields as `email`. */
export function fieldKeyOf(path: string): string {
  return path.replace(/^(body|query|params)(\.|$)/, '');
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** Field path (without `body.`; nested paths joined with '.') -> message, from a 422 (or a CONFLICT naming a field). '' is the whole request. */
  readonly fieldErrors: Record<string, string>;
  /** Seconds until a retry may succeed: the Retry-After header, else details.retryAfterSeconds. */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    readonly status: number,
    readonly code: ApiErrorCode | (string & {}),
    message: string,
    readonly details: ApiErrorDetails = {},
    readonly requestId?: string,
    retryAfterHeader?: string | null,
  ) {
    super(message);
    const fieldErrors: Record<string, string> = {};
    for (const issue of details.issues ?? []) {
      const key = fieldKeyOf(issue.path);
      fieldErrors[key] ??= issue.message;
    }
    if (typeof details.field === 'string') fieldErrors[fieldKeyOf(details.field)] ??= message;
    this.fieldErrors = fieldErrors;
    const header = retryAfterHeader ? Number(retryAfterHeader) : NaN;
    this.retryAfterSeconds = Number.isFinite(header) ? header : typeof details.retryAfterSeconds === 'number' ? details.retryAfterSeconds : undefined;
  }

  get isUnauthenticated(): boolean {
    return this.status === 401;
  }
  get isQuota(): boolean {
    return this.status === 429 && this.code === 'QUOTA_EXCEEDED';
  }
  get isRateLimited(): boolean {
    return this.status === 429 && this.code === 'RATE_LIMITED';
  }
  get isValidation(): boolean {
    return this.status === 422;
  }
  get isNotFound(): boolean {
    return this.status === 404;
  }
  get isNetwork(): boolean {
    return this.code === 'NETWORK';
  }
  /** Login answered 401 because the account needs a TOTP or recovery code. */
  get twoFactorRequired(): boolean {
    return this.details.twoFactorRequired === true;
  }
  /** Limit, usage and reset time of a QUOTA_EXCEEDED, when it is one. */
  get quota(): QuotaDetails | undefined {
    if (!this.isQuota) return undefined;
    const d = this.details;
    return {
      ...(typeof d.metric === 'string' ? { metric: d.metric } : {}),
      ...(typeof d.limit === 'number' ? { limit: d.limit } : {}),
      ...(typeof d.usage === 'number' ? { usage: d.usage } : {}),
      ...(typeof d.resetsAt === 'string' ? { resetsAt: d.resetsAt } : {}),
    };
  }
}

export const isApiError = (err: unknown): err is ApiError => err instanceof ApiError;

/** "in 15 minutes", "in 40 seconds", "in 3 days". */
export function formatRetryAfter(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 90) return `in ${s} second${s === 1 ? '' : 's'}`;
  const m = Math.ceil(s / 60);
  if (m < 90) return `in ${m} minutes`;
  const h = Math.ceil(m / 60);
  if (h < 48) return `in ${h} hours`;
  return `in ${Math.ceil(h / 24)} days`;
}

/** One sentence (or two) for a person: the server's message plus when to try again. */
export function describeError(err: unknown): string {
  if (!isApiError(err)) return 'Something went wrong. Please try again.';
  if (err.isQuota) {
    const resetsAt = err.quota?.resetsAt;
    const when = resetsAt ? ` It resets on ${new Date(resetsAt).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })}.` : '';
    return `${err.message}${when}`;
  }
  if (err.retryAfterSeconds !== undefined && (err.status === 429 || err.status === 503)) {
    return `${err.message.replace(/[.!]$/, '')}. Try again ${formatRetryAfter(err.retryAfterSeconds)}.`;
  }
  if (err.code === 'INTERNAL' && err.requestId) return `${err.message.replace(/[.!]$/, '')}. If it keeps happening, quote reference ${err.requestId}.`;
  return err.message;
}

// ---------------------------------------------------------------------------------------------

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

let csrfInFlight: Promise<string> | undefined;

/** Asks the server for the token (it also sets the cookie); concurrent callers share one request. */
function fetchCsrfToken(): Promise<string> {
  csrfInFlight ??= request<{ csrfToken: string }>('GET', '/api/auth/csrf')
    .then((r) => r.csrfToken)
    .finally(() => {
      csrfInFlight = undefined;
    });
  return csrfInFlight;
}

async function csrfToken(refresh: boolean): Promise<string> {
  const cookie = refresh ? undefined : readCookie(CSRF_COOKIE);
  return cookie ?? (await fetchCsrfToken());
}

/** Builds an ApiError from a status, the response text and the Retry-After header. */
export function toApiError(status: number, text: string, retryAfter: string | null): ApiError {
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  const e = (body as { error?: { code?: unknown; message?: unknown; details?: unknown; requestId?: unknown } } | undefined)?.error;
  if (e && typeof e.code === 'string' && typeof e.message === 'string') {
    const details = typeof e.details === 'object' && e.details !== null ? (e.details as ApiErrorDetails) : {};
    return new ApiError(status, e.code, e.message, details, typeof e.requestId === 'string' ? e.requestId : undefined, retryAfter);
  }
  // Not our JSON (a proxy's error page, say): keep the status, say nothing misleading.
  const code = status === 401 ? 'UNAUTHENTICATED' : status === 404 ? 'NOT_FOUND' : status === 503 || status === 502 || status === 504 ? 'SERVICE_UNAVAILABLE' : 'INTERNAL';
  return new ApiError(status, code, status >= 500 ? 'The service is not available right now' : 'Something went wrong', {}, undefined, retryAfter);
}

const networkError = () => new ApiError(0, 'NETWORK', 'The service cannot be reached. Check your connection and try again');

function parseSuccess<T>(status: number, text: string): T {
  if (status === 204 || text === '') return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError(status, 'INTERNAL', 'The service sent an answer that could not be read');
  }
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** Extra headers (Accept and Content-Type are set for you). */
  headers?: Record<string, string>;
}

/** The client talks only to its own origin: the CSRF token and the session must never go anywhere else. */
function assertOwnPath(path: string) {
  if (sameOriginPath(path) === undefined) throw new TypeError(`api: ${JSON.stringify(path)} is not a path of this app`);
}

async function request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}, retried = false): Promise<T> {
  assertOwnPath(path);
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (UNSAFE.has(method)) headers[CSRF_HEADER] = await csrfToken(retried);
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw networkError();
  }
  const text = await res.text();
  if (res.ok) return parseSuccess<T>(res.status, text);
  const error = toApiError(res.status, text, res.headers.get('Retry-After'));
  if (error.code === 'CSRF_REJECTED' && UNSAFE.has(method) && !retried) return request<T>(method, path, body, options, true);
  throw error;
}

export interface UploadProgress {
  loaded: number;
  total: number;
  /** 0..1 */
  fraction: number;
}

/** Multipart upload with XMLHttpRequest, because fetch cannot report upload progress. */
async function upload<T>(path: string, form: FormData, onProgress?: (p: UploadProgress) => void, options: { signal?: AbortSignal; method?: 'POST' | 'PUT' } = {}, retried = false): Promise<T> {
  assertOwnPath(path);
  const token = await csrfToken(retried);
  const result = await new Promise<{ status: number; text: string; retryAfter: string | null }>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(options.method ?? 'POST', path);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader(CSRF_HEADER, token);
    if (onProgress) {
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) onProgress({ loaded: e.loaded, total: e.total, fraction: e.total ? e.loaded / e.total : 0 });
      };
    }
    xhr.onload = () => resolve({ status: xhr.status, text: xhr.responseText, retryAfter: xhr.getResponseHeader('Retry-After') });
    xhr.onerror = () => reject(networkError());
    xhr.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
    if (options.signal) {
      // Aborting before send() fires no event, so an already-cancelled upload is refused here.
      if (options.signal.aborted) return reject(new DOMException('The upload was cancelled', 'AbortError'));
      options.signal.addEventListener('abort', () => xhr.abort(), { once: true });
    }
    xhr.send(form);
  });
  if (result.status >= 200 && result.status < 300) return parseSuccess<T>(result.status, result.text);
  const error = toApiError(result.status, result.text, result.retryAfter);
  if (error.code === 'CSRF_REJECTED' && !retried) return upload<T>(path, form, onProgress, options, true);
  throw error;
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, body, options),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PATCH', path, body, options),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PUT', path, body, options),
  del: <T = void>(path: string, options?: RequestOptions) => request<T>('DELETE', path, undefined, options),
  upload,
};

/** Builds `path?k=v&…`, leaving out undefined, null and '' values. */
export function withQuery(path: string, query: Record<string, string | number | boolean | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}
