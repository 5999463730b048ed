import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm start`: runs the API (server/main.ts) in a child process and starts a new one when it
 * dies of an error, so one bad input can cost a request, never the service. Docker deployments
 * get the same from `restart: unless-stopped`; this is the embedded default's supervisor.
 *
 * A child that exits 0 (a clean stop) is not restarted; SIGINT/SIGTERM are passed on and the
 * supervisor exits with the child's code. Restarts back off (1 s, 2 s, 4 s ... 30 s), and five
 * crashes within a minute stop the supervisor: that is a fault to fix, not to retry forever.
 */
const CRASH_WINDOW_MS = 60_000;
const MAX_CRASHES_IN_WINDOW = 5;

const say = (msg: string, fields: Record<string, unknown> = {}) => process.stderr.write(`${JSON.stringify({ level: 'warn', time: Date.now(), name: 'supervisor', ...fields, msg })}\n`);

export function supervise(entry: string, options: { firstDelayMs?: number } = {}): void {
  const firstDelayMs = options.firstDelayMs ?? 1000;
  const crashes: number[] = [];
  let child: ChildProcess | undefined;
  let stopping = false;

  const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
    if (stopping || code === 0) process.exit(code ?? 0);
    const now = Date.now();
    crashes.push(now);
    while (crashes.length && crashes[0]! < now - CRASH_WINDOW_MS) crashes.shift();
    if (crashes.length >= MAX_CRASHES_IN_WINDOW) {
      say('the API keeps crashing; giving up', { crashes: crashes.length, windowSeconds: CRASH_WINDOW_MS / 1000 });
      process.exit(1);
    }
    const delay = Math.min(30_000, firstDelayMs * 2 ** (crashes.length - 1));
    say('the API stopped unexpectedly; restarting', { code, signal, restartInMs: delay });
    setTimeout(start, delay);
  };
  const start = () => {
    child = fork(entry, process.argv.slice(2), { stdio: 'inherit', execArgv: process.execArgv });
    child.on('exit', onExit);
  };

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      stopping = true;
      if (!child || child.exitCode !== null) process.exit(0);
      child.kill(signal);
    });
  }
  start();
}

// Run directly (`npm start`): supervise the API entry beside this file (.ts, or .js when compiled).
const here = fileURLToPath(import.meta.url);
if (process.argv[1] && path.resolve(process.argv[1]) === here) supervise(path.join(path.dirname(here), `main${path.extname(here)}`));
