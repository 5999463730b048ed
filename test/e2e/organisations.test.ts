import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshotter, startE2eApp } from './browser.ts';
import { axeViolations } from './axe.ts';
import { startSmtpServer } from '../support/smtp.ts';
import { signUp, STRONG_PASSWORD } from '../support/accounts.ts';
import { invite } from '../support/organisations.ts';

/**
 * An invitation accepted in the browser by someone with no account yet: the emailed link, the
 * terms, signing up from it, accepting, the organisation's page and "what my organisation sees";
 * then the admin's page with the new member in the compliance view. axe finds nothing on any.
 */
let app: Awaited<ReturnType<typeof startE2eApp>>;
let browser: Browser;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

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

const noViolations = async (page: Page) => expect(await axeViolations(page)).toEqual([]);

describe('joining an organisation from an invitation', () => {
  it('a newcomer reads the terms, signs up from the link, accepts and sees what the organisation sees', { timeout: 180_000 }, async () => {
    const admin = await signUp(app, { name: 'Dr Ada Admin' });
    const orgId = (await admin.client.post('/api/organisations', { name: 'Severnside Locums', kind: 'agency' })).body.id as string;
    const address = 'sam.newcomer@example.org';
    const { mail } = await invite(smtp, admin.client, orgId, address, { scope: ['registration', 'training'] });
    const link = mail.text.match(/https?:\/\/\S+\/invitations\?token=[A-Za-z0-9_-]+/)![0];
    expect(link.startsWith(`${app.origin}/invitations?token=`)).toBe(true);

    const context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
    const page = await context.newPage();
    const shot = screenshotter('organisations');
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'An invitation to join an organisation' }).waitFor();
    await page.getByRole('heading', { name: 'What Severnside Locums would see' }).waitFor();
    await page.getByText(/your training: each course/).waitFor();
    expect(await page.getByText(/DBS checks/).count()).toBe(0);
    await noViolations(page);
    await shot(page, 'invitation');

    await page.getByRole('link', { name: 'Create an account to accept' }).click();
    await page.getByRole('heading', { level: 1, name: /create/i }).waitFor();
    await page.getByLabel('Full name').fill('Sam Newcomer');
    await page.getByLabel('Email address').fill(address);
    await page.getByLabel('Password', { exact: true }).fill(STRONG_PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    // Back on the invitation, signed in: the same terms, now with the choice.
    await page.getByRole('button', { name: 'Accept and join' }).waitFor();
    await noViolations(page);
    await page.getByRole('button', { name: 'Accept and join' }).click();

    await page.getByRole('heading', { level: 1, name: 'Severnside Locums' }).waitFor();
    await page.getByText('You are a member of this organisation.').waitFor();
    expect(await page.getByLabel('Registrations').isChecked()).toBe(true);
    expect(await page.getByLabel('DBS checks').isChecked()).toBe(false);
    await noViolations(page);
    await shot(page, 'member-view');

    await page.getByRole('link', { name: 'See exactly what they see' }).click();
    await page.getByRole('heading', { level: 1, name: 'What my organisation sees' }).waitFor();
    await page.getByRole('heading', { name: 'Training' }).waitFor();
    await noViolations(page);
    await shot(page, 'my-view');
    await context.close();

    // The admin's page: members and roles, invitations, the compliance view with its CSV.
    const adminContext = await browser.newContext({ viewport: { width: 1024, height: 900 } });
    const adminPage = await adminContext.newPage();
    await adminPage.goto(`${app.origin}/sign-in`);
    await adminPage.getByLabel('Email address').fill(admin.email);
    await adminPage.getByLabel('Password', { exact: true }).fill(admin.password);
    await adminPage.getByRole('button', { name: 'Sign in' }).click();
    await adminPage.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await adminPage.getByRole('link', { name: 'Organisations' }).first().click();
    await adminPage.getByRole('link', { name: 'Severnside Locums' }).click();
    await adminPage.getByRole('heading', { level: 1, name: 'Severnside Locums' }).waitFor();
    await adminPage.getByRole('heading', { name: 'Compliance' }).waitFor();
    await adminPage.getByRole('article', { name: 'Sam Newcomer' }).waitFor();
    await adminPage.getByRole('link', { name: 'Download as CSV' }).waitFor();
    await adminPage.getByText(/Billing is not set up on this Medfolio/).waitFor();
    await noViolations(adminPage);
    await shot(adminPage, 'admin-view');

    await adminPage.getByRole('button', { name: 'Make Sam Newcomer an admin' }).click();
    await adminPage.getByRole('button', { name: 'Make Sam Newcomer a member' }).waitFor();
    await adminContext.close();
  });
});
