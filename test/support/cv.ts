import { expect } from 'vitest';
import type { TestClient } from './client.ts';
import { waitFor } from './wait.ts';

/** Asks for a CV and waits until it is rendered (or failed). */
export async function generateCv(client: TestClient, jobDescription: string, template?: 'full' | 'locum') {
  const accepted = await client.post('/api/cvs', { jobDescription, ...(template ? { template } : {}) });
  expect(accepted.status).toBe(202);
  return waitFor(
    'CV rendered',
    async () => {
      const res = await client.get(`/api/cvs/${accepted.body.id}`);
      return res.body.status === 'done' || res.body.status === 'failed' ? res.body : undefined;
    },
    60_000,
  );
}
