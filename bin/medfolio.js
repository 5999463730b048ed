#!/usr/bin/env node
// @ts-check
// Entry point for `npx medfolio`: runs the compiled CLI (dist/cli/main.js). When the sources
// changed since the last build, or nothing is built yet (a fresh clone), it compiles the
// server part first (scripts/build.js; about a second, once). Without the build tools (an
// install without dev dependencies and no dist/), it runs the TypeScript sources through tsx
// instead, and says so: that works, only more slowly.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBuilt, ROOT } from '../scripts/build.js';

const compiled = path.join(ROOT, 'dist/cli/main.js');
let useSources = false;
try {
  await ensureBuilt(['server']);
} catch (err) {
  const code = /** @type {NodeJS.ErrnoException} */ (err).code;
  if (code !== 'ERR_MODULE_NOT_FOUND') throw err;
  process.stderr.write('medfolio: no up-to-date build and no esbuild to make one (run `npm install`, then `npm run build`); running the TypeScript sources through tsx, which starts more slowly\n');
  useSources = true;
}

if (useSources) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(path.join(ROOT, 'server/cli/main.ts')).href);
} else {
  // Stack traces name the TypeScript sources (dist/ has linked source maps).
  process.setSourceMapsEnabled(true);
  await import(pathToFileURL(compiled).href);
}
