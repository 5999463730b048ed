import { randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import { AppError } from '../../platform/errors.ts';
import type { DbOrTx } from '../../platform/db/transaction.ts';
import type { SecretBox } from '../../platform/crypto/secret-box.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import * as repo from './repo.ts';

/**
 * TOTP (RFC 6238: SHA-1, 6 digits, 30 s) with one step of clock drift either way, each step
 * usable once; and ten single-use recovery codes stored as argon2id hashes.
 */
const PERIOD_SECONDS = 30;
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

const totpFor = (secretBase32: string, email: string) => new TOTP({ issuer: 'Medfolio', label: email, algorithm: 'SHA1', digits: 6, period: PERIOD_SECONDS, secret: Secret.fromBase32(secretBase32) });

/** The secret is sealed with the master key and bound to its user. */
const sealSecret = (box: SecretBox, userId: string, secret: string) => box.seal(secret, `totp:${userId}`);
const openSecret = (box: SecretBox, userId: string, sealed: string) => box.open(sealed, `totp:${userId}`).toString('utf8');

export async function startTotpEnrolment(db: DbOrTx, box: SecretBox, user: { id: string; email: string }, now: Date) {
  const secret = new Secret({ size: 20 }).base32;
  // Stored as pending (totp_enabled_at stays null) until a first code proves the app has it.
  await repo.updateUser(db, user.id, { totp_secret: sealSecret(box, user.id, secret), totp_enabled_at: null, totp_last_step: null }, now);
  const otpauthUrl = totpFor(secret, user.email).toString();
  return { otpauthUrl, qrCodeDataUrl: await QRCode.toDataURL(otpauthUrl, { margin: 1, width: 240 }), secret };
}

/** Checks a code against the user's secret; returns the time step it matched, or null. */
function matchTotpStep(secretBase32: string, email: string, code: string, now: Date): number | null {
  const delta = totpFor(secretBase32, email).validate({ token: code, timestamp: now.getTime(), window: 1 });
  if (delta === null) return null;
  return Math.floor(now.getTime() / 1000 / PERIOD_SECONDS) + delta;
}

/** Verifies a TOTP code and burns its step, so the same code cannot be used twice. */
export async function consumeTotpCode(db: DbOrTx, box: SecretBox, user: { id: string; email: string; totp_secret: string | null }, code: string, now: Date): Promise<boolean> {
  if (!user.totp_secret) return false;
  const step = matchTotpStep(openSecret(box, user.id, user.totp_secret), user.email, code, now);
  return step !== null && repo.useTotpStep(db, user.id, step);
}

export function generateRecoveryCodes(): string[] {
  const part = () => Array.from({ length: 5 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('');
  return Array.from({ length: 10 }, () => `${part()}-${part()}`);
}

/** Ten new codes and their hashes; hash before opening a transaction (argon2 takes a while). */
export async function newRecoveryCodes(): Promise<{ codes: string[]; hashes: string[] }> {
  const codes = generateRecoveryCodes();
  return { codes, hashes: await Promise.all(codes.map((c) => hashPassword(c))) };
}

export async function consumeRecoveryCode(db: DbOrTx, userId: string, code: string, now: Date): Promise<boolean> {
  const normalised = code.trim().toLowerCase();
  for (const candidate of await repo.findUnusedRecoveryCodes(db, userId)) {
    if (await verifyPassword(candidate.code_hash, normalised)) return repo.useRecoveryCode(db, candidate.id, now);
  }
  return false;
}

/** A second factor is either a 6-digit TOTP code or a recovery code. */
export async function checkSecondFactor(
  db: DbOrTx,
  box: SecretBox,
  user: { id: string; email: string; totp_secret: string | null },
  value: string,
  now: Date,
): Promise<'totp' | 'recovery_code' | null> {
  if (/^\d{6}$/.test(value)) return (await consumeTotpCode(db, box, user, value, now)) ? 'totp' : null;
  return (await consumeRecoveryCode(db, user.id, value, now)) ? 'recovery_code' : null;
}

export const secondFactorRequired = () => new AppError('UNAUTHENTICATED', 'Enter the 6-digit code from your authenticator app, or a recovery code', { twoFactorRequired: true });
