import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshotter, startE2eApp } from './browser.ts';
import { axeViolations } from './axe.ts';
import { signUp, STRONG_PASSWORD } from '../support/accounts.ts';
import { deliver, stripeEnv, STRIPE_SECRET_KEY } from '../support/billing.ts';
import { startFakeStripe, type FakeStripe } from '../fakes/stripe-server.ts';

/**
 * Upgrading in the browser: the plan page's button opens Stripe Checkout (the fake's page,
 * answered here), Stripe's signed event arrives, and the page then offers the Customer Portal.
 */
let app: Awaited<ReturnType<typeof startE2eApp>>;
let browser: Browser;
let stripe: FakeStripe;

beforeAll(async () => {
  stripe = await startFakeStripe({ secretKey: STRIPE_SECRET_KEY });
  app = await startE2eApp(stripeEnv(stripe.url));
  browser = await launchBrowser();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await stripe?.close();
});

describe('upgrading in the browser', () => {
  it('opens Checkout from the plan page, and after the webhook offers to manage the subscription', { timeout: 120_000 }, async () => {
    const user = await signUp(app, { name: 'Priya Raman', password: STRONG_PASSWORD });
    const context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
    // Stripe's hosted pages are not on this machine: answer them with a stand-in.
    await context.route('https://*.stripe.test/**', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><html lang="en"><title>Stripe</title><main><h1>Stripe Checkout</h1></main></html>' }),
    );
    const page = await context.newPage();
    const shot = screenshotter('billing');
    await page.goto(`${app.origin}/sign-in`);
    await page.getByLabel('Email address').fill(user.email);
    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await page.goto(`${app.origin}/plan`);
    await page.getByRole('button', { name: 'Upgrade to Pro' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'plan-free');

    await page.getByRole('button', { name: 'Upgrade to Pro' }).click();
    await page.getByRole('heading', { name: 'Stripe Checkout' }).waitFor();
    const sessionId = page.url().split('/').pop()!;
    expect(stripe.sessions.get(sessionId)).toMatchObject({ client_reference_id: `user:${user.userId}` });

    expect((await deliver(app, stripe.completeCheckout(sessionId).event)).status).toBe(200);
    await page.goto(`${app.origin}/plan?checkout=done`);
    await page.getByRole('button', { name: 'Manage your subscription' }).waitFor();
    await page.getByRole('heading', { name: /Your plan: Pro/ }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'plan-pro');
    await page.getByRole('button', { name: 'Manage your subscription' }).click();
    await page.waitForURL(/billing\.stripe\.test/);
    await context.close();
  });
});
