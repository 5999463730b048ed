import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import path from 'node:path';
import type { Logger } from './logger.ts';

const execFileAsync = promisify(execFile);

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * `npm start` on a fresh clone builds the web app once (and again when its sources change),
 * so the two-command quick start serves the UI without a separate build step.
 */
export async function ensureWebBuild(webDir: string, logger: Logger): Promise<string> {
  const distDir = path.join(webDir, 'dist');
  const indexHtml = path.join(distDir, 'index.html');
  const sourcesMtime = Math.max(newestMtime(path.join(webDir, 'src')), fs.statSync(path.join(webDir, 'index.html')).mtimeMs);
  const builtMtime = fs.existsSync(indexHtml) ? fs.statSync(indexHtml).mtimeMs : 0;
  if (builtMtime >= sourcesMtime) return distDir;
  let viteBin: string;
  try {
    viteBin = path.join(path.dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  } catch {
    logger.warn('web app is not built and Vite is not installed (npm install); serving the API only');
    return distDir;
  }
  const started = Date.now();
  logger.info('building the web app (first start or changed sources)');
  // In a child process: Vite sets process.env.NODE_ENV=production for a build, and in this
  // process that made React load its production server renderer beside the development JSX
  // runtime, so rendering an email failed ("dispatcher.getOwner is not a function").
  await execFileAsync(process.execPath, [viteBin, 'build', '--config', path.join(webDir, 'vite.config.ts'), '--logLevel', 'warn'], { cwd: webDir });
  logger.info({ ms: Date.now() - started }, 'web app built');
  return distDir;
}
