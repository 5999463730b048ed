import { describe, expect, it } from 'vitest';
import { checkReadiness, type ReadinessDeps } from './service.ts';

const healthy: Omit<ReadinessDeps, 'userState'> = {
  pingDatabase: async () => {},
  databaseMode: 'postgres',
  pingQueue: async () => {},
  queueKind: 'bullmq',
  chromiumPath: '/usr/bin/chromium',
  llmMode: 'offline',
};

describe('checkReadiness', () => {
  it('is ready when everything answers', async () => {
    expect((await checkReadiness(healthy)).status).toBe('ready');
  });

  it('is unavailable when the database or the queue does not answer', async () => {
    const db = await checkReadiness({ ...healthy, pingDatabase: async () => Promise.reject(new Error('ECONNREFUSED')) });
    expect(db.status).toBe('unavailable');
    expect(db.checks.database).toEqual({ ok: false, detail: 'unreachable: ECONNREFUSED' });
    const queue = await checkReadiness({ ...healthy, pingQueue: () => new Promise(() => {}) });
    expect(queue.status).toBe('unavailable');
    expect(queue.checks.queue.detail).toBe('unreachable: timed out');
  });

  it('is degraded without a browser: PDFs cannot be rendered but the rest works', async () => {
    const result = await checkReadiness({ ...healthy, chromiumPath: undefined });
    expect(result.status).toBe('degraded');
    expect(result.checks.browser.ok).toBe(false);
  });
});
