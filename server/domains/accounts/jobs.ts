import { z } from 'zod';
import { defineJob, type JobHandler } from '../../platform/queue/job.ts';
import { PermanentJobError } from '../../platform/queue/queue.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Mailer } from '../../adapters/mailer.ts';
import { generateToken, hashToken } from '../../platform/crypto/tokens.ts';
import { resetPasswordMessage, unlockSignInMessage, verifyEmailMessage } from '../../emails/render.ts';
import * as repo from './repo.ts';

export const EMAIL_LINK_LIFETIME = {
  verify_email: { hours: 48 },
  reset_password: { minutes: 60 },
  unlock_sign_in: { minutes: 60 },
} as const;

/** "1 hour", "2 hours", "30 minutes": how long sign-in stays paused, for a sentence. */
export function durationInWords(seconds: number): string {
  const hours = Math.round(seconds / 3600);
  if (hours >= 1) return `${hours} ${hours === 1 ? 'hour' : 'hours'}`;
  const minutes = Math.max(1, Math.round(seconds / 60));
  return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}

/**
 * Sends a verification, password-reset or sign-in unlock link. The token is created here, inside the job, so
 * the raw token exists only in the email: the payload (stored in `jobs` and Redis) holds ids.
 */
export const sendAccountEmailJob = defineJob({
  name: 'accounts.send-email',
  payload: z.object({
    userId: z.uuid(),
    purpose: z.enum(['verify_email', 'reset_password', 'unlock_sign_in']),
    /** unlock_sign_in: how long sign-in from untrusted browsers is paused. */
    pausedForSeconds: z.number().int().positive().optional(),
  }),
  attempts: 5,
  backoff: { type: 'exponential', delayMs: 5_000 },
  dedupeKey: (p) => `${p.userId}:${p.purpose}`,
});

export function sendAccountEmailHandler(deps: { db: Db; mailer: Mailer; appOrigin: string; now?: () => Date }): JobHandler<z.infer<typeof sendAccountEmailJob.payload>> {
  return async ({ userId, purpose, pausedForSeconds }) => {
    const now = deps.now?.() ?? new Date();
    const user = await repo.findUserById(deps.db, userId);
    if (!user) throw new PermanentJobError('user no longer exists');
    if (purpose === 'verify_email' && user.email_verified_at) return;
    const token = generateToken();
    const lifetime = EMAIL_LINK_LIFETIME[purpose];
    const lifetimeMs = 'hours' in lifetime ? lifetime.hours * 3_600_000 : lifetime.minutes * 60_000;
    await repo.retireEmailTokens(deps.db, user.id, purpose, now);
    await repo.insertEmailToken(deps.db, { userId: user.id, purpose, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + lifetimeMs), now });
    const message =
      purpose === 'verify_email'
        ? await verifyEmailMessage({ name: user.name, verifyUrl: `${deps.appOrigin}/verify-email?token=${token}`, expiresInHours: EMAIL_LINK_LIFETIME.verify_email.hours })
        : purpose === 'reset_password'
          ? await resetPasswordMessage({ name: user.name, resetUrl: `${deps.appOrigin}/reset-password?token=${token}`, expiresInMinutes: EMAIL_LINK_LIFETIME.reset_password.minutes })
          : await unlockSignInMessage({
              name: user.name,
              unlockUrl: `${deps.appOrigin}/unlock-sign-in?token=${token}`,
              expiresInMinutes: EMAIL_LINK_LIFETIME.unlock_sign_in.minutes,
              pausedFor: durationInWords(pausedForSeconds ?? 3600),
            });
    await deps.mailer.send({ to: user.email, ...message });
  };
}
