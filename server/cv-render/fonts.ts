import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Source Sans 3 from its npm package, embedded as data: URLs, so every machine renders the
 * same glyphs and the renderer never fetches anything. Read once per process.
 */
let css: string | undefined;

export function embeddedFontCss(): string {
  if (css) return css;
  const require = createRequire(import.meta.url);
  const dir = path.join(path.dirname(require.resolve('@fontsource/source-sans-3/package.json')), 'files');
  const face = (weight: number, style: 'normal' | 'italic') => {
    const data = fs.readFileSync(path.join(dir, `source-sans-3-latin-${weight}-${style}.woff2`)).toString('base64');
    return `@font-face{font-family:'Source Sans 3';font-style:${style};font-weight:${weight};src:url(data:font/woff2;base64,${data}) format('woff2');}`;
  };
  css = [face(400, 'normal'), face(400, 'italic'), face(600, 'normal'), face(700, 'normal')].join('\n');
  return css;
}
