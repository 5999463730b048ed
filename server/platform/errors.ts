/**
 * One error type for everything the API refuses on purpose, and one map from its code to an
 * HTTP status. Anything that is not an AppError is a bug and becomes a 500 without detail.
 */
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF_REJECTED: 403,
  PROCESSING_RESTRICTED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  GONE: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  VALIDATION: 422,
  RATE_LIMITED: 429,
  QUOTA_EXCEEDED: 429,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldIssue {
  path: string;
  message: string;
}

export interface ErrorDetails {
  /** Field-level problems (VALIDATION). */
  issues?: FieldIssue[];
  /** Seconds until the caller may try again (RATE_LIMITED, QUOTA_EXCEEDED); sent as Retry-After. */
  retryAfterSeconds?: number;
  [key: string]: unknown;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
export const conflict = (message: string, details?: ErrorDetails) => new AppError('CONFLICT', message, details);
export const validationError = (issues: FieldIssue[], message = 'The request is not valid') =>
  new AppError('VALIDATION', message, { issues });

export const isAppError = (err: unknown): err is AppError => err instanceof AppError;
