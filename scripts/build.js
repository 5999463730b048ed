// @ts-check
/**
 * The production build (`npm run build`), in plain JavaScript so it runs before anything is
 * compiled:
 *
 * - server: the API, the supervisor, the worker and the CLI, bundled by esbuild from
 *   TypeScript into dist/ (ES modules, one file per entry plus shared chunks; npm packages stay
 *   in node_modules). esbuild strips types without checking them: `npm run typecheck` does that.
 *   Code splitting keeps each `await import()` its own chunk, so the CLI's `--help` loads none
 *   of the heavy modules.
 * - web: the React app, built by Vite into web/dist; every text asset is also written
 *   brotli- and gzip-compressed beside it, so the API serves them without compressing per request.
 *
 * Each part records the files it was built from and a SHA-256 of their contents in
 * dist/<part>.build.json. A part is stale when that record is missing or any of those files
 * changed, so `npm start`, `npm run worker` and `npx medfolio` rebuild only what changed (the
 * check reads about 300 files: a few milliseconds). Contents, not modification times: a fresh
 * checkout or a copied tree with the same sources is not rebuilt.
 *
 *   node scripts/build.js              build everything
 *   node scripts/build.js --if-stale   build only the stale parts (npm start, the test setup)
 *   node scripts/build.js server|web   one part
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

/** @typedef {'server' | 'web'} Part */
/** @typedef {{ root?: string, log?: (line: string) => void }} BuildOptions */

export const ROOT = path.resolve(import.meta.dirname, '..');
/** @type {Part[]} */
export const PARTS = ['server', 'web'];

/** Entry points of the server bundle: output name (under dist/) -> source. */
export const SERVER_ENTRIES = {
  'server/main': 'server/main.ts',
  'server/supervise': 'server/supervise.ts',
  'workers/main': 'workers/main.ts',
  'cli/main': 'server/cli/main.ts',
};
/** What the server build owns under dist/ (removed before each build; the web's record stays). */
const SERVER_OUTPUTS = ['server', 'workers', 'cli', 'chunks'];

/** Files every part depends on besides the sources the bundler reports. */
const COMMON_INPUTS = ['package.json', 'package-lock.json', 'tsconfig.json', 'scripts/build.js'];
/** @type {Record<Part, string[]>} */
const EXTRA_INPUTS = { server: COMMON_INPUTS, web: [...COMMON_INPUTS, 'web/index.html', 'web/vite.config.ts'] };
/** @type {Record<Part, string>} */
const LABELS = { server: 'server, worker and CLI', web: 'web app' };

/** Assets worth compressing; source maps are skipped (only developer tools fetch them). */
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|webmanifest)$/;
const COMPRESS_MIN_BYTES = 1024;

const LOCK_WAIT_MS = 10 * 60_000;
/** A lock older than this was left by a build that died (or a reused process id). */
const LOCK_STALE_MS = 10 * 60_000;

const defaultLog = (/** @type {string} */ line) => process.stderr.write(`${line}\n`);
const distDir = (/** @type {string} */ root) => path.join(root, 'dist');
const recordFile = (/** @type {string} */ root, /** @type {Part} */ part) => path.join(distDir(root), `${part}.build.json`);

/** SHA-256 over the paths and contents of `files` (relative to root); a missing file counts as such. */
function fingerprint(/** @type {string} */ root, /** @type {Iterable<string>} */ files) {
  const hash = createHash('sha256');
  for (const file of [...new Set(files)].sort()) {
    hash.update(`${file}\0`);
    try {
      hash.update(fs.readFileSync(path.join(root, file)));
    } catch {
      hash.update('\0missing');
    }
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** @returns {{ inputs: string[], hash: string } | undefined} */
function readRecord(/** @type {string} */ root, /** @type {Part} */ part) {
  try {
    return JSON.parse(fs.readFileSync(recordFile(root, part), 'utf8'));
  } catch {
    return undefined;
  }
}

/** The parts whose output is missing or was built from other sources than today's. */
export function staleParts(/** @type {Part[]} */ parts = PARTS, root = ROOT) {
  return parts.filter((part) => {
    const record = readRecord(root, part);
    return !record || fingerprint(root, record.inputs) !== record.hash;
  });
}

async function buildServer(/** @type {string} */ root) {
  const { build } = await import('esbuild');
  for (const dir of SERVER_OUTPUTS) fs.rmSync(path.join(distDir(root), dir), { recursive: true, force: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: SERVER_ENTRIES,
    outdir: distDir(root),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    packages: 'external',
    jsx: 'automatic',
    chunkNames: 'chunks/[name]-[hash]',
    // Stack traces point at the TypeScript (node --enable-source-maps); the sources sit beside dist/.
    sourcemap: 'linked',
    sourcesContent: false,
    metafile: true,
    logLevel: 'warning',
  });
  return Object.keys(result.metafile.inputs).filter((file) => !file.includes('node_modules/'));
}

async function buildWeb(/** @type {string} */ root) {
  // Vite keeps a NODE_ENV it finds (vitest's "test", say), and React then ships its
  // development build: a production build is always built for production.
  // eslint-disable-next-line no-restricted-properties -- the build tool, not the server: it sets what Vite reads
  process.env.NODE_ENV = 'production';
  const { build } = await import('vite');
  /** @type {Set<string>} */
  const modules = new Set();
  await build({
    configFile: path.join(root, 'web/vite.config.ts'),
    logLevel: 'warn',
    plugins: [
      {
        name: 'medfolio:record-inputs',
        buildEnd() {
          for (const id of this.getModuleIds()) modules.add(id);
        },
      },
    ],
  });
  await precompress(path.join(root, 'web/dist'));
  return [...modules]
    .filter((id) => path.isAbsolute(id) && !id.includes(`${path.sep}node_modules${path.sep}`))
    .map((id) => path.relative(root, id.split('?')[0] ?? id))
    .filter((file) => !file.startsWith('..'));
}

/** Writes FILE.br (brotli, best) and FILE.gz (gzip -9) beside each text asset, when smaller. */
export async function precompress(/** @type {string} */ dir) {
  const brotli = promisify(zlib.brotliCompress);
  const gzip = promisify(zlib.gzip);
  const files = /** @type {string[]} */ (fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })).filter((file) => COMPRESSIBLE.test(file));
  // zlib's asynchronous calls run on libuv's thread pool, so the files compress in parallel.
  await Promise.all(
    files.map(async (file) => {
      const full = path.join(dir, file);
      const data = await fs.promises.readFile(full);
      if (data.length < COMPRESS_MIN_BYTES) return;
      const [br, gz] = await Promise.all([
        brotli(data, {
          params: {
            [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
            [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
          },
        }),
        gzip(data, { level: zlib.constants.Z_BEST_COMPRESSION }),
      ]);
      if (br.length < data.length) await fs.promises.writeFile(`${full}.br`, br);
      if (gz.length < data.length) await fs.promises.writeFile(`${full}.gz`, gz);
    }),
  );
}

/** @type {Record<Part, (root: string) => Promise<string[]>>} */
const BUILDERS = { server: buildServer, web: buildWeb };

function isAlive(/** @type {number} */ pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return /** @type {NodeJS.ErrnoException} */ (err).code === 'EPERM';
  }
}

/**
 * One build at a time per checkout: parallel test files, `npm start` and `npx medfolio` may all
 * find the build stale at once. The lock file holds the builder's process id; a lock whose
 * process is gone, or which is older than LOCK_STALE_MS, is taken over.
 * @template T
 * @param {string} root
 * @param {() => Promise<T>} fn
 * @returns {Promise<T>}
 */
async function withBuildLock(root, fn) {
  fs.mkdirSync(distDir(root), { recursive: true });
  const lock = path.join(distDir(root), '.build.lock');
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch (err) {
      if (/** @type {NodeJS.ErrnoException} */ (err).code !== 'EEXIST') throw err;
    }
    let holder, age;
    try {
      holder = Number(fs.readFileSync(lock, 'utf8'));
      age = Date.now() - fs.statSync(lock).mtimeMs;
    } catch {
      continue; // released meanwhile
    }
    // An empty file is a lock being written: its owner is alive.
    if ((holder > 0 && !isAlive(holder)) || age > LOCK_STALE_MS) {
      fs.rmSync(lock, { force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`another build (process ${holder}) has held ${lock} for too long`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

async function buildUnlocked(/** @type {Part[]} */ parts, /** @type {string} */ root, /** @type {(line: string) => void} */ log) {
  // In parallel: esbuild and Vite each use their own threads.
  await Promise.all(
    parts.map(async (part) => {
      fs.rmSync(recordFile(root, part), { force: true }); // stale until the new output is complete
      const started = Date.now();
      log(`medfolio build: building the ${LABELS[part]}`);
      const inputs = [...(await BUILDERS[part](root)), ...EXTRA_INPUTS[part]];
      const record = { inputs: [...new Set(inputs)].sort(), hash: fingerprint(root, inputs) };
      fs.writeFileSync(recordFile(root, part), `${JSON.stringify(record, null, 1)}\n`);
      log(`medfolio build: ${LABELS[part]} built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }),
  );
}

/** Builds the given parts now. */
export async function build(/** @type {Part[]} */ parts = PARTS, /** @type {BuildOptions} */ { root = ROOT, log = defaultLog } = {}) {
  await withBuildLock(root, () => buildUnlocked(parts, root, log));
}

/** Builds the parts that are stale (none, usually); returns the ones it built. */
export async function ensureBuilt(/** @type {Part[]} */ parts = PARTS, /** @type {BuildOptions} */ { root = ROOT, log = defaultLog } = {}) {
  if (staleParts(parts, root).length === 0) return [];
  return withBuildLock(root, async () => {
    const stale = staleParts(parts, root); // another process may have built them while we waited
    if (stale.length) await buildUnlocked(stale, root, log);
    return stale;
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const ifStale = args.includes('--if-stale');
  const named = args.filter((arg) => !arg.startsWith('--'));
  const unknown = named.filter((arg) => !PARTS.includes(/** @type {Part} */ (arg)));
  if (unknown.length || args.some((arg) => arg.startsWith('--') && arg !== '--if-stale')) {
    process.stderr.write(`usage: node scripts/build.js [--if-stale] [${PARTS.join('|')}]...\n`);
    process.exit(2);
  }
  const parts = named.length ? /** @type {Part[]} */ (named) : PARTS;
  try {
    if (ifStale) await ensureBuilt(parts);
    else await build(parts);
  } catch (err) {
    if (/** @type {NodeJS.ErrnoException} */ (err).code === 'ERR_MODULE_NOT_FOUND') {
      process.stderr.write(
        `medfolio build: the build tools are not installed (${err instanceof Error ? err.message : String(err)}); run \`npm install\` with dev dependencies, or build elsewhere and copy dist/ and web/dist\n`,
      );
    } else {
      process.stderr.write(`medfolio build failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    }
    process.exit(1);
  }
}
