import { createHash } from 'node:crypto';

/** The hash rule of the audit chain: one place, used when writing and when verifying. */

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

/** JSON with object keys sorted at every level, so jsonb's own key order cannot change a hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function computeAuditHash(prevHash: string, fields: ChainedFields): string {
  const payload = canonicalJson({ ...fields, createdAt: fields.createdAt.toISOString() });
  return createHash('sha256').update(prevHash).update('\n').update(payload).digest('hex');
}
