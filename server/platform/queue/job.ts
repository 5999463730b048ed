import type { z } from 'zod';
import type { Logger } from '../logger.ts';

/**
 * A job is declared once: its name, the zod schema of its payload and its retry policy.
 * Payloads carry ids, never personal data: they are stored in the `jobs` table and in Redis.
 * Handlers are bound separately (see `JobHandlers`) so that code which only enqueues does not
 * pull in the handler's dependencies, and so a worker can refuse to start when one is missing.
 */
export interface JobDefinition<P> {
  name: string;
  payload: z.ZodType<P>;
  /** Total tries, including the first. */
  attempts: number;
  /** Delay before try n+1 is `delayMs * 2^(n-1)` (exponential) or `delayMs` (fixed). */
  backoff: { type: 'exponential' | 'fixed'; delayMs: number };
  /** At most one queued row per key: enqueueing again while one waits is a no-op. */
  dedupeKey?: (payload: P) => string;
  /** How many of this job one worker process runs at once. */
  concurrency?: number;
}

export interface JobContext {
  jobId: string;
  attempt: number;
  logger: Logger;
}

export type JobHandler<P> = (payload: P, ctx: JobContext) => Promise<void>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyJobDefinition = JobDefinition<any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type JobHandlers = Record<string, JobHandler<any>>;

export function defineJob<P>(definition: JobDefinition<P>): JobDefinition<P> {
  if (!/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/.test(definition.name)) {
    throw new Error(`Job name "${definition.name}" must look like "domain.action"`);
  }
  if (definition.attempts < 1) throw new Error(`Job ${definition.name} needs at least one attempt`);
  return definition;
}

/** The one retry rule, used by every transport. `attemptsMade` counts tries so far (>= 1). */
export function backoffDelayMs(backoff: JobDefinition<unknown>['backoff'], attemptsMade: number): number {
  if (backoff.type === 'fixed') return backoff.delayMs;
  return backoff.delayMs * 2 ** Math.max(0, attemptsMade - 1);
}

/** Binds handlers to definitions, refusing to start when any definition has none. */
export function assertEveryJobHasHandler(definitions: AnyJobDefinition[], handlers: JobHandlers): void {
  const missing = definitions.filter((d) => typeof handlers[d.name] !== 'function').map((d) => d.name);
  if (missing.length) throw new Error(`No handler for job(s): ${missing.join(', ')}`);
  const names = new Set(definitions.map((d) => d.name));
  if (names.size !== definitions.length) throw new Error('Two job definitions share a name');
}
