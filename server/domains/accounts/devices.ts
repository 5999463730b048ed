import { randomBytes } from 'node:crypto';
import type { SecretBox } from '../../platform/crypto/secret-box.ts';

/**
 * A trusted device (docs/ARCHITECTURE.md, Lockouts): a browser that signed in to an account,
 * set its password from an emailed link, or followed an emailed sign-in unlock. It holds a
 * sealed cookie naming the account, so wrong passwords typed elsewhere never keep it out.
 * The cookie is only sent to /api/auth, holds no secret of the account and cannot be forged.
 */
export const DEVICE_COOKIE = 'medfolio_device';
export const DEVICE_COOKIE_PATH = '/api/auth';
export const DEVICE_TTL_MS = 90 * 24 * 3_600_000;
const PURPOSE = 'trusted-device';

export interface TrustedDevice {
  userId: string;
  deviceId: string;
}

export function sealDevice(box: SecretBox, userId: string, now: Date, deviceId = randomBytes(12).toString('base64url')): string {
  return box.seal(`${userId}|${deviceId}|${now.getTime() + DEVICE_TTL_MS}`, PURPOSE);
}

/** The device the cookie names, if it is genuine and current; undefined otherwise. */
export function openDevice(box: SecretBox, cookie: string | null | undefined, now: Date): TrustedDevice | undefined {
  if (!cookie) return undefined;
  try {
    const [userId, deviceId, expires] = box.open(cookie, PURPOSE).toString('utf8').split('|');
    if (!userId || !deviceId || !(Number(expires) > now.getTime())) return undefined;
    return { userId, deviceId };
  } catch {
    return undefined;
  }
}
