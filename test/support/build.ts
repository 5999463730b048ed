import { execFileSync } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * Builds what is stale (scripts/build.js --if-stale): the compiled server the CLI and start
 * tests run, and the web app the end-to-end and start tests serve. In a child process, because
 * Vite sets NODE_ENV=production in the process that builds.
 */
export function buildIfStale(): void {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.js'), '--if-stale'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
}
