import type { Readiness } from './schema.ts';

export interface ReadinessDeps {
  pingDatabase(): Promise<void>;
  databaseMode: 'postgres' | 'embedded';
  pingQueue(): Promise<void>;
  queueKind: 'bullmq' | 'in-process';
  chromiumPath: string | undefined;
  llmMode: 'openai' | 'compatible' | 'offline';
  /** The signed-in user's own processing state, when the request carries a session. */
  userState(userId: string): Promise<NonNullable<Readiness['you']>>;
}

const CHECK_TIMEOUT_MS = 2000;

async function probe(fn: () => Promise<void>): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS);
      }),
    ]);
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : 'failed';
  } finally {
    clearTimeout(timer);
  }
}

/** The database and the queue are required; a missing browser only disables PDF rendering. */
export async function checkReadiness(deps: Omit<ReadinessDeps, 'userState'>): Promise<Omit<Readiness, 'you'>> {
  const [dbError, queueError] = await Promise.all([probe(deps.pingDatabase), probe(deps.pingQueue)]);
  const checks: Readiness['checks'] = {
    database: {
      ok: !dbError,
      detail: dbError ? `unreachable: ${dbError}` : deps.databaseMode === 'embedded' ? 'embedded PGlite with pgvector' : 'PostgreSQL',
    },
    queue: {
      ok: !queueError,
      detail: queueError ? `unreachable: ${queueError}` : deps.queueKind === 'bullmq' ? 'BullMQ on Redis' : 'in-process jobs',
    },
    browser: { ok: Boolean(deps.chromiumPath), detail: deps.chromiumPath ?? 'no Chromium found; PDF rendering is unavailable' },
    llm: {
      ok: true,
      mode: deps.llmMode,
      detail: deps.llmMode === 'offline' ? 'offline composer (no LLM configured)' : `${deps.llmMode} provider`,
    },
  };
  const status = !checks.database.ok || !checks.queue.ok ? 'unavailable' : checks.browser.ok ? 'ready' : 'degraded';
  return { status, checks };
}
