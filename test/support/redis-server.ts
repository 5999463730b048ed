import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

/**
 * A private `redis-server` for a test that needs to break Redis: it runs in the foreground as a
 * child of the test process, on its own free port, without persistence, so the test can kill it
 * (an outage), freeze it (SIGSTOP: connected but silent) and start it again on the same port.
 */
export interface PrivateRedis {
  url: string;
  port: number;
  /** SIGKILL: the connection drops at once, as when the server or its host dies. */
  kill(): Promise<void>;
  /** SIGSTOP: the socket stays open and nothing answers, as in a network partition. */
  freeze(): void;
  thaw(): void;
  /** Starts a fresh server on the same port after `kill` (its data is gone). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function launch(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        child.stdout?.off('data', onData);
        // Keep draining, so a chatty server never blocks on a full pipe.
        child.stdout?.resume();
        resolve(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.resume();
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code} before it was ready: ${output.slice(-500)}`)));
  });
}

const exited = (child: ChildProcess) => (child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve())));

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined = await launch(port);
  const kill = async () => {
    if (!child) return;
    const dying = child;
    child = undefined;
    dying.kill('SIGCONT');
    dying.kill('SIGKILL');
    await exited(dying);
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    kill,
    freeze: () => void child?.kill('SIGSTOP'),
    thaw: () => void child?.kill('SIGCONT'),
    async restart() {
      await kill();
      child = await launch(port);
    },
    stop: kill,
  };
}
