import { AppError } from '../../platform/errors.ts';
import type { ShareStatus } from './schema.ts';

/**
 * The one access rule for a share link (docs/ARCHITECTURE.md, Conventions): a revoked, expired or
 * used-up link, or one whose owner's account is locked, answers 410 with a plain reason.
 */
export interface ShareState {
  revoked_at: Date | null;
  expires_at: Date;
  max_views: number | null;
  view_count: number;
  owner_locked_at?: Date | null;
}

export function shareStatus(link: ShareState, now: Date): ShareStatus {
  if (link.revoked_at || link.owner_locked_at) return 'revoked';
  if (link.expires_at <= now) return 'expired';
  if (link.max_views !== null && link.view_count >= link.max_views) return 'exhausted';
  return 'active';
}

const REASONS = {
  revoked: 'This link has been withdrawn by the person who shared it.',
  expired: 'This link has expired.',
  exhausted: 'This link has been used as many times as it allows.',
} as const;

export function assertShareAccessible(link: ShareState, now: Date): void {
  const status = shareStatus(link, now);
  if (status !== 'active') throw new AppError('GONE', REASONS[status]);
}
