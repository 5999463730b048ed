import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Structured logs only. Never pass request bodies, message text or personal data to a log
 * call: log ids, counts and codes. The redact list is a safety net, not the policy.
 */
export function createLogger(options: { level: string; name?: string; destination?: DestinationStream }): Logger {
  return pino(
    {
      name: options.name ?? 'medfolio',
      level: options.level,
      base: undefined,
      redact: {
        paths: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]', '*.password', '*.token', '*.email'],
        censor: '[redacted]',
      },
    },
    options.destination,
  );
}

/** Long opaque path segments are tokens (share links, verification links): never log them. */
export function redactUrl(url: string): string {
  const pathOnly = url.split('?')[0] ?? '';
  return pathOnly.replace(/\/[A-Za-z0-9_-]{20,}(?=\/|$)/g, '/:token');
}
