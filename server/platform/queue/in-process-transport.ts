import type { JobMessage, JobTransport } from './transport.ts';

/** setTimeout's largest delay: 2^31 - 1 ms. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The embedded default: messages travel through memory inside the API process. Durability
 * comes from the `jobs` table: after a restart the sweeper re-dispatches every waiting row.
 */
export function createInProcessTransport(): JobTransport {
  const pendingKeys = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  const lanes = new Map<string, { concurrency: number; active: number; waiting: JobMessage[] }>();
  const inFlight = new Set<Promise<void>>();
  let handler: ((message: JobMessage) => Promise<void>) | undefined;
  let closed = false;
  const parked: JobMessage[] = [];

  const keyOf = (m: JobMessage) => `${m.jobId}#${m.attempt}`;

  function pump(name: string) {
    const lane = lanes.get(name);
    if (!lane || !handler || closed) return;
    while (lane.active < lane.concurrency && lane.waiting.length) {
      const message = lane.waiting.shift()!;
      pendingKeys.delete(keyOf(message));
      lane.active++;
      const run = handler(message)
        .catch(() => {}) // the executor records failures; nothing may escape here
        .finally(() => {
          lane.active--;
          inFlight.delete(run);
          pump(name);
        });
      inFlight.add(run);
    }
  }

  function deliver(message: JobMessage) {
    const lane = lanes.get(message.name);
    if (!lane) {
      parked.push(message);
      return;
    }
    lane.waiting.push(message);
    pump(message.name);
  }

  return {
    kind: 'in-process',
    async dispatch(message, delayMs) {
      if (closed || pendingKeys.has(keyOf(message))) return;
      // Node's timers hold at most ~24.8 days (a longer delay would fire at once). Such a job
      // (an erasure after its grace period) stays queued in Postgres; the sweeper dispatches
      // it once it is due.
      if (delayMs > MAX_TIMER_MS) return;
      pendingKeys.add(keyOf(message));
      if (delayMs <= 0) {
        deliver(message);
        return;
      }
      const timer = setTimeout(() => {
        timers.delete(timer);
        deliver(message);
      }, delayMs);
      timer.unref();
      timers.add(timer);
    },
    async consume(jobs, onMessage) {
      handler = onMessage;
      for (const job of jobs) lanes.set(job.name, { concurrency: job.concurrency, active: 0, waiting: [] });
      for (const message of parked.splice(0)) deliver(message);
    },
    async ping() {},
    async close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.all(inFlight);
    },
  };
}
