import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { WEB_DIST_DIR } from '../../server/platform/paths.ts';
import { buildIfStale } from '../support/build.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { freePort } from '../support/ports.ts';

/**
 * End-to-end support: the real server (built web app included) on a fixed free port, so the
 * browser's origin is APP_ORIGIN, and Debian's Chromium driven by playwright-core.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
export const SCREENSHOTS = path.join(ROOT, 'test/e2e/screenshots');

export async function startE2eApp(env: Record<string, string> = {}): Promise<TestApp & { origin: string }> {
  buildIfStale();
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const app = await startTestApp({ PORT: String(port), HOST: '127.0.0.1', APP_ORIGIN: origin, ...env }, { webDistDir: WEB_DIST_DIR });
  return Object.assign(app, { origin });
}

const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_FLAGS, headless: true });
}

/** Screenshots of each step, for a person to review (test/e2e/screenshots is ignored by git). */
export function screenshotter(prefix: string) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  let n = 0;
  return async (page: Page, step: string) => {
    n++;
    await page.screenshot({ path: path.join(SCREENSHOTS, `${prefix}-${String(n).padStart(2, '0')}-${step}.png`), fullPage: true });
  };
}
