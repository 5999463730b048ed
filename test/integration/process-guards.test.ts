import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const fixture = (name: string) => path.resolve(import.meta.dirname, '../fixtures/processes', name);
const node = (script: string, ...args: string[]) =>
  run(process.execPath, ['--import', 'tsx/esm', fixture(script), ...args], { env: { PATH: process.env.PATH ?? '' } }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );

describe('a failure nobody caught', () => {
  it('an unhandled rejection is logged and the process keeps serving; an uncaught exception stops it cleanly with exit 1', async () => {
    const { code, stdout } = await node('throws-later.ts');
    expect(code).toBe(1);
    expect(stdout).toContain('unhandled promise rejection; still serving');
    expect(stdout).toContain('STILL SERVING');
    expect(stdout).toContain('uncaught exception; stopping');
    expect(stdout).toContain('STOPPED');
    // Where it happened, never what the message said.
    expect(stdout).toContain('throws-later.ts');
    expect(stdout).not.toContain('Canary');
  });

  it('the npm start supervisor restarts a crashed API and stops when it exits cleanly', async () => {
    const marker = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'medfolio-supervise-')), 'crashed');
    const { code, stdout, stderr } = await node('supervisor.ts', marker);
    expect(code).toBe(0);
    expect(stderr).toContain('the API stopped unexpectedly; restarting');
    expect(stdout).toContain('SECOND RUN');
  });
});
