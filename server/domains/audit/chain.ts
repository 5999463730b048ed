import { createHmac, hkdfSync } from 'node:crypto';

/**
 * The rule of the audit chain, in one place for writing and verifying. Each event's hash is an
 * HMAC-SHA256 over the previous hash and a canonical JSON of the event; the chain's head
 * (last seq and hash) carries its own HMAC. The key is derived from the master key, which the
 * database never holds: someone with SQL access can delete or edit rows, but cannot forge
 * hashes, so `verify` sees any edit, any gap, any truncation and a removed chain.
 */

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  chainId: string;
  seq: number;
  actorType: string;
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  details: unknown;
  requestId: string | null;
  createdAt: Date;
}

let chainKey: Buffer | undefined;
let pseudonymKey: Buffer | undefined;

/**
 * Set once by the composition root (openPlatform). Held here rather than passed to every
 * `recordAudit` call so that auditing stays a one-line call in every domain.
 */
export function configureAuditKey(masterKey: Buffer): void {
  chainKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'medfolio audit chain v1', 32));
  pseudonymKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'medfolio audit pseudonym v1', 32));
}

/**
 * How a user appears on another user's timeline: "p_" and a keyed hash of their id, the same on
 * every timeline and never their id. Once their account is erased, no table holds the id the
 * hash was made from, so the colleague's chain (append-only, hashed, never rewritten) no longer
 * leads to anyone (docs/ARCHITECTURE.md, Erasure and retention).
 */
export function auditPseudonym(userId: string): string {
  if (!pseudonymKey) throw new Error('The audit chain key is not configured');
  return `p_${createHmac('sha256', pseudonymKey).update(userId).digest('base64url').slice(0, 22)}`;
}

function key(): Buffer {
  // Refuse to write or verify an unkeyed chain rather than fall back to something weaker.
  if (!chainKey) throw new Error('The audit chain key is not configured');
  return chainKey;
}

/** JSON with object keys sorted at every level, so jsonb's own key order cannot change a hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** Details as they will read back from jsonb (Dates become strings, undefined disappears). */
export const normaliseDetails = (details: Record<string, unknown>): Record<string, unknown> => JSON.parse(JSON.stringify(details)) as Record<string, unknown>;

export function computeAuditHash(prevHash: string, fields: ChainedFields): string {
  const payload = canonicalJson({ ...fields, createdAt: fields.createdAt.toISOString() });
  return createHmac('sha256', key()).update(prevHash).update('\n').update(payload).digest('hex');
}

export function computeHeadMac(chainId: string, lastSeq: number, lastHash: string): string {
  return createHmac('sha256', key()).update(`head\n${chainId}\n${lastSeq}\n${lastHash}`).digest('hex');
}
