import fs from 'node:fs';
import path from 'node:path';

/**
 * The repository's root folder (the one with package.json). Files read at run time (prompts/,
 * web/dist, test/fixtures, package.json) are found from here rather than relative to the
 * reading module, because the same module runs from server/ under tsx and from a bundle chunk
 * in dist/ once compiled (scripts/build.js), at a different depth.
 */
function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json in ${from} or any folder above it`);
  }
}

export const ROOT_DIR = findRoot(import.meta.dirname);

/** The built web app (`npm run build`), served by the API when present. */
export const WEB_DIST_DIR = path.join(ROOT_DIR, 'web', 'dist');
