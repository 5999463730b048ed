import type { Db } from '../../platform/db/database.ts';
import type { JobQueue } from '../../platform/queue/queue.ts';
import type { SecretBox } from '../../platform/crypto/secret-box.ts';
import type { CreateLimiter, Limiter } from '../../platform/rate-limit.ts';
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
  loginPerAccount: Limiter;
  registerPerIp: Limiter;
  emailsPerAccount: Limiter;
  emailsPerIp: Limiter;
  twoFactorPerUser: Limiter;
  membersPerAdmin: Limiter;
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;

export function createAccountLimits(createLimiter: CreateLimiter): AccountLimits {
  return {
    loginPerIp: createLimiter('login-ip', { points: 30, durationSeconds: 15 * MINUTE, message: 'Too many sign-in attempts from your network' }),
    // Five wrong passwords or codes lock the account for 15 minutes.
    loginPerAccount: createLimiter('login-account', {
      points: 5,
      durationSeconds: 15 * MINUTE,
      blockSeconds: 15 * MINUTE,
      message: 'Too many failed sign-in attempts: the account is locked for a while',
    }),
    registerPerIp: createLimiter('register-ip', { points: 20, durationSeconds: HOUR, message: 'Too many sign-ups from your network' }),
    emailsPerAccount: createLimiter('email-account', { points: 3, durationSeconds: HOUR, message: 'Too many emails requested for this account' }),
    emailsPerIp: createLimiter('email-ip', { points: 10, durationSeconds: HOUR, message: 'Too many emails requested from your network' }),
    twoFactorPerUser: createLimiter('2fa-user', { points: 10, durationSeconds: 15 * MINUTE, message: 'Too many two-factor attempts' }),
    // Adding members looks people up by email: bounded so it cannot be used to probe addresses.
    membersPerAdmin: createLimiter('org-members', { points: 30, durationSeconds: HOUR, message: 'Too many members added in a short time' }),
  };
}
