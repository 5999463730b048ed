/**
 * PDF rendering strategies on the same self-contained 2-page A4 CV (test/support/sample-cv.ts,
 * ligatures off, fonts embedded):
 *   (a) launch a browser per render, (b) one browser and a new page per render,
 *   (c) the page pool (server/adapters/pdf/renderer.ts) sequentially, (d) the pool with 4 callers at once.
 * Every strategy does the same page set-up (JavaScript off, network blocked) and prints the same PDF.
 * Ends with one summary line. CHROMIUM_PATH overrides /usr/bin/chromium.
 * The summary's throughput is the pool sized to the concurrency (4 pages, 4 callers); the default
 * pool of 2 is printed beside it.
 *   npm run bench:pdf [-- --launch 16 --new-page 50 --pool 100 --concurrent 120]
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import puppeteer from 'puppeteer';
import type { Browser, Page } from 'puppeteer';
import { CHROMIUM_FLAGS, createPdfRenderer } from '../server/adapters/pdf/renderer.ts';
import { checkPdfText } from '../server/adapters/pdf/text-check.ts';
import { sampleCv } from '../test/support/sample-cv.ts';

const { values } = parseArgs({
  options: {
    launch: { type: 'string', default: '16' },
    'new-page': { type: 'string', default: '50' },
    pool: { type: 'string', default: '100' },
    concurrent: { type: 'string', default: '120' },
  },
});
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!fs.existsSync(executablePath)) {
  console.error(`bench:pdf needs Chromium: ${executablePath} does not exist (set CHROMIUM_PATH)`);
  process.exit(1);
}

const cv = sampleCv();
const FORMAT = 'A4' as const;
const CONCURRENCY = 4;

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function report(label: string, samples: number[]) {
  const p50 = percentile(samples, 50);
  console.log(
    `  ${label.padEnd(38)} n=${String(samples.length).padStart(3)}  p50 ${p50.toFixed(0).padStart(4)} ms  p90 ${percentile(samples, 90).toFixed(0).padStart(4)} ms  min ${Math.min(...samples)
      .toFixed(0)
      .padStart(4)} ms`,
  );
  return p50;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/** The same offline set-up the pool uses. */
async function preparePage(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  await page.setJavaScriptEnabled(false);
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    if (request.url().startsWith('data:')) request.continue().catch(() => {});
    else request.abort('blockedbyclient').catch(() => {});
  });
  return page;
}

async function printOn(page: Page) {
  await page.setContent(cv.html, { waitUntil: 'load' });
  return await page.pdf({ format: FORMAT, printBackground: true, preferCSSPageSize: true });
}

function launchBrowser() {
  return puppeteer.launch({ executablePath, headless: true, pipe: true, args: [...CHROMIUM_FLAGS], handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
}

const benchStarted = performance.now();
console.log(`bench:pdf: ${executablePath}, 2-page A4 CV (${(cv.html.length / 1024).toFixed(0)} KiB of self-contained HTML)`);

// Sanity: the document really is the 2-page CV and passes the text check.
{
  const renderer = createPdfRenderer({ executablePath });
  const { pdf, pages } = await renderer.render(cv.html, { format: FORMAT });
  const check = await checkPdfText(pdf, cv.expectations);
  await renderer.close();
  if (pages !== 2 || !check.ok) throw new Error(`bench document is wrong: ${pages} pages, ${check.problems.join('; ')}`);
}

// (a) a browser per render: launch, prepare a page, print, close.
const launchSamples: number[] = [];
for (let i = 0; i <= Number(values.launch); i++) {
  const ms = await timed(async () => {
    const browser = await launchBrowser();
    try {
      await printOn(await preparePage(browser));
    } finally {
      await browser.close();
    }
  });
  if (i > 0) launchSamples.push(ms); // the first launch warms the disk cache
}
const launchP50 = report('(a) launch per render', launchSamples);

// (b) one browser, a new page per render.
const newPageSamples: number[] = [];
{
  const browser = await launchBrowser();
  try {
    for (let i = 0; i < Number(values['new-page']) + 3; i++) {
      const ms = await timed(async () => {
        const page = await preparePage(browser);
        await printOn(page);
        await page.close();
      });
      if (i >= 3) newPageSamples.push(ms);
    }
  } finally {
    await browser.close();
  }
}
const newPageP50 = report('(b) one browser, new page per render', newPageSamples);

// (c) the pool, one render at a time (latency as the caller sees it).
const poolSamples: number[] = [];
{
  const renderer = createPdfRenderer({ executablePath, maxRendersPerPage: 1_000, maxRendersPerBrowser: 10_000 });
  try {
    for (let i = 0; i < Number(values.pool) + 5; i++) {
      const ms = await timed(() => renderer.render(cv.html, { format: FORMAT }));
      if (i >= 5) poolSamples.push(ms);
    }
  } finally {
    await renderer.close();
  }
}
const poolP50 = report('(c) pool, sequential', poolSamples);

// (d) the pool with 4 callers at once: the default pool of 2 pages, and a pool of 4 (the summary's).
async function concurrent(pagePoolSize: number) {
  const renderer = createPdfRenderer({ executablePath, pagePoolSize, maxRendersPerPage: 1_000, maxRendersPerBrowser: 10_000 });
  try {
    await Promise.all(Array.from({ length: CONCURRENCY }, () => renderer.render(cv.html, { format: FORMAT })));
    const total = Number(values.concurrent);
    let next = 0;
    const latencies: number[] = [];
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < total) {
          next++;
          latencies.push(await timed(() => renderer.render(cv.html, { format: FORMAT })));
        }
      }),
    );
    const throughput = total / ((performance.now() - started) / 1000);
    report(`(d) pool of ${pagePoolSize}, concurrency ${CONCURRENCY}`, latencies);
    console.log(`  ${''.padEnd(38)} throughput ${throughput.toFixed(1)} PDF/s`);
    return throughput;
  } finally {
    await renderer.close();
  }
}
const throughputPool2 = await concurrent(2);
const throughputPool4 = await concurrent(4);
const throughput = throughputPool4;

const newPageThroughput = 1000 / newPageP50;
console.log(
  `  targets: pool vs launch ${(launchP50 / poolP50).toFixed(1)}x (>= 8), pool vs new page ${(newPageP50 / poolP50).toFixed(1)}x (>= 2), ` +
    `throughput vs new page ${(throughput / newPageThroughput).toFixed(1)}x (>= 2; pool of 2: ${(throughputPool2 / newPageThroughput).toFixed(1)}x); bench took ${((performance.now() - benchStarted) / 1000).toFixed(0)} s`,
);
console.log(
  `pdf: launch p50 ${launchP50.toFixed(0)} ms, new-page p50 ${newPageP50.toFixed(0)} ms, pool p50 ${poolP50.toFixed(0)} ms, ` +
    `pool throughput ${throughput.toFixed(1)}/s (concurrency ${CONCURRENCY}), speedup vs launch ${(launchP50 / poolP50).toFixed(1)}x`,
);
