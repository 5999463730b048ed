import { describe, expect, it } from 'vitest';
import { resetPasswordMessage, unlockSignInMessage, verifyEmailMessage } from './render.ts';

const verifyUrl = 'https://medfolio.test/verify-email?token=Vq3kR9xZp2LmN8wT5yB7cD1f';
const resetUrl = 'https://medfolio.test/reset-password?token=Hs6jK2nP9qR4tV7wX1zA3bC5';
const unlockUrl = 'https://medfolio.test/unlock-sign-in?token=Pw4rT8yU1iO3pA6sD9fG2hJ5';

const cases = [
  {
    template: 'verify-email',
    url: verifyUrl,
    subject: 'Confirm your email address for Medfolio',
    build: (name: string) => verifyEmailMessage({ name, verifyUrl, expiresInHours: 24 }),
  },
  {
    template: 'reset-password',
    url: resetUrl,
    subject: 'Reset your Medfolio password',
    build: (name: string) => resetPasswordMessage({ name, resetUrl, expiresInMinutes: 30 }),
  },
  {
    template: 'unlock-sign-in',
    url: unlockUrl,
    subject: 'Someone is trying to sign in to your Medfolio account',
    build: (name: string) => unlockSignInMessage({ name, unlockUrl, expiresInMinutes: 60, pausedFor: '1 hour' }),
  },
];

describe.each(cases)('$template email', ({ url, subject, build }) => {
  it('renders the URL as a link in HTML and as plain text', async () => {
    const message = await build('Amara Okafor');
    expect(message.subject).toBe(subject);
    expect(message.html).toContain(`href="${url}"`);
    expect(message.html).toContain('Amara Okafor');
    expect(message.html).toContain('You received this email because of an action on your Medfolio account.');
    expect(message.text).toContain(url);
    expect(message.text).toContain('Amara Okafor');
    expect(message.text).toContain('You received this email because of an action on your Medfolio account.');
    expect(message.text).not.toMatch(/<\/?[a-z][^>]*>/i);
  });

  it('escapes markup in the name', async () => {
    const message = await build('<script>alert(1)</script>');
    expect(message.html).not.toContain('<script>');
    expect(message.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('reset-password email', () => {
  it('tells the reader to ignore it if they did not ask', async () => {
    const message = await resetPasswordMessage({ name: 'Amara', resetUrl, expiresInMinutes: 30 });
    expect(message.text).toMatch(/did not ask to reset your password, you can ignore this email/);
    expect(message.text).toContain('30 minutes');
  });
});
