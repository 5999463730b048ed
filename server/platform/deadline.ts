/**
 * Bounds on how long a caller waits for a dependency (docs/ARCHITECTURE.md, Failure policy).
 */

export class DeadlineError extends Error {
  override name = 'DeadlineError';
  constructor(what: string, ms: number) {
    super(`${what} did not answer within ${ms} ms`);
  }
}

/**
 * Resolves or rejects as `promise` does, or rejects with a DeadlineError after `ms`. The promise
 * is left to settle on its own (its rejection is swallowed), so it must be safe to abandon.
 */
export async function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  promise.catch(() => undefined);
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(what, ms)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Remembers that a dependency failed, so that for `retryAfterMs` callers go straight to their
 * fallback instead of each waiting on it in turn; the first call after that tries it again.
 */
export function createCircuit(retryAfterMs: number) {
  let openUntil = 0;
  let failing = false;
  return {
    /** True while callers should not try the dependency. */
    isOpen: () => Date.now() < openUntil,
    /** Records a failure; returns true when this starts an outage (the moment to log it, once). */
    trip(): boolean {
      openUntil = Date.now() + retryAfterMs;
      const starting = !failing;
      failing = true;
      return starting;
    },
    /** Records a success; returns true when this ends an outage. */
    succeeded(): boolean {
      const recovered = failing;
      failing = false;
      return recovered;
    },
  };
}
