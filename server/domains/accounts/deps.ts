import type { Db } from '../../platform/db/database.ts';
import type { JobQueue } from '../../platform/queue/queue.ts';
import type { SecretBox } from '../../platform/crypto/secret-box.ts';
import type { CreateLimiter, Limiter } from '../../platform/rate-limit.ts';
import { createGuessGuard, type GuessGuard } from '../../platform/guess-guard.ts';
import type { Logger } from '../../platform/logger.ts';

/** What the accounts services need, and nothing more. */
export interface AccountsDeps {
  db: Db;
  queue: Pick<JobQueue, 'enqueue'>;
  secretBox: SecretBox;
  limits: AccountLimits;
  appOrigin: string;
  logger: Logger;
}

export interface AccountLimits {
  loginPerIp: Limiter;
  /** Wrong passwords and codes, per account: see platform/guess-guard.ts. */
  signIn: GuessGuard;
  registerPerIp: Limiter;
  emailsPerAccount: Limiter;
  emailsPerIp: Limiter;
  twoFactorPerUser: Limiter;
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;

export function createAccountLimits(createLimiter: CreateLimiter): AccountLimits {
  return {
    loginPerIp: createLimiter('login-ip', { points: 30, durationSeconds: 15 * MINUTE, message: 'Too many sign-in attempts from your network' }),
    // Five tries per account from one network (or one trusted browser), then that client waits
    // 15 minutes; fifty an hour from untrusted browsers anywhere, then those wait an hour, then
    // two, four... (up to a day) while the owner is emailed a link that lets their browser in.
    signIn: createGuessGuard(createLimiter, 'sign-in', {
      perClient: { points: 5, durationSeconds: 15 * MINUTE, blockSeconds: 15 * MINUTE, message: 'Too many failed sign-in attempts from here: try again in 15 minutes, or reset your password' },
      ceiling: {
        points: 50,
        durationSeconds: HOUR,
        message:
          'Too many failed sign-in attempts for this account from different places, so new browsers must wait. If the account is yours, we have emailed you a link to sign in from this browser.',
      },
      backoff: { baseSeconds: HOUR, maxSeconds: 24 * HOUR },
    }),
    registerPerIp: createLimiter('register-ip', { points: 20, durationSeconds: HOUR, message: 'Too many sign-ups from your network' }),
    emailsPerAccount: createLimiter('email-account', { points: 3, durationSeconds: HOUR, message: 'Too many emails requested for this account' }),
    emailsPerIp: createLimiter('email-ip', { points: 10, durationSeconds: HOUR, message: 'Too many emails requested from your network' }),
    twoFactorPerUser: createLimiter('2fa-user', { points: 10, durationSeconds: 15 * MINUTE, message: 'Too many two-factor attempts' }),
  };
}
