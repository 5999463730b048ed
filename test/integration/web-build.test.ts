import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../server/platform/logger.ts';
import { ensureWebBuild } from '../../server/platform/web-build.ts';

describe('ensureWebBuild', () => {
  it('builds a stale web app without touching this process (NODE_ENV stays as it was), and skips a fresh one', { timeout: 120_000 }, async () => {
    const webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'medfolio-web-'));
    try {
      fs.mkdirSync(path.join(webDir, 'src'));
      fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><div id="root"></div><script type="module" src="/src/main.ts"></script>');
      fs.writeFileSync(path.join(webDir, 'src/main.ts'), "document.getElementById('root')!.textContent = 'built';\n");
      fs.writeFileSync(path.join(webDir, 'vite.config.ts'), "export default { root: import.meta.dirname, build: { outDir: 'dist' } };\n");
      // As under `npm start`: unset, which is when Vite would set it to "production".
      const saved = process.env.NODE_ENV;
      delete process.env.NODE_ENV;
      let dist: string;
      try {
        dist = await ensureWebBuild(webDir, createLogger({ level: 'silent' }));
        expect(process.env.NODE_ENV).toBeUndefined();
      } finally {
        process.env.NODE_ENV = saved;
      }
      const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
      expect(html).toMatch(/assets\/index-[\w-]+\.js/);
      const mtime = fs.statSync(path.join(dist, 'index.html')).mtimeMs;
      await ensureWebBuild(webDir, createLogger({ level: 'silent' }));
      expect(fs.statSync(path.join(dist, 'index.html')).mtimeMs).toBe(mtime);
    } finally {
      fs.rmSync(webDir, { recursive: true, force: true });
    }
  });
});
