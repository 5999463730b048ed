import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startSmtpServer } from '../support/smtp.ts';
import { FIXTURES_DIR, jobs } from '../support/fixtures.ts';
import { launchBrowser, screenshotter, startE2eApp } from './browser.ts';

/**
 * The clinician's journey end to end, in Debian's Chromium against the real server and its
 * built web app: every step is done through the pages, as a person would, and photographed
 * into test/e2e/screenshots for review.
 */
let app: Awaited<ReturnType<typeof startE2eApp>>;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let browser: Browser;

beforeAll(async () => {
  smtp = await startSmtpServer();
  app = await startE2eApp({ SMTP_URL: smtp.url });
  browser = await launchBrowser();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await smtp?.close();
});

const PASSWORD = 'correct-lamp-riverbank-42';

async function signUp(page: Page, name: string, email: string) {
  await page.goto(`${app.origin}/sign-up`);
  await page.getByLabel('Full name').fill(name);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
}

const main = (page: Page) => page.locator('main');

describe('a clinician in the browser', () => {
  it('signs up, imports a persona, works a shift, tailors a CV, shares it, sees the recruiter’s view, and revokes the link', { timeout: 240_000 }, async () => {
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const shot = screenshotter('journey');

    await signUp(page, 'Daniel Adeyemi', 'daniel.adeyemi@example.org');
    await shot(page, 'signed-up');

    // Import the ICU nurse persona from its JSON Resume file.
    await page.goto(`${app.origin}/record`);
    await page.getByLabel('JSON Resume file').setInputFiles(path.join(FIXTURES_DIR, 'personas/icu-nurse-band6.json'));
    await main(page).getByText(/imported/i).first().waitFor();
    await main(page).getByText('Clifton Vale NHS Foundation Trust').first().waitFor();
    await shot(page, 'persona-imported');

    // A shift: clock in, see the timer, clock out.
    await page.goto(`${app.origin}/timecards`);
    await page.getByLabel('Employer').fill('Clifton Vale NHS Foundation Trust');
    await page.getByLabel('Role', { exact: true }).fill('Bank staff nurse, ICU');
    await page.getByRole('button', { name: 'Clock in' }).click();
    await page.getByRole('button', { name: 'Clock out' }).waitFor();
    await shot(page, 'clocked-in');
    await page.getByRole('button', { name: 'Clock out' }).click();
    await page.getByRole('button', { name: 'Clock in' }).waitFor();
    await shot(page, 'clocked-out');

    // Tailor a CV to a fixture job, watch the progress, read the warnings, download the PDF.
    await page.goto(`${app.origin}/assistant`);
    await page.getByLabel('Job description').fill(jobs().find((j) => j.file === 'critical-care-outreach-band6.txt')!.text);
    await page.getByRole('button', { name: 'Tailor my CV' }).click();
    await page.getByRole('heading', { name: 'Your tailored CV' }).waitFor();
    await shot(page, 'cv-progress');
    const download = main(page).getByRole('link', { name: 'Download PDF' });
    await download.waitFor({ timeout: 120_000 });
    // What the evidence check did, and what the job asks for that the record lacks, are shown.
    await main(page).getByRole('heading', { name: /Removed by the evidence check|Nothing was removed by the evidence check/ }).waitFor();
    await main(page).getByRole('heading', { name: /^Warnings \(\d+\)$/ }).waitFor();
    await main(page).getByRole('heading', { name: 'Job requirements' }).waitFor();
    await shot(page, 'cv-result');
    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    const saved = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'medfolio-e2e-')), 'cv.pdf');
    await file.saveAs(saved);
    expect(fs.readFileSync(saved).subarray(0, 5).toString()).toBe('%PDF-');

    // Share it with a recruiter, behind a passcode.
    await page.goto(`${app.origin}/cvs`);
    await main(page).getByRole('link', { name: /^Share / }).first().click();
    await page.getByLabel('Recipient email').fill('rae.recruiter@agency.example');
    await page.getByLabel('Passcode (optional)').fill('ward-7-blue');
    await page.getByRole('button', { name: 'Create link' }).click();
    await page.getByRole('heading', { name: 'Link created' }).waitFor();
    const shareUrl = await page.getByLabel('Share link').inputValue();
    expect(shareUrl).toMatch(new RegExp(`^${app.origin}/s/[A-Za-z0-9_-]{20,}$`));
    await shot(page, 'share-created');
    await smtp.waitForEmail('rae.recruiter@agency.example', /shared their CV/);

    // The recruiter: a fresh browser with no account opens the link and enters the passcode.
    const recruiter = await browser.newContext();
    const recruiterPage = await recruiter.newPage();
    await recruiterPage.goto(shareUrl);
    await recruiterPage.getByLabel('Passcode').fill('ward-7-blue');
    await recruiterPage.getByRole('button', { name: 'Open' }).click();
    await recruiterPage.getByRole('link', { name: 'View the CV (PDF)' }).waitFor();
    await shot(recruiterPage, 'recruiter-view');

    // The clinician sees the view, in the share's log and in the activity timeline.
    await page.goto(`${app.origin}/shares`);
    const link = main(page).getByRole('article', { name: /rae\.recruiter@agency\.example/ });
    await link.getByText(/Views \([1-9]\d*\)/).click();
    await link.getByRole('cell', { name: 'Page' }).first().waitFor();
    await shot(page, 'share-viewed');
    await page.goto(`${app.origin}/activity`);
    await main(page).getByText(/recruiter (opened|viewed)/i).first().waitFor();
    await shot(page, 'activity');

    // Revoke: the recruiter's link answers 410 from then on.
    await page.goto(`${app.origin}/shares`);
    await link.getByRole('button', { name: 'Revoke' }).click();
    await link.getByRole('button', { name: 'Yes, revoke' }).click();
    await link.getByText('Revoked', { exact: true }).waitFor();
    await shot(page, 'revoked');
    const gone = await recruiterPage.goto(shareUrl);
    expect(gone?.status()).toBe(410);
    await shot(recruiterPage, 'recruiter-gone');
    await recruiter.close();
    await context.close();
  });

  it('keeps the time card usable on a 375 px phone', { timeout: 120_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const shot = screenshotter('phone');
    await signUp(page, 'Leila Haddad', 'leila.haddad@example.org');
    await page.goto(`${app.origin}/timecards`);
    await page.getByLabel('Employer').fill('Wharfedale Teaching Hospitals');
    await page.getByLabel('Role', { exact: true }).fill('Locum registrar, ED');
    await shot(page, 'timecard');
    await page.getByRole('button', { name: 'Clock in' }).tap();
    const clockOut = page.getByRole('button', { name: 'Clock out' });
    await clockOut.waitFor();
    // Nothing is wider than the screen, and the main control is a comfortable tap target.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    const box = await clockOut.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    await shot(page, 'clocked-in');
    await clockOut.tap();
    await page.getByRole('button', { name: 'Clock in' }).waitFor();
    await shot(page, 'clocked-out');
    await context.close();
  });
});
