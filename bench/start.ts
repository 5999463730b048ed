/**
 * The first run as a new user meets it, measured on a clone of this repository's HEAD (committed
 * files only) in a temporary directory with nothing beside it:
 *   1. `npm start` on a fresh DATA_DIR with nothing built, timed from launch to the first 200
 *      from /api/health, with its phases: the build (server part and web app), loading the
 *      compiled modules, the embedded database (PGlite's initdb and the migrations), listening;
 *   2. the same again, built and with the database in place (an everyday start);
 *   3. the first page load in Chromium as a new visitor: JavaScript bytes on the wire (as
 *      compressed) and decoded, then the reload (hashed assets come from the browser's cache);
 *   4. `npx medfolio --help`: the first run after a change (builds the server part) and then
 *      the median of ten runs.
 * Dependencies: `--npm-ci` runs `npm ci` in the clone as a user would (not timed, about a
 * minute here); by default the clone gets a hard-linked copy of this checkout's node_modules.
 *   npm run bench:start [-- --npm-ci] [--runs 10]
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { freePort } from '../test/support/ports.ts';

const { values } = parseArgs({ options: { 'npm-ci': { type: 'boolean' }, runs: { type: 'string', default: '10' } } });
const ROOT = path.resolve(import.meta.dirname, '..');
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'medfolio-bench-start-'));
const clone = path.join(workDir, 'medfolio');
const dataDir = path.join(workDir, 'data');
execFileSync('git', ['clone', '-q', ROOT, clone]);
if (values['npm-ci']) execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: clone, stdio: 'ignore' });
// Hard links: no copying, and the relative links (node_modules/.bin/medfolio -> ../bin) point into the clone.
else execFileSync('cp', ['-al', path.join(ROOT, 'node_modules'), path.join(clone, 'node_modules')]);
const port = await freePort();
const origin = `http://localhost:${port}`;
// Only what a new user has: no service variables, a fresh data folder.
const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: String(port), DATA_DIR: dataDir, CHROMIUM_PATH: chromiumPath };

interface Started {
  stop(): Promise<void>;
  healthyMs: number;
  /** When each log line arrived, ms after launch. */
  lines: Array<{ at: number; text: string }>;
}

async function start(): Promise<Started> {
  const launched = performance.now();
  const child = spawn('npm', ['start'], { cwd: clone, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Started['lines'] = [];
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream.on('data', (chunk: Buffer) => {
      const parts = (rest + chunk.toString()).split('\n');
      rest = parts.pop() ?? '';
      for (const text of parts) lines.push({ at: performance.now() - launched, text });
    });
  }
  const deadline = launched + 180_000;
  for (;;) {
    if (performance.now() > deadline || child.exitCode !== null) throw new Error(`npm start did not become healthy:\n${lines.map((l) => l.text).join('\n')}`);
    const ok = await fetch(`${origin}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const healthyMs = performance.now() - launched;
  return {
    healthyMs,
    lines,
    stop: async () => {
      process.kill(-child.pid!, 'SIGTERM'); // npm, the shell, the supervisor and the API
      // Until every process of the group is gone (npm may exit before the API has stopped).
      for (;;) {
        try {
          process.kill(-child.pid!, 0);
        } catch {
          return;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}

/** ms after launch of the first log line matching `pattern`. */
const phase = (s: Started, pattern: RegExp) => s.lines.find((l) => pattern.test(l.text))?.at;

function describeStart(label: string, s: Started) {
  const built = Math.max(phase(s, /server, worker and CLI built/) ?? 0, phase(s, /web app built/) ?? 0);
  const starting = phase(s, /"msg":"starting Medfolio"/);
  const migrated = phase(s, /"msg":"migration applied"/) ?? phase(s, /"msg":"DATA_ENCRYPTION_KEY/);
  const listening = phase(s, /Medfolio is listening/);
  const buildTimes = s.lines.filter((l) => /built in/.test(l.text)).map((l) => l.text.replace('medfolio build: ', ''));
  console.log(`${label}: healthy after ${seconds(s.healthyMs)}`);
  if (buildTimes.length) console.log(`  build (parallel): ${buildTimes.join(', ')}; done at ${seconds(built)}`);
  if (starting !== undefined) console.log(`  API process up, compiled modules loaded: at ${seconds(starting)} (${seconds(starting - built)} after the build)`);
  if (starting !== undefined && migrated !== undefined) console.log(`  embedded database opened and migrated: at ${seconds(migrated)} (${seconds(migrated - starting)})`);
  if (listening !== undefined) console.log(`  listening: at ${seconds(listening)}; logged ${/"url":"([^"]+)"/.exec(s.lines.find((l) => /Medfolio is listening/.test(l.text))?.text ?? '')?.[1]}`);
}

console.log(
  `clone: ${clone} (${values['npm-ci'] ? 'npm ci' : 'node_modules hard-linked'}), load average ${os
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')}, ${os.cpus().length} CPUs`,
);
const first = await start();
describeStart('first start (nothing built, fresh DATA_DIR)', first);
await first.stop();
const second = await start();
describeStart('second start (built, database in place)', second);

// The first load of the app by a new visitor, then a reload.
interface Tally {
  files: number;
  wire: number;
  decoded: number;
  encodings: Set<string>;
}
const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox', '--disable-gpu'], headless: true });
async function loadScripts(action: (page: import('playwright-core').Page) => Promise<unknown>, page: import('playwright-core').Page): Promise<Tally> {
  const tally: Tally = { files: 0, wire: 0, decoded: 0, encodings: new Set() };
  const scripts: import('playwright-core').Request[] = [];
  const onFinished = (request: import('playwright-core').Request) => {
    if (request.resourceType() === 'script' || request.url().endsWith('.js')) scripts.push(request);
  };
  page.on('requestfinished', onFinished);
  await action(page);
  await page.waitForTimeout(300);
  page.off('requestfinished', onFinished);
  for (const request of scripts) {
    const response = await request.response();
    const sizes = await request.sizes();
    tally.files++;
    // 0 (or -1) when the browser answered from its cache without asking.
    tally.wire += Math.max(0, sizes.responseBodySize);
    // The decoded size: the file itself (the browser hands back decoded bodies).
    tally.decoded += (await response?.body().catch(() => undefined))?.length ?? 0;
    tally.encodings.add(response?.headers()['content-encoding'] ?? 'identity');
  }
  return tally;
}
let firstLoad: Tally;
let reload: Tally;
try {
  const page = await browser.newPage();
  // The app's first screen: `/` is the landing page, server-rendered with no script at all.
  firstLoad = await loadScripts((p) => p.goto(`${origin}/sign-in`, { waitUntil: 'networkidle' }), page);
  reload = await loadScripts((p) => p.reload({ waitUntil: 'networkidle' }), page);
} finally {
  await browser.close();
  await second.stop();
}
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
console.log(
  `first load of ${origin}/sign-in: ${firstLoad.files} JavaScript files, ${kb(firstLoad.wire)} on the wire (${[...firstLoad.encodings].join(', ')}), ${kb(firstLoad.decoded)} decoded; reload: ${kb(reload.wire)} of JavaScript on the wire`,
);

// The CLI as the README says to run it (npx), and node running its entry directly: the first
// run after a change builds the server part; later runs only check the build.
const timeCli = (command: string, args: string[]) => () => {
  const t = performance.now();
  const r = spawnSync(command, [...args, '--help'], { cwd: clone, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} --help exited ${r.status}: ${r.stderr}`);
  return performance.now() - t;
};
const npx = timeCli('npx', ['medfolio']);
const direct = timeCli(process.execPath, ['bin/medfolio.js']);
fs.rmSync(path.join(clone, 'dist/server.build.json'));
const cliFirst = npx();
const runs = Number(values.runs);
const npxRuns = Array.from({ length: runs }, npx).sort((a, b) => a - b);
const directRuns = Array.from({ length: runs }, direct).sort((a, b) => a - b);
const median = (xs: number[]) => xs[Math.floor(xs.length / 2)]!;
console.log(
  `npx medfolio --help: ${seconds(cliFirst)} when it had to build the server part first; then median ${median(npxRuns).toFixed(0)} ms, slowest ${npxRuns.at(-1)!.toFixed(0)} ms over ${runs} runs ` +
    `(node bin/medfolio.js --help: median ${median(directRuns).toFixed(0)} ms; the rest is npm's own start)`,
);

fs.rmSync(workDir, { recursive: true, force: true });
console.log(
  `start: first ${seconds(first.healthyMs)}, second ${seconds(second.healthyMs)}; first-load JS ${kb(firstLoad.wire)} on the wire (${kb(firstLoad.decoded)} decoded); npx medfolio --help median ${median(npxRuns).toFixed(0)} ms`,
);
