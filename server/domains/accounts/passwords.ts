import { hash, verify } from '@node-rs/argon2';
import { COMMON_PASSWORDS } from './common-passwords.ts';

/** argon2id with OWASP's minimum parameters (19 MiB, 2 passes); about 40 ms here. */
// `algorithm: 2` is Argon2id (the package exports it as an ambient const enum we cannot import).
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;

export const hashPassword = (password: string) => hash(password, ARGON2);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verified against when the account does not exist, so "unknown email" costs the same time
// as "wrong password" and the two cannot be told apart.
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('medfolio-timing-equaliser');
  await verifyPassword(await dummyHash, password);
}

/** Returns why a new password is refused, or undefined when it is acceptable. */
export function passwordProblem(password: string, context: { email?: string; name?: string }): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > 256) return 'must be at most 256 characters';
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return 'is too common: choose one that is hard to guess';
  if (/^(.)\1+$/.test(password)) return 'must not repeat a single character';
  const local = context.email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) return 'must not contain your email address';
  return undefined;
}
