/**
 * How a job id travels from the enqueuer to a worker. The `jobs` row is the truth; a message
 * only says "row X of job N may be ready for try K". Delivering one twice, late or never is
 * safe: claiming the row is conditional, and the sweeper re-dispatches rows left waiting.
 */
export interface JobMessage {
  name: string;
  jobId: string;
  attempt: number;
}

export interface JobTransport {
  readonly kind: 'bullmq' | 'in-process';
  /** Idempotent for the same (jobId, attempt) while that message is still pending. */
  dispatch(message: JobMessage, delayMs: number): Promise<void>;
  consume(jobs: Array<{ name: string; concurrency: number }>, onMessage: (message: JobMessage) => Promise<void>): Promise<void>;
  ping(): Promise<void>;
  /** Stops taking messages and waits for the ones being handled. */
  close(): Promise<void>;
}
