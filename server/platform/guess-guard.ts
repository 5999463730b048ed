import { AppError } from './errors.ts';
import type { CreateLimiter } from './rate-limit.ts';

/**
 * Bounds the guessing of a secret (an account's password, a share link's passcode) without
 * letting a third party lock out the person who knows it (docs/ARCHITECTURE.md, Lockouts).
 *
 * - Per client and subject: a few tries, then that client alone waits. Someone guessing from
 *   their own network locks out only themselves.
 * - Per subject, across every client it does not trust: a higher ceiling. Past it, those
 *   clients wait, for a time that doubles with each trip within a day (backoff), so a guesser
 *   with many addresses still gets only a few hundred tries a day.
 * - A trusted client (a browser that signed in before, or that its owner unlocked from an
 *   emailed link) is never held back by the ceiling; it has its own per-device count.
 *
 * Every try counts before the secret is checked, so parallel guesses cannot slip under a limit;
 * a success clears the client's count.
 */
export interface GuessGuardPolicy {
  perClient: { points: number; durationSeconds: number; blockSeconds: number; message: string };
  ceiling: { points: number; durationSeconds: number; message: string };
  /** The ceiling's first lockout lasts `baseSeconds`; each further one in a day doubles, up to `maxSeconds`. */
  backoff: { baseSeconds: number; maxSeconds: number };
}

export interface GuessAttempt {
  /** What is being guessed at: the account's email address, the share link's id. */
  subject: string;
  /** Who is guessing: the rate-limit address, or the trusted device's id. */
  client: string;
  trusted: boolean;
}

export interface GuessGuard {
  /**
   * Counts a try, or throws RATE_LIMITED. `ceilingTripped` is true for the one try that reached
   * the ceiling (the moment to tell the owner), which is refused like the ones after it.
   */
  admit(attempt: GuessAttempt, onCeilingTripped?: (lockSeconds: number) => Promise<void>): Promise<void>;
  /** The secret was right: the client starts afresh. */
  succeeded(attempt: GuessAttempt): Promise<void>;
  /** Forgets the subject's ceiling and backoff (a new password, an erased account). */
  reset(subject: string): Promise<void>;
}

const DAY = 24 * 3600;

export function createGuessGuard(createLimiter: CreateLimiter, name: string, policy: GuessGuardPolicy): GuessGuard {
  const perClient = createLimiter(`${name}-client`, policy.perClient);
  const ceiling = createLimiter(`${name}-ceiling`, policy.ceiling);
  const trips = createLimiter(`${name}-trips`, { points: 1_000, durationSeconds: DAY, message: policy.ceiling.message });
  const clientKey = (a: GuessAttempt) => `${a.subject}|${a.trusted ? 'device' : 'address'}:${a.client}`;

  return {
    async admit(attempt, onCeilingTripped) {
      await perClient.consume(clientKey(attempt));
      if (attempt.trusted) return;
      const counted = await ceiling.hit(attempt.subject);
      if (counted.allowed) return;
      // Only the try that crossed the ceiling locks; the ones after it (or racing it) are refused.
      if (counted.consumed !== policy.ceiling.points + 1) {
        throw new AppError('RATE_LIMITED', policy.ceiling.message, { retryAfterSeconds: Math.max(1, Math.ceil(counted.msBeforeNext / 1000)) });
      }
      const { consumed } = await trips.hit(attempt.subject);
      const lockSeconds = Math.min(policy.backoff.maxSeconds, policy.backoff.baseSeconds * 2 ** Math.max(0, consumed - 1));
      await ceiling.block(attempt.subject, lockSeconds);
      await onCeilingTripped?.(lockSeconds);
      throw new AppError('RATE_LIMITED', policy.ceiling.message, { retryAfterSeconds: lockSeconds });
    },
    async succeeded(attempt) {
      await perClient.reset(clientKey(attempt));
    },
    async reset(subject) {
      await ceiling.reset(subject);
      await trips.reset(subject);
    },
  };
}
