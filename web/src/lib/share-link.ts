/** Helpers for the share screens: copying a link, expiry choices, status words. */
import type { ShareStatus } from '../../../server/domains/shares/schema.ts';

/**
 * Copies text: the async Clipboard API when the page may use it, else a hidden textarea and
 * execCommand('copy') (older browsers, http origins). Resolves false when both fail, so the
 * screen can ask the person to copy it by hand.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (typeof navigator !== 'undefined' && navigator.clipboard?.writeText && (typeof window === 'undefined' || window.isSecureContext !== false)) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the old way
  }
  try {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.top = '-1000px';
    area.style.opacity = '0';
    const previous = document.activeElement as HTMLElement | null;
    document.body.appendChild(area);
    area.select();
    const ok = typeof document.execCommand === 'function' && document.execCommand('copy');
    area.remove();
    previous?.focus?.();
    return ok;
  } catch {
    return false;
  }
}

export const EXPIRY_OPTIONS = [
  { value: '1', label: '1 hour' },
  { value: '24', label: '1 day' },
  { value: '72', label: '3 days' },
  { value: '168', label: '7 days' },
  { value: '336', label: '14 days' },
  { value: '720', label: '30 days' },
] as const;

export const SHARE_STATUS: Record<ShareStatus, { label: string; badge: string }> = {
  active: { label: 'Active', badge: 'badge badge-ok' },
  expired: { label: 'Expired', badge: 'badge' },
  revoked: { label: 'Revoked', badge: 'badge badge-danger' },
  exhausted: { label: 'View limit reached', badge: 'badge badge-warn' },
};

/** "3 views", "1 of 5 views". */
/** The link's view count counts PDF views (what `maxViews` limits), not page visits. */
export function viewsText(viewCount: number, maxViews: number | null): string {
  if (maxViews !== null) return `${viewCount} of ${maxViews} PDF view${maxViews === 1 ? '' : 's'}`;
  return `${viewCount} PDF view${viewCount === 1 ? '' : 's'}`;
}

/** "Expires in 3 days" / "Expired on 3 Mar 2026, 14:00", relative to `now`. */
export function expiryText(expiresAt: string, now: number): string {
  const at = Date.parse(expiresAt);
  const when = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(at));
  if (at <= now) return `Expired on ${when}`;
  const hours = (at - now) / 3_600_000;
  const rel = hours < 1 ? 'less than an hour' : hours < 48 ? `${Math.round(hours)} hour${Math.round(hours) === 1 ? '' : 's'}` : `${Math.round(hours / 24)} days`;
  return `Expires in ${rel} (${when})`;
}
