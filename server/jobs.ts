import type { AnyJobDefinition, JobHandlers } from './platform/queue/job.ts';

/**
 * Every background job the product defines, from server/domains/*\/jobs.ts. The API enqueues
 * them; workers (or the in-process runner) execute them with the handlers bound below.
 */
export const jobDefinitions: AnyJobDefinition[] = [];

// eslint-disable-next-line @typescript-eslint/no-unused-vars
export function createJobHandlers(_deps: Record<string, never>): JobHandlers {
  return {};
}
