/**
 * The assistant's own overhead before the first token of an LLM answer: quota, the record,
 * redaction and pseudonyms, the conversation log, the prompt. Measured from the socket message
 * to the first streamed token, against the fake OpenAI-compatible server answering at once, so
 * what is left is ours (plus a loopback HTTP round trip). Uses DATABASE_URL when set, otherwise
 * the embedded database. Goal (issue 16): p50 <= 15 ms.
 *   npm run bench:chat [-- --messages 200]
 */
import { parseArgs } from 'node:util';
import { openBenchDatabase } from './bench-database.ts';

const database = await openBenchDatabase('chat');
const { startTestApp } = await import('../test/support/app.ts');
const { signUp } = await import('../test/support/accounts.ts');
const { assistantSocket } = await import('../test/support/assistant.ts');
const { persona } = await import('../test/support/fixtures.ts');
const { startFakeOpenAI } = await import('../test/fakes/openai-server.ts');

const { values } = parseArgs({ options: { messages: { type: 'string', default: '200' } } });
const MESSAGES = Math.max(10, Number(values.messages));
// A clinician may send 30 messages a minute (and 50 a month on the free plan): spread the run
// over several clinicians.
const PER_USER = 25;
const WARM_UP = 5;

const fake = await startFakeOpenAI();
const app = await startTestApp({
  LLM_BASE_URL: fake.url,
  LLM_MODEL: 'fake-model',
  LLM_API_KEY: 'bench',
  ...database.env,
});
const question = 'Which of my courses expire before March, and what should I renew first?';
const latencies: number[] = [];
try {
  for (let done = 0; done < MESSAGES + WARM_UP;) {
    const owner = await signUp(app);
    await owner.client.post('/api/import/json-resume', persona('icu-nurse-band6.json'));
    const socket = await assistantSocket(app, owner.client);
    let conversationId: string | undefined;
    for (let i = 0; i < PER_USER && done < MESSAGES + WARM_UP; i++, done++) {
      const ms = await new Promise<number>((resolve, reject) => {
        const started = performance.now();
        let first: number | undefined;
        socket.once('token', () => (first = performance.now() - started));
        socket.once('conversation', (e: { conversationId: string }) => (conversationId ??= e.conversationId));
        socket.once('done', (e: { conversationId?: string }) => {
          conversationId ??= e?.conversationId;
          socket.off('error');
          if (first === undefined) reject(new Error('no token before done'));
          else resolve(first);
        });
        socket.once('error', (e) => reject(new Error(`chat failed: ${JSON.stringify(e)}`)));
        socket.emit('message', { ...(conversationId ? { conversationId } : {}), text: question });
      });
      if (done >= WARM_UP) latencies.push(ms);
    }
    socket.disconnect();
  }
} finally {
  await app.close();
  await fake.close();
  await database.drop();
}
const sorted = [...latencies].sort((a, b) => a - b);
const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
console.log(`chat: ${latencies.length} messages on ${database.label}, time to first token p50 ${at(0.5).toFixed(1)} ms, p90 ${at(0.9).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms`);
