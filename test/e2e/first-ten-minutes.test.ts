import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshotter, startE2eApp } from './browser.ts';
import { axeViolations } from './axe.ts';

/**
 * The first ten minutes on a phone (375 px): the landing page a signed-out visitor gets at `/`,
 * signing up, and the dashboard of an empty record with its getting-started checklist. axe
 * must find nothing on any of them.
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

describe('the first ten minutes, on a phone', () => {
  it('lands, reads the plans, signs up and sees what to do next, with no accessibility violations', { timeout: 180_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const shot = screenshotter('first-ten');
    const thirdParty: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(app.origin)) thirdParty.push(r.url());
    });

    await page.goto(`${app.origin}/`);
    await page.getByRole('heading', { level: 1, name: 'One career record, a CV that proves itself' }).waitFor();
    await page.getByRole('list', { name: 'Plans' }).getByRole('heading', { name: 'Free' }).waitFor();
    // What it costs, before signing up.
    await page.getByRole('list', { name: 'Plans' }).getByText('£9 a month').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'landing');

    await page.getByRole('link', { name: 'Create your free account' }).first().click();
    await page.getByRole('heading', { level: 1, name: /create/i }).waitFor();
    // An empty email is missing, not "not a valid email address".
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('link', { name: 'Email address is required' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Full name').fill('Priya Raman');
    await page.getByLabel('Email address').fill('priya.raman@example.org');
    await page.getByLabel('Password', { exact: true }).fill('correct-lamp-riverbank-42');
    await page.getByRole('button', { name: 'Create account' }).click();
    // Onboarding comes first; skipping it leaves a dashboard that still says what to do next.
    await page.getByRole('heading', { level: 1, name: 'Welcome, Priya' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Skip for now and go to my dashboard' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();

    await page.getByRole('heading', { name: 'Get started' }).waitFor();
    await page.getByRole('progressbar', { name: '0 of 5 done' }).waitFor();
    await page.getByText(/Nothing to check yet: your record is empty/).waitFor();
    expect(await page.getByText(/nothing in your record needs attention/).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'empty-dashboard');

    // Signed in, `/` is the app's dashboard, not the landing page.
    await page.goto(`${app.origin}/`);
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();

    // Starting from an existing CV (or a JSON Resume) is one tap from the dashboard.
    await page.getByRole('link', { name: 'Start from your CV' }).click();
    await page.getByRole('heading', { name: 'Import and export' }).waitFor();
    expect(thirdParty).toEqual([]);

    // The check itself works: a page with an unlabelled image fails it.
    await page.setContent('<!doctype html><html lang="en"><head><title>t</title></head><body><main><img src="data:image/png;base64,iVBORw0KGgo="></main></body></html>');
    expect((await axeViolations(page)).map((v) => v.id)).toContain('image-alt');
    await context.close();
  });
});
