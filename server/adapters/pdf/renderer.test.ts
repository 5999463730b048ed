import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { createPdfRenderer, type PdfRenderer } from './renderer.ts';
import { checkPdfText, extractPdfText } from './text-check.ts';
import { sampleCv } from '../../../test/support/sample-cv.ts';
import { hasService } from '../../../test/support/env.ts';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = hasService(fs.existsSync(CHROMIUM), `Chromium at ${CHROMIUM}`);
if (!hasChromium) console.warn(`PDF renderer tests SKIPPED: no Chromium at ${CHROMIUM} (apt-get install chromium)`);

/** A document that takes Chromium seconds to print (tens of thousands of paragraphs). */
function heavyHtml(paragraphs: number): string {
  return `<html><body>${'<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.</p>'.repeat(paragraphs)}</body></html>`;
}

const SMALL = '<html><body><h1>Dr Jane Example</h1><p>One page.</p></body></html>';

/** The --user-data-dir of a running Chromium, from its command line (Linux). */
function profileDirOf(pid: number): string | undefined {
  try {
    const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return args.find((arg) => arg.startsWith('--user-data-dir='))?.slice('--user-data-dir='.length);
  } catch {
    return undefined;
  }
}

async function eventually(check: () => boolean, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}

async function mediaBoxes(pdf: Uint8Array): Promise<Array<{ width: number; height: number }>> {
  const document = await PDFDocument.load(pdf);
  return document.getPages().map((page) => {
    const box = page.getMediaBox();
    return { width: box.width, height: box.height };
  });
}

describe.skipIf(!hasChromium)(hasChromium ? 'PDF renderer (real Chromium)' : `PDF renderer (SKIPPED: no Chromium at ${CHROMIUM})`, () => {
  let renderer: PdfRenderer;
  beforeAll(() => {
    renderer = createPdfRenderer({ executablePath: CHROMIUM });
  });
  afterAll(async () => {
    await renderer?.close();
  });

  it('renders a 2-page A4 CV whose text layer passes the check', async () => {
    const cv = sampleCv();
    const result = await renderer.render(cv.html, { format: 'A4' });
    expect(result.pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(result.pages).toBe(2);
    expect(result.ms).toBeGreaterThan(0);
    expect(await checkPdfText(result.pdf, cv.expectations)).toEqual({ ok: true, problems: [], pages: 2 });
    expect((await extractPdfText(result.pdf)).pages).toBe(2);
    const boxes = await mediaBoxes(result.pdf);
    expect(boxes).toHaveLength(2);
    for (const box of boxes) {
      // A4 is 595.3 x 841.9 pt; Chromium rounds to 8.27 x 11.7 in (595.92 x 841.92).
      expect(Math.abs(box.width - 595.3)).toBeLessThan(1);
      expect(Math.abs(box.height - 841.9)).toBeLessThan(1);
    }
    expect(renderer.stats()).toMatchObject({ browserLaunches: 1, renders: 1, failures: 0 });
  });

  it('names Medfolio, not the browser and its version, as the PDF’s creator and producer', async () => {
    const { pdf } = await renderer.render(SMALL, { format: 'A4' });
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    expect(doc.getCreator()).toBe('Medfolio');
    expect(doc.getProducer()).toBe('Medfolio');
    const raw = pdf.toString('latin1');
    for (const leak of ['HeadlessChrome', 'Chrome/', 'Skia', 'Mozilla', 'pdf-lib']) expect(raw).not.toContain(leak);
  });

  it('prints US Letter at a different page size from A4', async () => {
    const cv = sampleCv();
    const [a4, letter] = await Promise.all([renderer.render(cv.html, { format: 'A4' }), renderer.render(cv.html, { format: 'Letter' })]);
    const [a4Box] = await mediaBoxes(a4.pdf);
    const [letterBox] = await mediaBoxes(letter.pdf);
    expect(letterBox!.width).toBeCloseTo(612, 0);
    expect(letterBox!.height).toBeCloseTo(792, 0);
    expect(letterBox).not.toEqual(a4Box);
    expect((await checkPdfText(letter.pdf, cv.expectations)).ok).toBe(true);
  });

  it('reuses warm pages: many renders, one browser, no more pages than the pool', async () => {
    const before = renderer.stats();
    const results = await Promise.all(Array.from({ length: 6 }, () => renderer.render(SMALL, { format: 'A4' })));
    expect(results.every((result) => result.pages === 1)).toBe(true);
    const after = renderer.stats();
    expect(after.browserLaunches).toBe(1);
    expect(after.renders - before.renders).toBe(6);
    expect(after.idlePages).toBeLessThanOrEqual(2);
  });

  it('blocks every network request except data: URLs, runs no JavaScript, and does not hang', async () => {
    const hits: string[] = [];
    // A server that records requests and never answers: a request that got through would hang the render.
    const server = http.createServer((request) => void hits.push(request.url ?? ''));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const before = renderer.stats().blockedRequests;
      const html = `<html><head>
        <link rel="stylesheet" href="http://127.0.0.1:${port}/style.css">
        <style>@font-face { font-family: Remote; src: url(http://127.0.0.1:${port}/font.woff2); } h1 { font-family: Remote, sans-serif; }</style>
        </head><body>
        <h1>Dr Jane Example</h1>
        <img src="http://127.0.0.1:1/x.png">
        <img src="http://127.0.0.1:${port}/photo.png">
        <img src="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='10' height='10'/%3E">
        <p id="x">static text</p>
        <script>document.getElementById('x').textContent = 'SCRIPT RAN'; new Image().src = 'http://127.0.0.1:${port}/beacon';</script>
        </body></html>`;
      const started = performance.now();
      const result = await renderer.render(html, { format: 'A4' });
      expect(performance.now() - started).toBeLessThan(10_000);
      expect(result.pages).toBe(1);
      const { text } = await extractPdfText(result.pdf);
      expect(text).toContain('static text');
      expect(text).not.toContain('SCRIPT RAN');
      expect(hits).toEqual([]);
      expect(renderer.stats().blockedRequests - before).toBe(4);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('does not read local files', async () => {
    const html = '<p>local files</p><iframe src="file:///etc/passwd" width="500" height="300"></iframe><object data="file:///etc/passwd"></object>';
    const { text } = await extractPdfText((await renderer.render(html, { format: 'A4' })).pdf);
    expect(text).toContain('local files');
    expect(text).not.toMatch(/root:/);
  });

  it('rejects an unknown paper format', async () => {
    await expect(renderer.render(SMALL, { format: 'A5' as 'A4' })).rejects.toThrow(/format must be A4 or Letter/);
  });
});

describe.skipIf(!hasChromium)('PDF renderer failures and limits (real Chromium)', () => {
  it('retries a render on a new browser when Chromium is killed mid-render, and the next render works', async () => {
    const renderer = createPdfRenderer({ executablePath: CHROMIUM });
    try {
      await renderer.render(SMALL, { format: 'A4' });
      const firstPid = renderer.stats().browserPid;
      expect(firstPid).toEqual(expect.any(Number));
      const firstProfile = profileDirOf(firstPid!);
      // The first render's page is reset after its PDF is handed over: on a busy machine that
      // can outlast the wait below, so start from an idle renderer.
      expect(await eventually(() => renderer.stats().active === 0)).toBe(true);

      const inFlight = renderer.render(heavyHtml(3000), { format: 'A4' });
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(renderer.stats().active).toBe(1);
      process.kill(firstPid!, 'SIGKILL');

      const result = await inFlight;
      expect(result.pages).toBeGreaterThan(10);
      const stats = renderer.stats();
      expect(stats).toMatchObject({ browserCrashes: 1, retries: 1, browserLaunches: 2, failures: 0 });
      expect(stats.browserPid).toEqual(expect.any(Number));
      expect(stats.browserPid).not.toBe(firstPid);

      expect((await renderer.render(SMALL, { format: 'A4' })).pages).toBe(1);
      if (firstProfile) expect(await eventually(() => !fs.existsSync(firstProfile))).toBe(true);
    } finally {
      await renderer.close();
    }
  });

  it('replaces a browser that died between renders', async () => {
    const renderer = createPdfRenderer({ executablePath: CHROMIUM, pagePoolSize: 1 });
    try {
      await renderer.render(SMALL, { format: 'A4' });
      const pid = renderer.stats().browserPid!;
      process.kill(pid, 'SIGKILL');
      await eventually(() => renderer.stats().browserPid === null);
      expect((await renderer.render(SMALL, { format: 'A4' })).pages).toBe(1);
      expect(renderer.stats()).toMatchObject({ browserCrashes: 1, browserLaunches: 2, retries: 0 });
    } finally {
      await renderer.close();
    }
  });

  it('times out a render that takes too long, discards its page, and the next render works', async () => {
    const renderer = createPdfRenderer({ executablePath: CHROMIUM, pagePoolSize: 1, renderTimeoutMs: 3_000 });
    try {
      // Launch outside what is checked: on a loaded machine the first render may itself time out.
      for (let attempt = 1; ; attempt++) {
        const warm = await renderer.render(SMALL, { format: 'A4' }).catch((caught: unknown) => caught);
        if (!(warm instanceof Error)) break;
        if (attempt >= 5) throw warm;
      }
      const before = renderer.stats();
      // About 600 pages: 15 s on an idle machine, far past the budget.
      const error = await renderer.render(heavyHtml(20_000), { format: 'A4' }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).name).toBe('RenderTimeout');
      expect((error as Error).message).toBe('PDF render timed out after 3000 ms; the page was discarded');

      const next = await renderer.render(SMALL, { format: 'A4' });
      expect(next.pages).toBe(1);
      expect(renderer.stats()).toMatchObject({
        timeouts: before.timeouts + 1,
        pagesDiscarded: before.pagesDiscarded + 1,
        browserLaunches: before.browserLaunches,
        renders: before.renders + 1,
      });
    } finally {
      await renderer.close();
    }
  });

  it('rejects every render with RenderTimeout when the budget is 1 ms', async () => {
    const renderer = createPdfRenderer({ executablePath: CHROMIUM, renderTimeoutMs: 1 });
    try {
      await expect(renderer.render(SMALL, { format: 'A4' })).rejects.toMatchObject({ name: 'RenderTimeout' });
      await expect(renderer.render(SMALL, { format: 'A4' })).rejects.toMatchObject({ name: 'RenderTimeout' });
      expect(renderer.stats()).toMatchObject({ timeouts: 2, renders: 0, browserLaunches: 1 });
    } finally {
      await renderer.close();
    }
  });

  it('bounds the queue: the overflow is rejected with RendererBusy at once', async () => {
    const renderer = createPdfRenderer({ executablePath: CHROMIUM, pagePoolSize: 1, maxQueue: 2 });
    try {
      const renders = Array.from({ length: 4 }, () => renderer.render(SMALL, { format: 'A4' }));
      expect(renderer.stats()).toMatchObject({ active: 1, queued: 2, rejectedBusy: 1 });
      const settled = await Promise.allSettled(renders);
      expect(settled.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected']);
      const busy = (settled[3] as PromiseRejectedResult).reason as Error;
      expect(busy.name).toBe('RendererBusy');
      expect(busy.message).toMatch(/busy/);
      // Once the queue drains, renders are accepted again.
      expect((await renderer.render(SMALL, { format: 'A4' })).pages).toBe(1);
    } finally {
      await renderer.close();
    }
  });

  it('recycles pages and the browser after their render limits', async () => {
    const renderer = createPdfRenderer({ executablePath: CHROMIUM, pagePoolSize: 1, maxRendersPerPage: 2, maxRendersPerBrowser: 3 });
    try {
      await renderer.render(SMALL, { format: 'A4' });
      const firstPid = renderer.stats().browserPid!;
      const firstProfile = profileDirOf(firstPid);
      for (let i = 0; i < 3; i++) expect((await renderer.render(SMALL, { format: 'A4' })).pages).toBe(1);
      const stats = renderer.stats();
      expect(stats).toMatchObject({ renders: 4, browserLaunches: 2, browserRecycles: 1, pageRecycles: 1, browserCrashes: 0 });
      expect(stats.browserPid).not.toBe(firstPid);
      if (firstProfile) expect(await eventually(() => !fs.existsSync(firstProfile))).toBe(true);
    } finally {
      await renderer.close();
    }
  });

  it('a <meta http-equiv="refresh"> in one document cannot navigate the page under the next one', async () => {
    // Emptying a page keeps its Document, and a pending refresh with it; such pages are navigated instead.
    const renderer = createPdfRenderer({ executablePath: CHROMIUM, pagePoolSize: 1 });
    try {
      expect((await renderer.render('<meta http-equiv="refresh" content="1;url=about:blank"><p>first</p>', { format: 'A4' })).pages).toBe(1);
      // Takes well over a second to print, so the refresh would fire in the middle of it.
      const second = await renderer.render(heavyHtml(8000), { format: 'A4' });
      expect(second.pages).toBeGreaterThan(100);
      expect(renderer.stats()).toMatchObject({ renders: 2, failures: 0, pagesDiscarded: 0 });
    } finally {
      await renderer.close();
    }
  });

  it('close() rejects waiting and later renders and removes the browser profile', async () => {
    const renderer = createPdfRenderer({ executablePath: CHROMIUM, pagePoolSize: 1 });
    await renderer.render(SMALL, { format: 'A4' });
    const profile = profileDirOf(renderer.stats().browserPid!);
    expect(profile && fs.existsSync(profile)).toBeTruthy();
    const running = renderer.render(heavyHtml(2000), { format: 'A4' }).catch((error: Error) => error);
    const waiting = renderer.render(SMALL, { format: 'A4' }).catch((error: Error) => error);
    await renderer.close();
    expect(await waiting).toMatchObject({ name: 'RendererClosed' });
    expect(await running).toMatchObject({ name: 'RendererClosed' });
    await expect(renderer.render(SMALL, { format: 'A4' })).rejects.toMatchObject({ name: 'RendererClosed' });
    expect(fs.existsSync(profile!)).toBe(false);
    expect(renderer.stats().browserPid).toBeNull();
  });
});
