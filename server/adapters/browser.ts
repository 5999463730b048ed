import fs from 'node:fs';

/** Where Medfolio looks for Chromium, in order: CHROMIUM_PATH, then the usual system paths. */
const SYSTEM_CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export function findChromium(configured: string | undefined): string | undefined {
  const candidates = configured ? [configured] : SYSTEM_CHROMIUM_PATHS;
  return candidates.find((candidate) => {
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

export const CHROMIUM_HELP = 'No Chromium found: PDFs cannot be rendered. Install it (Debian/Ubuntu: apt-get install chromium; macOS: install Google Chrome) or set CHROMIUM_PATH.';
