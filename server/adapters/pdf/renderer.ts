import fs from 'node:fs/promises';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, HTTPRequest, Page } from 'puppeteer';
import { PDFDocument, ParseSpeeds } from 'pdf-lib';
import { stampMedfolioMetadata } from './metadata.ts';
import type { Logger } from '../../platform/logger.ts';

/**
 * HTML -> PDF with one headless Chromium and a pool of warm pages (see README.md beside this
 * file for the invariants). Logs carry counts, ids and milliseconds only: never HTML, text,
 * URLs or PDF bytes.
 */

/** Exactly the flags the browser is started with (Puppeteer adds its own automation defaults). */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

export type PaperFormat = 'A4' | 'Letter';

export interface PdfRendererOptions {
  executablePath: string;
  /** Warm pages, which is also the number of renders that run at once. Default 2. */
  pagePoolSize?: number;
  /** A page is closed and replaced after this many renders. Default 50. */
  maxRendersPerPage?: number;
  /** The browser is replaced (gracefully, once idle) after this many renders. Default 500. */
  maxRendersPerBrowser?: number;
  /** Budget for one attempt on a page: getting the page, loading the HTML, printing. Default 20000. */
  renderTimeoutMs?: number;
  /** Renders allowed to wait for a page; beyond this render() rejects with RendererBusy. Default 50. */
  maxQueue?: number;
  logger?: Logger;
}

export interface RenderResult {
  pdf: Buffer;
  /** Wall time from leaving the queue to the finished PDF (includes a browser launch or a retry). */
  ms: number;
  pages: number;
}

export interface PdfRendererStats {
  /** PID of the current Chromium (null before the first render or after a crash or close). */
  browserPid: number | null;
  browserLaunches: number;
  /** Browsers that died or disconnected without being asked to. */
  browserCrashes: number;
  /** Browsers retired after maxRendersPerBrowser renders. */
  browserRecycles: number;
  /** Pages closed after maxRendersPerPage renders. */
  pageRecycles: number;
  /** Pages thrown away after a timeout, a crash or a failure. */
  pagesDiscarded: number;
  renders: number;
  failures: number;
  timeouts: number;
  retries: number;
  rejectedBusy: number;
  /** Network requests refused (everything except data: URLs). */
  blockedRequests: number;
  active: number;
  queued: number;
  idlePages: number;
  rendersOnCurrentBrowser: number;
  pagePoolSize: number;
}

export interface PdfRenderer {
  render(html: string, options: { format: PaperFormat }): Promise<RenderResult>;
  stats(): PdfRendererStats;
  close(): Promise<void>;
}

export class RendererBusyError extends Error {
  override name = 'RendererBusy';
}
export class RenderTimeoutError extends Error {
  override name = 'RenderTimeout';
}
export class RendererClosedError extends Error {
  override name = 'RendererClosed';
  constructor() {
    super('The PDF renderer is closed');
  }
}
export class BrowserCrashedError extends Error {
  override name = 'BrowserCrashed';
}
export class RenderFailedError extends Error {
  override name = 'RenderFailed';
}

const FORMATS: ReadonlySet<string> = new Set<PaperFormat>(['A4', 'Letter']);
const CLEANUP_TIMEOUT_MS = 5_000;
const LAUNCH_TIMEOUT_MS = 30_000;
/** After a protocol error, how long to wait for the browser's "disconnected" to tell a crash apart. */
const CRASH_GRACE_MS = 500;
/** Attribute names cannot hide behind entities, so this finds every <meta http-equiv>. */
const HTTP_EQUIV = /http-equiv/i;

interface PooledPage {
  page: Page;
  renders: number;
  /** Rejects when the page's renderer process crashes or the page closes under us. */
  gone: Promise<never>;
  crashed: boolean;
}

interface BrowserState {
  id: number;
  browser: Browser;
  pid: number | null;
  userDataDir: string;
  idle: PooledPage[];
  renders: number;
  inFlight: number;
  dead: boolean;
  retiring: boolean;
  /** Set when we close it on purpose: its disconnect is not a crash. */
  closingOnPurpose: boolean;
  /** Rejects when the browser disconnects. */
  gone: Promise<never>;
  cleanup: Promise<void> | null;
  /** Removes the profile if the Node process exits before the browser was reaped. */
  removeOnExit: () => void;
}

interface Job {
  html: string;
  format: PaperFormat;
  resolve: (result: RenderResult) => void;
  reject: (error: Error) => void;
}

type Failure = { kind: 'timeout' } | { kind: 'page-gone' } | { kind: 'browser-gone' } | { kind: 'error'; error: unknown };

function noop() {}

function positiveInt(value: number | undefined, fallback: number, name: string): number {
  const result = value ?? fallback;
  if (!Number.isInteger(result) || result < 1) throw new TypeError(`createPdfRenderer: ${name} must be a positive integer`);
  return result;
}

/** Resolves with the promise's value, or with `fallback` after `ms` (the promise is left to settle on its own). */
async function within<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => (timer = setTimeout(() => resolve(fallback), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Counts the pages and replaces Chromium's Creator and Producer with Medfolio (metadata.ts). */
async function finishPdf(pdf: Uint8Array): Promise<{ pdf: Buffer; pages: number }> {
  // Fastest: no yielding between objects (the default yields every 100 objects and costs ~7 ms on a 2-page CV).
  const document = await PDFDocument.load(pdf, { updateMetadata: false, throwOnInvalidObject: false, parseSpeed: ParseSpeeds.Fastest });
  stampMedfolioMetadata(document);
  // Objects are written as Chromium wrote them (no object streams), so the output stays as readable.
  const saved = await document.save({ useObjectStreams: false, objectsPerTick: Infinity });
  return { pdf: Buffer.from(saved.buffer, saved.byteOffset, saved.byteLength), pages: document.getPageCount() };
}

export function createPdfRenderer(options: PdfRendererOptions): PdfRenderer {
  if (!options.executablePath) throw new TypeError('createPdfRenderer: executablePath is required');
  const poolSize = positiveInt(options.pagePoolSize, 2, 'pagePoolSize');
  const maxRendersPerPage = positiveInt(options.maxRendersPerPage, 50, 'maxRendersPerPage');
  const maxRendersPerBrowser = positiveInt(options.maxRendersPerBrowser, 500, 'maxRendersPerBrowser');
  const renderTimeoutMs = positiveInt(options.renderTimeoutMs, 20_000, 'renderTimeoutMs');
  const maxQueue = options.maxQueue ?? 50;
  if (!Number.isInteger(maxQueue) || maxQueue < 0) throw new TypeError('createPdfRenderer: maxQueue must be a non-negative integer');
  const log = options.logger?.child({ component: 'pdf-renderer' });

  const counters = {
    browserLaunches: 0,
    browserCrashes: 0,
    browserRecycles: 0,
    pageRecycles: 0,
    pagesDiscarded: 0,
    renders: 0,
    failures: 0,
    timeouts: 0,
    retries: 0,
    rejectedBusy: 0,
    blockedRequests: 0,
  };
  const waiting: Job[] = [];
  const running = new Set<Promise<void>>();
  const browsers = new Set<BrowserState>();
  let current: BrowserState | null = null;
  let launching: Promise<void> | null = null;
  let nextBrowserId = 1;
  let closed = false;
  let closing: Promise<void> | null = null;

  // ---- browsers -----------------------------------------------------------------------------

  async function removeDir(dir: string) {
    await fs.rm(dir, { recursive: true, force: true, maxRetries: 3, retryDelay: 100 }).catch((error: unknown) => {
      log?.warn({ event: 'pdf.profile-cleanup-failed', code: (error as NodeJS.ErrnoException).code }, 'could not remove a Chromium profile');
    });
  }

  /** Waits for the Chromium process to exit (killing it if it will not), then removes its profile. */
  async function reap(state: BrowserState) {
    const child = state.browser.process();
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<boolean>((resolve) => child.once('exit', () => resolve(true)));
      if (!(await within(exited, CLEANUP_TIMEOUT_MS, false))) {
        child.kill('SIGKILL');
        await within(exited, CLEANUP_TIMEOUT_MS, false);
      }
    }
    await removeDir(state.userDataDir);
    process.off('exit', state.removeOnExit);
    browsers.delete(state);
  }

  function retire(state: BrowserState) {
    state.retiring = true;
    if (current === state) current = null;
  }

  /** Closes a browser on purpose (recycling, close()). Idempotent. */
  function shutDown(state: BrowserState): Promise<void> {
    if (state.cleanup) return state.cleanup;
    state.closingOnPurpose = true;
    retire(state);
    state.cleanup = (async () => {
      const closedCleanly = await within(
        state.browser.close().then(
          () => true,
          () => false,
        ),
        CLEANUP_TIMEOUT_MS,
        false,
      );
      if (!closedCleanly) state.browser.process()?.kill('SIGKILL');
      state.dead = true;
      await reap(state);
    })();
    return state.cleanup;
  }

  function onDisconnected(state: BrowserState) {
    state.dead = true;
    retire(state);
    if (state.closingOnPurpose) return;
    counters.browserCrashes++;
    log?.warn({ event: 'pdf.browser-lost', browser: state.id, inFlight: state.inFlight }, 'Chromium disconnected; it will be replaced');
    state.cleanup ??= (async () => {
      state.browser.process()?.kill('SIGKILL');
      await reap(state);
    })();
  }

  async function launch(): Promise<void> {
    const started = performance.now();
    const userDataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'medfolio-chromium-'));
    let browser: Browser;
    try {
      // Loaded with the first browser, not at start-up (a quarter of a second the API may never need).
      const { default: puppeteer } = await import('puppeteer');
      browser = await puppeteer.launch({
        executablePath: options.executablePath,
        headless: true,
        pipe: true,
        userDataDir,
        args: [...CHROMIUM_FLAGS],
        timeout: LAUNCH_TIMEOUT_MS,
        protocolTimeout: Math.max(30_000, renderTimeoutMs * 2),
        // The application owns shutdown (close()); Puppeteer still kills Chromium on process exit.
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      });
    } catch (error) {
      await removeDir(userDataDir);
      log?.error({ event: 'pdf.browser-launch-failed', ms: Math.round(performance.now() - started) }, 'Chromium could not be started');
      throw new RenderFailedError('Chromium could not be started', { cause: error });
    }
    let rejectGone!: (error: Error) => void;
    const gone = new Promise<never>((_, reject) => (rejectGone = reject));
    gone.catch(noop);
    const state: BrowserState = {
      id: nextBrowserId++,
      browser,
      pid: browser.process()?.pid ?? null,
      userDataDir,
      idle: [],
      renders: 0,
      inFlight: 0,
      dead: false,
      retiring: false,
      closingOnPurpose: false,
      gone,
      cleanup: null,
      // Puppeteer kills Chromium in its own exit handler, registered before this one.
      removeOnExit: () => rmSync(userDataDir, { recursive: true, force: true }),
    };
    process.once('exit', state.removeOnExit);
    browsers.add(state);
    browser.once('disconnected', () => {
      rejectGone(new BrowserCrashedError('Chromium disconnected'));
      onDisconnected(state);
    });
    counters.browserLaunches++;
    log?.info({ event: 'pdf.browser-launched', browser: state.id, pid: state.pid, ms: Math.round(performance.now() - started) }, 'Chromium started');
    if (closed) {
      await shutDown(state);
      throw new RendererClosedError();
    }
    if (!browser.connected) {
      onDisconnected(state);
      throw new BrowserCrashedError('Chromium exited right after starting');
    }
    current = state;
  }

  /** The current browser (launching one if needed), with a render counted against it. */
  async function leaseBrowser(): Promise<BrowserState> {
    for (;;) {
      if (closed) throw new RendererClosedError();
      const state = current;
      if (state && !state.dead && !state.retiring) {
        state.inFlight++;
        state.renders++;
        if (state.renders >= maxRendersPerBrowser) {
          counters.browserRecycles++;
          log?.info({ event: 'pdf.browser-recycle', browser: state.id, renders: state.renders }, 'Chromium will be replaced');
          retire(state);
        }
        return state;
      }
      launching ??= launch().finally(() => (launching = null));
      await launching;
    }
  }

  function releaseBrowser(state: BrowserState) {
    state.inFlight--;
    if (state.inFlight === 0 && state.retiring && !state.dead) void shutDown(state);
  }

  // ---- pages --------------------------------------------------------------------------------

  function onRequest(request: HTTPRequest) {
    if (request.isInterceptResolutionHandled()) return;
    // data: URLs never reach the network (and cannot be intercepted); everything else is refused.
    if (request.url().startsWith('data:')) {
      request.continue().catch(noop);
      return;
    }
    counters.blockedRequests++;
    request.abort('blockedbyclient').catch(noop);
  }

  async function newPooledPage(state: BrowserState): Promise<PooledPage> {
    const page = await state.browser.newPage();
    let rejectGone!: (error: Error) => void;
    const gone = new Promise<never>((_, reject) => (rejectGone = reject));
    gone.catch(noop);
    const pooled: PooledPage = { page, renders: 0, gone, crashed: false };
    page.once('error', () => {
      pooled.crashed = true;
      rejectGone(new Error('The page crashed'));
    });
    page.once('close', () => rejectGone(new Error('The page closed')));
    try {
      await page.setJavaScriptEnabled(false);
      await page.setRequestInterception(true);
      page.on('request', onRequest);
    } catch (error) {
      page.close().catch(noop);
      throw error;
    }
    return pooled;
  }

  async function discardPage(pooled: PooledPage) {
    counters.pagesDiscarded++;
    await within(pooled.page.close().catch(noop), CLEANUP_TIMEOUT_MS, undefined);
  }

  // ---- one render ---------------------------------------------------------------------------

  /** One attempt on one page of one browser; never throws. */
  async function attempt(state: BrowserState, job: Job): Promise<{ ok: true; bytes: Uint8Array; pooled: PooledPage } | { ok: false; failure: Failure; pooled: PooledPage | null }> {
    const ctx: { pooled: PooledPage | null; abandoned: boolean } = { pooled: null, abandoned: false };
    const work = (async () => {
      const pooled = state.idle.pop() ?? (await newPooledPage(state));
      if (ctx.abandoned) {
        // The attempt already timed out while this page was being made: nobody will use it.
        void discardPage(pooled);
        throw new Error('abandoned');
      }
      ctx.pooled = pooled;
      const { page } = pooled;
      const steps = (async () => {
        await page.setContent(job.html, { waitUntil: 'load', timeout: renderTimeoutMs + 1_000 });
        return await page.pdf({ format: job.format, printBackground: true, preferCSSPageSize: true, timeout: renderTimeoutMs + 1_000 });
      })();
      steps.catch(noop);
      return await Promise.race([steps, pooled.gone]);
    })();
    work.catch(noop);

    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), renderTimeoutMs)));
    try {
      const outcome = await Promise.race([work, timedOut, state.gone]);
      if (outcome !== 'timeout' && ctx.pooled) return { ok: true, bytes: outcome, pooled: ctx.pooled };
      ctx.abandoned = true;
      // A browser that dies makes every page time out: a timeout on a dead browser is a crash.
      if (state.dead) return { ok: false, failure: { kind: 'browser-gone' }, pooled: ctx.pooled };
      return { ok: false, failure: { kind: 'timeout' }, pooled: ctx.pooled };
    } catch (error) {
      ctx.abandoned = true;
      if (!state.dead) {
        // A protocol error may arrive a moment before "disconnected": give the browser a moment to say so.
        await within(state.gone.catch(noop), CRASH_GRACE_MS, undefined);
      }
      if (state.dead) return { ok: false, failure: { kind: 'browser-gone' }, pooled: ctx.pooled };
      if (ctx.pooled?.crashed) return { ok: false, failure: { kind: 'page-gone' }, pooled: ctx.pooled };
      return { ok: false, failure: { kind: 'error', error }, pooled: ctx.pooled };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Puts a page back (reset to about:blank) or recycles it. */
  async function returnPage(state: BrowserState, pooled: PooledPage, html: string) {
    const hadHttpEquiv = HTTP_EQUIV.test(html);
    pooled.renders++;
    if (state.dead) return;
    if (state.retiring) {
      state.idle.push(pooled); // closed with the browser
      return;
    }
    if (pooled.renders >= maxRendersPerPage) {
      counters.pageRecycles++;
      await within(pooled.page.close().catch(noop), CLEANUP_TIMEOUT_MS, undefined);
      return;
    }
    // setContent writes into the page's about:blank document, so a page normally never leaves
    // about:blank: emptying that document drops the CV and costs ~9 ms, where navigating to a fresh
    // about:blank costs 40-70 ms of mostly CPU and cut pool throughput by a third on 2 cores.
    // document.open() keeps the Document object, though, and with it what <meta http-equiv> set up
    // (a pending refresh fires into the next CV; a CSP stays). So a page whose HTML had any
    // http-equiv, or that navigated away, gets a real navigation to a fresh about:blank.
    const { page } = pooled;
    const resetting =
      page.url() === 'about:blank' && !hadHttpEquiv
        ? page.setContent('', { waitUntil: 'load', timeout: CLEANUP_TIMEOUT_MS })
        : page.goto('about:blank', { waitUntil: 'load', timeout: CLEANUP_TIMEOUT_MS });
    const reset = await within(
      resetting.then(
        () => true,
        () => false,
      ),
      CLEANUP_TIMEOUT_MS,
      false,
    );
    if (reset && !state.dead) state.idle.push(pooled);
    else if (!state.dead) await discardPage(pooled);
  }

  async function runJob(job: Job): Promise<void> {
    const started = performance.now();
    for (let attemptNo = 1; ; attemptNo++) {
      let state: BrowserState;
      try {
        state = await leaseBrowser();
      } catch (error) {
        counters.failures++;
        job.reject(error instanceof Error ? error : new RenderFailedError('PDF render failed', { cause: error }));
        return;
      }
      try {
        const result = await attempt(state, job);
        if (result.ok) {
          let pdf: Buffer;
          let pages: number;
          try {
            ({ pdf, pages } = await finishPdf(result.bytes));
          } catch (error) {
            counters.failures++;
            job.reject(new RenderFailedError('Chromium produced an unreadable PDF', { cause: error }));
            await returnPage(state, result.pooled, job.html);
            return;
          }
          const ms = Math.round(performance.now() - started);
          counters.renders++;
          log?.debug({ event: 'pdf.rendered', ms, pages, bytes: pdf.byteLength, attempts: attemptNo }, 'PDF rendered');
          job.resolve({ pdf, ms, pages });
          // The caller has its PDF; resetting the page happens before the slot is given up.
          await returnPage(state, result.pooled, job.html);
          return;
        }

        const { failure, pooled } = result;
        if (pooled && !state.dead) await discardPage(pooled);
        if (closed) {
          counters.failures++;
          job.reject(new RendererClosedError());
          return;
        }
        if (failure.kind === 'timeout') {
          counters.timeouts++;
          counters.failures++;
          log?.warn({ event: 'pdf.render-timeout', timeoutMs: renderTimeoutMs, attempts: attemptNo }, 'PDF render timed out');
          job.reject(new RenderTimeoutError(`PDF render timed out after ${renderTimeoutMs} ms; the page was discarded`));
          return;
        }
        if (failure.kind === 'browser-gone' || failure.kind === 'page-gone') {
          if (attemptNo === 1) {
            counters.retries++;
            log?.warn({ event: 'pdf.render-retry', reason: failure.kind }, 'PDF render interrupted; retrying once');
            continue;
          }
          counters.failures++;
          job.reject(new BrowserCrashedError(failure.kind === 'browser-gone' ? 'Chromium died during the render, twice' : 'The page crashed during the render, twice'));
          return;
        }
        counters.failures++;
        log?.warn({ event: 'pdf.render-failed', attempts: attemptNo }, 'PDF render failed');
        job.reject(new RenderFailedError('PDF render failed', { cause: failure.error }));
        return;
      } finally {
        releaseBrowser(state);
      }
    }
  }

  // ---- queue --------------------------------------------------------------------------------

  function start(job: Job) {
    const task = runJob(job)
      .catch((error: unknown) => job.reject(new RenderFailedError('PDF render failed', { cause: error })))
      .finally(() => {
        running.delete(task);
        pump();
      });
    running.add(task);
  }

  function pump() {
    while (!closed && running.size < poolSize) {
      const job = waiting.shift();
      if (!job) return;
      start(job);
    }
  }

  return {
    render(html, renderOptions) {
      if (closed) return Promise.reject(new RendererClosedError());
      if (typeof html !== 'string') return Promise.reject(new TypeError('render: html must be a string'));
      if (!FORMATS.has(renderOptions?.format)) return Promise.reject(new TypeError('render: format must be A4 or Letter'));
      return new Promise<RenderResult>((resolve, reject) => {
        const job: Job = { html, format: renderOptions.format, resolve, reject };
        if (running.size < poolSize) start(job);
        else if (waiting.length < maxQueue) waiting.push(job);
        else {
          counters.rejectedBusy++;
          log?.warn({ event: 'pdf.busy', queued: waiting.length, active: running.size }, 'PDF renderer queue full');
          reject(new RendererBusyError(`The PDF renderer is busy (${running.size} rendering, ${waiting.length} waiting); try again shortly`));
        }
      });
    },

    stats() {
      const live = current && !current.dead ? current : null;
      return {
        ...counters,
        browserPid: live?.pid ?? null,
        active: running.size,
        queued: waiting.length,
        idlePages: live?.idle.length ?? 0,
        rendersOnCurrentBrowser: live?.renders ?? 0,
        pagePoolSize: poolSize,
      };
    },

    close() {
      if (closing) return closing;
      closed = true;
      for (const job of waiting.splice(0)) job.reject(new RendererClosedError());
      closing = (async () => {
        await launching?.catch(noop);
        await Promise.all([...browsers].map((state) => shutDown(state)));
        await Promise.allSettled([...running]);
        // Browsers that died on their own may still be being reaped.
        await Promise.all([...browsers].map((state) => state.cleanup ?? shutDown(state)));
        log?.info({ event: 'pdf.renderer-closed', renders: counters.renders, failures: counters.failures }, 'PDF renderer closed');
      })();
      return closing;
    },
  };
}
