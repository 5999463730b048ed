import type { Logger } from './logger.ts';

/**
 * What a process does with an error nobody caught (docs/ARCHITECTURE.md, Failure policy).
 *
 * - A rejected promise nobody awaited is a missing `catch`, not corrupted state: log it and keep
 *   serving. Requests are unaffected (Express 5 answers a failed handler with a 500 itself).
 * - An exception thrown outside any request (an 'error' event with no listener, a throw in a
 *   timer) may have left a connection, a transaction or a stream half-done: log it, stop taking
 *   work, close what can be closed within a few seconds, and exit 1 so the supervisor (the
 *   `npm start` supervisor, or Docker's restart policy) starts a clean process.
 *
 * The log line names the error's type and where it was thrown, never its message: messages of
 * errors from drivers and libraries can quote the data they failed on.
 */
const STOP_WITHIN_MS = 10_000;

export function describeUncaught(err: unknown): { type: string; code?: string; frames: string[] } {
  if (!(err instanceof Error)) return { type: typeof err, frames: [] };
  const code = (err as { code?: unknown }).code;
  const frames = (err.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 8)
    .map((line) => line.trim());
  return { type: err.name, ...(typeof code === 'string' ? { code } : {}), frames };
}

export function guardProcess(logger: Logger, stop: () => Promise<void>, exit: (code: number) => void = (code) => process.exit(code)): void {
  process.on('unhandledRejection', (reason) => {
    logger.error({ error: describeUncaught(reason) }, 'unhandled promise rejection; still serving');
  });
  let stopping = false;
  process.on('uncaughtException', (err) => {
    logger.fatal({ error: describeUncaught(err) }, 'uncaught exception; stopping so a clean process can take over');
    if (stopping) return;
    stopping = true;
    setTimeout(() => exit(1), STOP_WITHIN_MS).unref();
    stop()
      .catch(() => undefined)
      .finally(() => exit(1));
  });
}
