/**
 * Memory while documents upload (issue 16): N clinicians' uploads of 9.5 MB arrive at once and
 * are encrypted into storage as they stream, so the API's memory should grow by a few chunks per
 * upload, not by the files' size. The client runs in a process of its own; the figure is the
 * API process's resident memory, sampled every 10 ms, above where it stood before. Uses
 * DATABASE_URL when set (a database of its own), otherwise the embedded database, whose memory
 * then counts too.
 *   npm run bench:upload [-- --uploads 20]
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openBenchDatabase } from './bench-database.ts';

const database = await openBenchDatabase('upload');
const { startTestApp } = await import('../test/support/app.ts');
const { signUp } = await import('../test/support/accounts.ts');

const { values } = parseArgs({ options: { uploads: { type: 'string', default: '20' } } });
const UPLOADS = Math.max(1, Number(values.uploads));
const FILE_BYTES = Math.round(9.5 * 1024 * 1024);

const app = await startTestApp({ TRUST_PROXY: 'true', ...database.env });
try {
  const owner = await signUp(app);
  const csrf = (await owner.client.get('/api/auth/csrf')).body.csrfToken as string;
  const before = process.memoryUsage.rss();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  const started = performance.now();
  const output = await new Promise<string>((resolve, reject) => {
    const client = spawn(process.execPath, [fileURLToPath(new URL('./upload-client.mjs', import.meta.url))], {
      env: { ...process.env, UPLOAD_URL: app.url('/api/documents'), COOKIE: owner.client.cookieHeader(), CSRF: csrf, ORIGIN: owner.client.origin, N: String(UPLOADS), SIZE: String(FILE_BYTES) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    client.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    client.on('error', reject);
    client.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`the upload client exited with ${code}`))));
  });
  clearInterval(sampler);
  const statuses = JSON.parse(output) as number[];
  if (statuses.some((s) => s !== 201)) throw new Error(`uploads answered ${statuses.join(', ')}`);
  const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
  console.log(
    `upload: ${UPLOADS} concurrent uploads of ${(FILE_BYTES / 1024 / 1024).toFixed(1)} MB stored in ${((performance.now() - started) / 1000).toFixed(1)} s, peak RSS ${mb(peak)} MB (${mb(peak - before)} MB above the ${mb(before)} MB before)`,
  );
} finally {
  await app.close();
  await database.drop();
}
