/**
 * One error type for everything the API refuses on purpose, and one map from its code to an
 * HTTP status. Anything that is not an AppError is a bug and becomes a 500 without detail.
 */
import { ERROR_STATUS, type ErrorCode } from './http/schema.ts';

export { ERROR_STATUS, type ErrorCode };

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
export const validationError = (issues: FieldIssue[], message = 'The request is not valid') => new AppError('VALIDATION', message, { issues });

export const isAppError = (err: unknown): err is AppError => err instanceof AppError;
