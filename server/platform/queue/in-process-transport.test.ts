import { describe, expect, it } from 'vitest';
import { createInProcessTransport } from './in-process-transport.ts';

describe('the in-process transport', () => {
  it('does not run a job whose delay is longer than a timer can hold (it would fire at once); the sweeper dispatches it when due', async () => {
    const transport = createInProcessTransport();
    const delivered: string[] = [];
    await transport.consume([{ name: 'late', concurrency: 1 }], async (m) => void delivered.push(m.jobId));
    await transport.dispatch({ name: 'late', jobId: 'thirty-days', attempt: 1 }, 30 * 86_400_000);
    await transport.dispatch({ name: 'late', jobId: 'soon', attempt: 1 }, 5);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(delivered).toEqual(['soon']);
    // When due, the sweeper's dispatch (delay 0) is not mistaken for a duplicate.
    await transport.dispatch({ name: 'late', jobId: 'thirty-days', attempt: 1 }, 0);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(delivered).toEqual(['soon', 'thirty-days']);
    await transport.close();
  });
});
