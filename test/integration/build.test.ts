import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, staleParts } from '../../scripts/build.js';
import { ROOT } from '../support/build.ts';

// The test setup ran `scripts/build.js --if-stale`, so dist/ and web/dist are current.
const run = promisify(execFile);
const medfolio = (...args: string[]) =>
  run(process.execPath, ['bin/medfolio.js', ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '' } }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );

/** The files and npm packages a compiled module loads before its first line runs (its static imports, transitively). */
function staticImports(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const code = fs.readFileSync(file, 'utf8');
    // esbuild writes every static import at the top as `import ... from "x";` or `import "x";`.
    for (const [, specifier] of code.matchAll(/^import\s+(?:[^;]*?\s+from\s+)?["']([^"']+)["'];/gm)) {
      if (specifier!.startsWith('.')) visit(path.resolve(path.dirname(file), specifier!));
      else packages.add(specifier!);
    }
  };
  visit(entry);
  return { files: [...files], packages: [...packages] };
}

describe('npx medfolio (the compiled CLI)', () => {
  it('prints its usage and exits 0 for --help, -h, help, and --help after a command; an unknown command exits 2', async () => {
    for (const args of [['--help'], ['-h'], ['help'], [], ['seed', '--help'], ['cv', '-h']]) {
      const { code, stdout } = await medfolio(...args);
      expect(code, args.join(' ')).toBe(0);
      expect(stdout, args.join(' ')).toContain('Usage: medfolio <command>');
    }
    const unknown = await medfolio('--frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "--frobnicate"');
  });

  it('is found by npx in node_modules/.bin (a workspace link), not through the root package, which would make npm load the whole dependency tree first', async () => {
    const rootPackage = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin?: unknown; workspaces?: string[] };
    expect(rootPackage.bin).toBeUndefined();
    expect(rootPackage.workspaces).toContain('bin');
    expect(fs.realpathSync(path.join(ROOT, 'node_modules/.bin/medfolio'))).toBe(fs.realpathSync(path.join(ROOT, 'bin/medfolio.js')));
    const { stdout } = await run('npx', ['--no-install', 'medfolio', '--help'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' } });
    expect(stdout).toContain('Usage: medfolio <command>');
  });

  it('loads nothing heavy to answer --help: its entry imports no npm package and no command', () => {
    const { files, packages } = staticImports(path.join(ROOT, 'dist/cli/main.js'));
    expect(packages.filter((p) => !p.startsWith('node:'))).toEqual([]);
    const bytes = files.reduce((sum, f) => sum + fs.statSync(f).size, 0);
    expect(bytes).toBeLessThan(20_000);
    // The commands are chunks of their own, loaded by `await import()` when one runs.
    const main = fs.readFileSync(path.join(ROOT, 'dist/cli/main.js'), 'utf8');
    expect(main).toMatch(/await import\("\.\.\/chunks\/commands-[\w-]+\.js"\)/);
    expect(main).toMatch(/await import\("\.\.\/chunks\/redact-[\w-]+\.js"\)/);
  });
});

describe('the build records what it was built from', () => {
  it('the web app lists its own sources and the server schemas it imports, and ships compressed copies of its assets', () => {
    const record = JSON.parse(fs.readFileSync(path.join(ROOT, 'dist/web.build.json'), 'utf8')) as { inputs: string[]; hash: string };
    expect(record.inputs).toContain('web/src/main.tsx');
    expect(record.inputs).toContain('web/index.html');
    expect(record.inputs.some((f) => /^server\/domains\/\w+\/schema\.ts$/.test(f))).toBe(true);
    expect(record.inputs.filter((f) => f.includes('node_modules') || f.startsWith('..'))).toEqual([]);

    const html = fs.readFileSync(path.join(ROOT, 'web/dist/index.html'), 'utf8');
    const entry = /src="\/(assets\/index-[\w-]+\.js)"/.exec(html)?.[1];
    expect(entry).toBeDefined();
    const js = fs.readFileSync(path.join(ROOT, 'web/dist', entry!));
    // React's production build, even when the build ran under the tests (NODE_ENV=test): its
    // development build names itself and is twice the size.
    expect(js.toString()).not.toMatch(/\bdevelopment\b/);
    expect(zlib.brotliDecompressSync(fs.readFileSync(path.join(ROOT, 'web/dist', `${entry}.br`))).equals(js)).toBe(true);
    expect(zlib.gunzipSync(fs.readFileSync(path.join(ROOT, 'web/dist', `${entry}.gz`))).equals(js)).toBe(true);
  });

  describe('in a copy of the repository', () => {
    let root: string;
    const logs: string[] = [];
    const options = () => ({ root, log: (line: string) => void logs.push(line) });
    beforeAll(() => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'medfolio-build-'));
      for (const entry of ['server', 'workers', 'scripts', 'package.json', 'package-lock.json', 'tsconfig.json']) {
        fs.cpSync(path.join(ROOT, entry), path.join(root, entry), { recursive: true, filter: (src) => !src.endsWith('.test.ts') });
      }
    });
    afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

    it('builds the server part once, rebuilds it only when a source it was built from changes, and one build serves concurrent callers', { timeout: 60_000 }, async () => {
      expect(staleParts(['server'], root)).toEqual(['server']);
      expect(await ensureBuilt(['server'], options())).toEqual(['server']);
      for (const file of ['dist/server/main.js', 'dist/server/supervise.js', 'dist/workers/main.js', 'dist/cli/main.js']) expect(fs.existsSync(path.join(root, file)), file).toBe(true);
      expect(await ensureBuilt(['server'], options())).toEqual([]);

      // Same contents, new modification time (a fresh checkout, a copy): still current.
      const usage = path.join(root, 'server/cli/usage.ts');
      const later = new Date(Date.now() + 60_000);
      fs.utimesSync(usage, later, later);
      expect(staleParts(['server'], root)).toEqual([]);

      // A changed source: stale; two callers at once get one build.
      fs.appendFileSync(usage, '\n// changed\n');
      expect(staleParts(['server'], root)).toEqual(['server']);
      const results = await Promise.all([ensureBuilt(['server'], options()), ensureBuilt(['server'], options())]);
      expect(results.map((r) => r.length).sort()).toEqual([0, 1]);
      expect(staleParts(['server'], root)).toEqual([]);

      // A file it was built from disappears: stale; back as it was: current again.
      const redact = path.join(root, 'server/cli/redact.ts');
      fs.renameSync(redact, `${redact}.moved`);
      expect(staleParts(['server'], root)).toEqual(['server']);
      fs.renameSync(`${redact}.moved`, redact);
      expect(staleParts(['server'], root)).toEqual([]);

      // The copy's own compiled CLI runs (--help needs no npm package).
      const { stdout } = await run(process.execPath, [path.join(root, 'dist/cli/main.js'), '--help']);
      expect(stdout).toContain('Usage: medfolio <command>');
      expect(logs.filter((l) => l.includes('built in'))).toHaveLength(2);
    });

    it('takes over a lock left by a build that died', { timeout: 60_000 }, async () => {
      fs.appendFileSync(path.join(root, 'server/cli/usage.ts'), '\n// changed again\n');
      // A process id that cannot be running: above the kernel's maximum.
      fs.writeFileSync(path.join(root, 'dist/.build.lock'), '99999999');
      expect(await ensureBuilt(['server'], options())).toEqual(['server']);
      expect(fs.existsSync(path.join(root, 'dist/.build.lock'))).toBe(false);
    });
  });
});
