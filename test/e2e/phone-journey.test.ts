import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser, screenshotter, startE2eApp } from './browser.ts';
import { axeViolations } from './axe.ts';
import { job } from '../support/fixtures.ts';
import { LAYOUTS } from '../evals/parse-cv/layouts.ts';
import { CV_IMPORT_FIXTURES } from '../evals/parse-cv/corpus.ts';

/**
 * Issue 18's measure: a nurse on a 375 x 812 touch screen goes from the landing page to a share
 * link for a tailored CV, starting from the CV she already has (a PDF this test renders). After
 * every tap, the step's result must be on screen (in the viewport, not somewhere below the
 * fold), and axe must find nothing. It prints the number of taps, the time, and what the first
 * visit downloaded (bytes on the wire, compressed as served).
 */
let app: Awaited<ReturnType<typeof startE2eApp>>;
let browser: Browser;

beforeAll(async () => {
  app = await startE2eApp();
  browser = await launchBrowser();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const VIEWPORT = { width: 375, height: 812 };

/** True when some of the element is inside the visible viewport. */
async function inViewport(locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  return Boolean(box && box.y < VIEWPORT.height && box.y + box.height > 0 && box.x < VIEWPORT.width && box.x + box.width > 0);
}

/** The step's result appears and is scrolled into view within moments (focus moves it there). */
async function expectOnScreen(locator: Locator, what: string) {
  await locator.waitFor();
  await expect.poll(() => inViewport(locator), { message: `${what} is on screen`, timeout: 3_000 }).toBe(true);
}

/** Bytes the browser received for a page load (headers and bodies as sent: compressed when served compressed). */
function wireBytes(page: Page) {
  let total = 0;
  const pending: Array<Promise<void>> = [];
  page.on('requestfinished', (request) => {
    pending.push(
      request.sizes().then((s) => {
        total += s.responseHeadersSize + s.responseBodySize;
      }),
    );
  });
  return async () => {
    await Promise.all(pending);
    return total;
  };
}

describe('the first ten minutes on a phone, end to end', () => {
  it('goes from the landing page to a share link for a tailored CV, each result on screen', { timeout: 300_000 }, async () => {
    // The CV she already has, as a PDF laid out by a layout we did not write the parser against.
    const resume = JSON.parse(fs.readFileSync(path.join(CV_IMPORT_FIXTURES, 'kwame-asante-icu-nurse.json'), 'utf8'));
    const renderPage = await browser.newPage();
    await renderPage.setContent(LAYOUTS['classic-long']!(resume));
    const cvPdf = await renderPage.pdf({ format: 'A4' });
    await renderPage.close();

    const context = await browser.newContext({ viewport: VIEWPORT, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const page = await context.newPage();
    const shot = screenshotter('phone-journey');
    let taps = 0;
    const tap = async (locator: Locator) => {
      taps++;
      await locator.tap();
    };
    const started = Date.now();

    // 1. The landing page, cold: what a phone downloads before anything is cached.
    const landingBytes = wireBytes(page);
    await page.goto(`${app.origin}/`, { waitUntil: 'load' });
    await expectOnScreen(page.getByRole('heading', { level: 1 }), 'the landing heading');
    const landing = await landingBytes();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'landing');

    // 2. Sign up: the app shell is the first script the phone downloads.
    const appBytes = wireBytes(page);
    await tap(page.getByRole('link', { name: 'Create your free account' }).first());
    await page.getByRole('heading', { level: 1, name: /create/i }).waitFor();
    await page.waitForLoadState('networkidle');
    const appShell = await appBytes();
    await page.getByLabel('Full name').fill('Kwame Asante');
    await page.getByLabel('Email address').fill('kwame.asante@example.org');
    await page.getByLabel('Password', { exact: true }).fill('harbour-lights-ward-31');
    await tap(page.getByRole('button', { name: 'Create account' }));

    // 3. Onboarding starts where she is: with her CV.
    await expectOnScreen(page.getByRole('heading', { level: 1, name: 'Welcome, Kwame' }), 'the welcome heading');
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'welcome');
    await tap(page.getByRole('button', { name: 'Upload my CV' }));
    const uploadHeading = page.getByRole('heading', { level: 2, name: 'Upload my CV' });
    await expectOnScreen(uploadHeading, 'the upload section');
    await expect.poll(() => uploadHeading.evaluate((el) => el === document.activeElement)).toBe(true);
    // Choosing a file is one tap on the file input and one in the phone's picker.
    taps += 2;
    await page.getByLabel('CV file').setInputFiles({ name: 'kwame-cv.pdf', mimeType: 'application/pdf', buffer: cvPdf });
    const review = page.getByRole('heading', { name: 'Found in kwame-cv.pdf' });
    await expectOnScreen(review, 'the draft read from the CV');
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'cv-draft');
    await tap(page.getByRole('button', { name: /^Tick all \d+$/ }));
    await tap(page.getByRole('button', { name: /^Import \d+ ticked items$/ }));
    await expectOnScreen(page.getByRole('heading', { name: 'Imported from kwame-cv.pdf' }), 'the import result');
    await shot(page, 'imported');

    // 4. Tailor a CV to an advert: progress, then the result, come into view and take focus.
    await tap(page.getByRole('link', { name: 'Tailor a CV for a job' }));
    await page.getByRole('heading', { level: 1, name: 'Assistant' }).waitFor();
    await page.getByLabel('Job description').fill(job('critical-care-outreach-band6.txt'));
    await tap(page.getByRole('button', { name: 'Tailor my CV' }));
    const progress = page.getByRole('heading', { name: 'Your tailored CV' });
    await expectOnScreen(progress, 'the CV progress');
    await shot(page, 'cv-progress');
    const result = page.getByRole('heading', { name: /^Your CV for / });
    await result.waitFor({ timeout: 120_000 });
    await expect.poll(() => result.evaluate((el) => el === document.activeElement), { timeout: 10_000 }).toBe(true);
    await expectOnScreen(result, 'the CV result');
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'cv-result');

    // 5. Share it: the created link is on screen.
    await tap(page.getByRole('link', { name: 'Share this CV' }));
    await page.getByLabel('Recipient email').fill('recruiter@agency.example');
    await tap(page.getByRole('button', { name: 'Create link' }));
    await expectOnScreen(page.getByRole('heading', { name: 'Link created' }), 'the created link');
    expect(await page.getByLabel('Share link').inputValue()).toMatch(new RegExp(`^${app.origin}/s/`));
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'shared');

    const seconds = (Date.now() - started) / 1000;
    console.log(`phone-journey: ${taps} taps, ${seconds.toFixed(1)} s from landing to share link; first load: landing ${(landing / 1024).toFixed(1)} KB, app shell ${(appShell / 1024).toFixed(1)} KB`);
    // The landing page is one small compressed document; the app shell must stay phone-sized.
    expect(landing).toBeLessThan(30 * 1024);
    expect(appShell).toBeLessThan(250 * 1024);
    await context.close();
  });
});
