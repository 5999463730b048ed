/**
 * Redaction throughput: our redactor (server/ai/redaction) against redact-pii's SyncRedactor on
 * the same synthetic clinical corpus (bench/clinical-corpus.ts), message by message, as chat
 * messages and CV sections are redacted in the app. Each side first redacts the whole corpus once
 * unmeasured, so the figures compare steady state, not module loading or JIT start-up; the best
 * round counts, as the least disturbed on shared CPUs. Ends with one summary line.
 *   npm run bench:redact [-- --mb 3 --rounds 3]
 */
import { parseArgs } from 'node:util';
import { SyncRedactor } from 'redact-pii';
import { redact } from '../server/ai/redaction/index.ts';
import { clinicalCorpus } from './clinical-corpus.ts';

const { values } = parseArgs({
  options: {
    mb: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '3' },
  },
});
const messages = clinicalCorpus(Number(values.mb) * 1024 * 1024).split('\n');
const megabytes = messages.reduce((total, m) => total + Buffer.byteLength(m), 0) / (1024 * 1024);
const rounds = Math.max(1, Number(values.rounds));
console.log(`bench:redact: ${messages.length} messages, ${megabytes.toFixed(2)} MB, best of ${rounds} rounds`);

/** Best throughput over the rounds, in MB/s. */
function throughput(label: string, redactOne: (text: string) => unknown): number {
  for (const message of messages) redactOne(message);
  let best = 0;
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    for (const message of messages) redactOne(message);
    const seconds = (performance.now() - started) / 1000;
    best = Math.max(best, megabytes / seconds);
    console.log(`  ${label.padEnd(10)} round ${round + 1}: ${(megabytes / seconds).toFixed(2)} MB/s`);
  }
  return best;
}

const ours = throughput('medfolio', (text) => redact(text));
const redactor = new SyncRedactor();
const theirs = throughput('redact-pii', (text) => redactor.redact(text));
console.log(`redact: medfolio ${ours.toFixed(2)} MB/s, redact-pii ${theirs.toFixed(2)} MB/s, ratio ${(ours / theirs).toFixed(2)}`);
