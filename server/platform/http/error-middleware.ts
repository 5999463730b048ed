import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../logger.ts';
import { AppError, isAppError, type FieldIssue } from '../errors.ts';
import { validationSentence } from '../words/validation-words.ts';
import { html, page } from './html.ts';

export interface ErrorBody {
  error: { code: string; message: string; requestId: string; details?: Record<string, unknown> };
}

/** Errors raised below Express (body parser, JSON syntax, size) arrive with a `type` or status. */
function fromFrameworkError(err: unknown): AppError | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  // A library decoding part of the request (the router decodes path parameters).
  if (err instanceof URIError) return new AppError('BAD_REQUEST', 'The address is not valid');
  const e = err as { type?: string; status?: number; statusCode?: number; limit?: number };
  switch (e.type) {
    case 'entity.too.large':
      return new AppError('PAYLOAD_TOO_LARGE', 'The request body is too large', { limitBytes: e.limit });
    case 'entity.parse.failed':
      return new AppError('VALIDATION', 'The request body is not valid JSON', { issues: [{ path: 'body', message: 'is not valid JSON' }] });
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', 'The request encoding is not supported');
    default:
      return undefined;
  }
}

export function errorMiddleware(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const requestId = String(req.id ?? '');
    const appError = isAppError(err) ? err : fromFrameworkError(err);
    if (!appError) {
      // Log the error type and stack for operators; never echo the message to the client.
      logger.error({ err, requestId }, 'unhandled error');
      if (res.locals.htmlErrors)
        return void res
          .status(500)
          .type('html')
          .send(errorPage('Something went wrong', `Please try again later (reference ${requestId}).`));
      const body: ErrorBody = { error: { code: 'INTERNAL', message: 'Something went wrong', requestId } };
      res.status(500).json(body);
      return;
    }
    const { retryAfterSeconds, ...details } = appError.details;
    // Every field problem is sent as a sentence with the field's label; the path stays for programs.
    if (Array.isArray(details.issues)) details.issues = (details.issues as FieldIssue[]).map((i) => ({ ...i, message: validationSentence(i.path, i.message) }));
    if (retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(Math.max(1, Math.ceil(retryAfterSeconds))));
    if (res.locals.htmlErrors) {
      const wait = retryAfterSeconds !== undefined ? ` Please try again in ${Math.max(1, Math.ceil(retryAfterSeconds / 60))} minute(s).` : '';
      res
        .status(appError.status)
        .type('html')
        .send(
          errorPage(
            appError.code === 'VALIDATION' ? 'Something is missing' : 'This did not work',
            `${appError.code === 'VALIDATION' ? 'The form was not complete: please go back and fill it in.' : appError.message}${wait}`,
          ),
        );
      return;
    }
    const body: ErrorBody = {
      error: {
        code: appError.code,
        message: appError.message,
        requestId,
        ...(Object.keys(appError.details).length ? { details: { ...details, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) } } : {}),
      },
    };
    res.status(appError.status).json(body);
  };
}

function errorPage(title: string, message: string): string {
  return page(title, html`<h1>${title}</h1><p>${message}</p>`);
}

/**
 * A path that is not valid percent-encoding (`/s/%ff%fe`) cannot name anything: 400 before any
 * router, static file handler or page tries to decode it (each would fail in its own way, and
 * the router's URIError used to end as a 500). API paths get JSON, every other path a page.
 */
export const rejectMalformedPaths: RequestHandler = (req, res, next) => {
  try {
    decodeURIComponent(req.path);
    next();
  } catch {
    if (!req.path.startsWith('/api/')) res.locals.htmlErrors = true;
    next(new AppError('BAD_REQUEST', 'The address is not valid'));
  }
};

/** Unknown /api paths answer a JSON 404 instead of falling through to the web app. */
export const apiNotFound: RequestHandler = (_req, _res, next) => next(new AppError('NOT_FOUND', 'No such endpoint'));

/** The last handler: whatever nothing else answered (the web app's pages included) is a 404. */
export const notFound: RequestHandler = (_req, _res, next) => next(new AppError('NOT_FOUND', 'Not found'));
