import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from './ports.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * A Medfolio entry point (`npm run worker`: workers/main.ts; the API: server/main.ts) as a real
 * child process, on the environment given: the test can kill it mid-job as an operator's machine
 * would lose it.
 */
export interface WorkerProcess {
  child: ChildProcess;
  output(): string;
  /** SIGKILL: no clean stop, no last heartbeat. */
  kill(): Promise<void>;
}

export interface ApiProcess extends WorkerProcess {
  /** Where it listens, e.g. http://127.0.0.1:41234. */
  url: string;
}

async function startEntry(entry: string, env: Record<string, string>, ready: RegExp): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const deadline = setTimeout(() => reject(new Error(`${entry} did not start: ${output.slice(-2000)}`)), 60_000);
    const poll = setInterval(() => {
      if (ready.test(output)) {
        clearInterval(poll);
        clearTimeout(deadline);
        resolve();
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(poll);
      clearTimeout(deadline);
      reject(new Error(`${entry} exited with ${code}: ${output.slice(-2000)}`));
    });
  });
  return {
    child,
    output: () => output,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

export function startWorkerProcess(env: Record<string, string>): Promise<WorkerProcess> {
  return startEntry('workers/main.ts', env, /"msg":"worker started"/);
}

/** The API on a free port of 127.0.0.1 (APP_ORIGIN is the caller's: several APIs share one). */
export async function startApiProcess(env: Record<string, string>): Promise<ApiProcess> {
  const port = await freePort();
  const started = await startEntry('server/main.ts', { HOST: '127.0.0.1', ...env, PORT: String(port) }, /Medfolio is listening/);
  return { ...started, url: `http://127.0.0.1:${port}` };
}
