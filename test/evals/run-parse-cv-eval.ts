import { findChromium, CHROMIUM_HELP } from '../../server/adapters/browser.ts';
import { createPdfRenderer } from '../../server/adapters/pdf/renderer.ts';
import { loadConfig } from '../../server/config/env.ts';
import { corpus, evaluate, layouts, renderOurs, themes, totals } from './parse-cv/corpus.ts';

/**
 * `npm run eval:parse-cv`: every corpus CV (the JSON Resume packages' samples, test/fixtures/cv-import
 * and the personas) rendered by published themes, plain layouts and Medfolio's own renderer, then
 * read back as an upload. Prints each miss with --misses, then work entries recovered per family.
 * Targets: >= 90% on theme-rendered PDFs, >= 98% on Medfolio's own.
 */
const args = process.argv.slice(2);
const showMisses = args.includes('--misses');
const chromium = findChromium(loadConfig(process.env).chromiumPath);
if (!chromium) throw new Error(CHROMIUM_HELP);
const pdf = createPdfRenderer({ executablePath: chromium, renderTimeoutMs: 60_000 });
try {
  const started = Date.now();
  const rows = await evaluate(pdf, { ...(await themes()), ...layouts(), ours: renderOurs }, corpus());
  if (showMisses) {
    for (const row of rows) {
      if (row.error) console.log(`${row.renderer} ${row.cv}: ${row.error}`);
      for (const miss of row.score.misses) console.log(`${row.renderer.padEnd(22)} ${row.cv.padEnd(52)} missed ${miss}`);
    }
  }
  const families = [...new Set(rows.map((r) => r.renderer))];
  for (const family of families) {
    const t = totals(rows, family);
    console.log(`${family.padEnd(26)} ${String(t.recovered).padStart(4)}/${String(t.expected).padEnd(4)} ${(100 * t.rate).toFixed(1)}%`);
  }
  const target = (family: string, goal: number) => {
    const t = totals(rows, family);
    return `${family === 'theme:' ? 'theme-rendered PDFs' : family === 'layout:' ? 'plain layouts' : "Medfolio's renderer"}: ${t.recovered}/${t.expected} work entries recovered (${(100 * t.rate).toFixed(1)}%)${goal ? `, target ${goal}%` : ''}`;
  };
  console.log(target('theme:', 90));
  console.log(target('layout:', 0));
  console.log(target('ours', 98));
  console.log(`${rows.length} PDFs in ${((Date.now() - started) / 1000).toFixed(0)} s`);
} finally {
  await pdf.close();
}
