import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startSmtpServer } from '../support/smtp.ts';
import { FIXTURES_DIR, jobs } from '../support/fixtures.ts';
import { launchBrowser, screenshotter, startE2eApp } from './browser.ts';
import { extractPdfText } from '../../server/adapters/pdf/text-check.ts';

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
  // A new account starts at onboarding; this journey enters its record by hand from the dashboard.
  await page.getByRole('heading', { level: 1, name: /^Welcome/ }).waitFor();
  await page.getByRole('link', { name: 'Skip for now and go to my dashboard' }).click();
  await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
}

const main = (page: Page) => page.locator('main');
/** The check code printed on the journey's CV, for the phone's QR-link check. */
let issuedCode: string | undefined;

describe('a clinician in the browser', () => {
  it(
    'signs up, imports a persona, has a post confirmed by a referee, works a shift, tailors a CV that shows the confirmation, shares it, sees the recruiter’s view and check, and revokes the link',
    { timeout: 300_000 },
    async () => {
      const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const shot = screenshotter('journey');

      await signUp(page, 'Daniel Adeyemi', 'daniel.adeyemi@example.org');
      await shot(page, 'signed-up');

      // Import the ICU nurse persona from its JSON Resume file.
      await page.goto(`${app.origin}/record`);
      await page.getByLabel('JSON Resume file').setInputFiles(path.join(FIXTURES_DIR, 'personas/icu-nurse-band6.json'));
      await main(page)
        .getByText(/imported/i)
        .first()
        .waitFor();
      await main(page).getByText('Clifton Vale NHS Foundation Trust').first().waitFor();
      await shot(page, 'persona-imported');

      // A referee confirms the current post through their emailed link, in their own browser.
      await page.goto(`${app.origin}/verifications`);
      await page.getByLabel('Post to confirm').selectOption({ label: 'Senior Staff Nurse, General Intensive Care Unit, Clifton Vale NHS Foundation Trust (1 Apr 2022 to present)' });
      await page.getByLabel("Referee's name").fill('Grace Okoro');
      await page.getByLabel("Referee's email address").fill('grace.okoro@cliftonvale.nhs.uk');
      await page.getByLabel('Their relationship to you').fill('Matron');
      await page.getByRole('button', { name: 'Send request' }).click();
      await main(page).getByText('Request sent to Grace Okoro').waitFor();
      await shot(page, 'referee-asked');
      const request = await smtp.waitForEmail('grace.okoro@cliftonvale.nhs.uk', /confirm a post/);
      const refereeUrl = request.text.match(/https?:\/\/\S+\/verify\/[A-Za-z0-9_-]{43}/)![0];
      const refereeContext = await browser.newContext();
      const referee = await refereeContext.newPage();
      await referee.goto(refereeUrl);
      await referee.getByRole('heading', { name: 'Did Daniel Adeyemi hold this post?' }).waitFor();
      await referee.getByLabel('Your job title or role').fill('Matron, Critical Care');
      await referee.getByLabel('The organisation you work for').fill('Clifton Vale NHS Foundation Trust');
      await referee.getByLabel(/I declare that I know this/).check();
      await shot(referee, 'referee-form');
      await referee.getByRole('button', { name: 'Confirm' }).click();
      await referee.getByText('You confirmed the post.').waitFor();
      await refereeContext.close();
      // The clinician sees who confirmed it.
      await page.goto(`${app.origin}/record`);
      await main(page)
        .getByText(/Confirmed by Grace Okoro, Matron, Critical Care, Clifton Vale NHS Foundation Trust/)
        .first()
        .waitFor();
      await shot(page, 'post-confirmed');

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
      await main(page)
        .getByRole('heading', { name: /Removed by the evidence check|Nothing was removed by the evidence check/ })
        .waitFor();
      await main(page)
        .getByRole('heading', { name: /^Warnings \(\d+\)$/ })
        .waitFor();
      await main(page).getByRole('heading', { name: 'Job requirements' }).waitFor();
      await shot(page, 'cv-result');
      // The CV carries the referee's confirmation, as the PDF and its signed record say.
      const evidence = main(page).getByRole('region', { name: 'Evidence on this CV' });
      await evidence
        .getByText(/^Confirmed by Matron, Critical Care, Clifton Vale NHS Foundation Trust on /)
        .first()
        .waitFor();
      await shot(page, 'cv-evidence');
      const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
      const saved = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'medfolio-e2e-')), 'cv.pdf');
      await file.saveAs(saved);
      expect(fs.readFileSync(saved).subarray(0, 5).toString()).toBe('%PDF-');
      const pdfText = (await extractPdfText(fs.readFileSync(saved))).text.replace(/\s+/g, ' ');
      expect(pdfText).toContain('Confirmed by Matron, Critical Care, Clifton Vale NHS Foundation Trust on');
      expect(pdfText).toContain(`Check this CV at ${app.origin}/check?code=`);
      issuedCode = pdfText.replace(/\s+/g, '').match(/Checkcode:([0-9A-Z]{7}-[0-9A-Z]{7}-[0-9A-Z]{7})/)?.[1];

      // Share it with a recruiter, behind a passcode.
      await page.goto(`${app.origin}/cvs`);
      await main(page)
        .getByRole('link', { name: /^Share / })
        .first()
        .click();
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
      await recruiterPage
        .getByText(/Confirmed by Matron, Critical Care, Clifton Vale NHS Foundation Trust on/)
        .first()
        .waitFor();
      await shot(recruiterPage, 'recruiter-view');

      // The recruiter checks the PDF they were sent at /check: genuine; a one-byte change is not.
      await recruiterPage.goto(`${app.origin}/check`);
      await recruiterPage.getByLabel('CV (PDF)').setInputFiles(saved);
      await recruiterPage.getByRole('button', { name: 'Check the PDF' }).click();
      await recruiterPage.getByRole('heading', { name: 'Genuine and unchanged' }).waitFor();
      await recruiterPage
        .getByText(/^Confirmed by Matron, Critical Care, Clifton Vale NHS Foundation Trust on /)
        .first()
        .waitFor();
      await shot(recruiterPage, 'recruiter-check-genuine');
      const changed = Buffer.from(fs.readFileSync(saved));
      const producer = changed.indexOf('/Producer');
      changed[producer + 12] = changed[producer + 12]! ^ 0x01;
      await recruiterPage.getByLabel('CV (PDF)').setInputFiles({ name: 'cv.pdf', mimeType: 'application/pdf', buffer: changed });
      await recruiterPage.getByRole('button', { name: 'Check the PDF' }).click();
      await recruiterPage.getByRole('heading', { name: 'Not genuine' }).waitFor();
      await shot(recruiterPage, 'recruiter-check-changed');

      // The clinician sees the view, in the share's log and in the activity timeline.
      await page.goto(`${app.origin}/shares`);
      const link = main(page).getByRole('article', { name: /rae\.recruiter@agency\.example/ });
      await link.getByText(/Views \([1-9]\d*\)/).click();
      await link.getByRole('cell', { name: 'Page' }).first().waitFor();
      await shot(page, 'share-viewed');
      await page.goto(`${app.origin}/activity`);
      await main(page)
        .getByText(/recruiter (opened|viewed)/i)
        .first()
        .waitFor();
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
    },
  );

  it('opens the check page from a CV’s QR link on a 375 px phone, with the code filled in and checked', { timeout: 120_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const shot = screenshotter('phone-check');
    // The journey's CV (the test above) printed this code and its QR link.
    expect(issuedCode).toMatch(/^[0-9A-Z]{7}-[0-9A-Z]{7}-[0-9A-Z]{7}$/);
    await page.goto(`${app.origin}/check?code=${issuedCode}`);
    await expect.poll(() => page.getByLabel('Check code', { exact: true }).inputValue()).toBe(issuedCode);
    await page.getByRole('heading', { name: 'This code is genuine' }).waitFor();
    await page.getByText(/It belongs to a CV Medfolio issued to Daniel Adeyemi/).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    const button = await page.getByRole('button', { name: 'Check the code' }).boundingBox();
    expect(button!.height).toBeGreaterThanOrEqual(44);
    await shot(page, 'qr-code');
    // A code Medfolio never issued: said plainly.
    await page.getByLabel('Check code', { exact: true }).fill('ABCDEFG-HJKMNPQ-RSTVWXY');
    await page.getByRole('button', { name: 'Check the code' }).tap();
    await page.getByRole('heading', { name: 'The check could not be done' }).waitFor();
    await page.getByText(/No CV has this check code/).waitFor();
    await shot(page, 'unknown-code');
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
