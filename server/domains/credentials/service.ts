import { randomInt, randomUUID } from 'node:crypto';
import { AppError } from '../../platform/errors.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction, type DbOrTx, type Tx } from '../../platform/db/transaction.ts';
import type { RecordType, RevocationReason } from '../../platform/db/types.ts';
import type { InstanceKeys } from '../trust/keys.ts';
import { recordAudit } from '../audit/service.ts';
import { desiredCredentials, sourceKeys, type DesiredCredential } from './claims.ts';
import * as repo from './repo.ts';
import { encodeStatusList, STATUS_LIST_SIZE } from './status-list.ts';
import type { Credential } from './schema.ts';

/**
 * Portable credentials (docs/ARCHITECTURE.md, Evidence): W3C Verifiable Credentials (Data Model
 * 2.0) secured as compact JWS (`typ: vc+jwt`, `alg: EdDSA`) with the instance key, issued by the
 * instance's did:web, each with a Bitstring Status List entry for revocation. They are kept in
 * step with the record: revoked at once when what they rest on changes, and (re)issued when the
 * clinician next lists them.
 */
export interface CredentialDeps {
  db: Db;
  keys: InstanceKeys;
  appOrigin: string;
}

interface Meta {
  requestId: string | null;
  now: Date;
}

export const VC_MEDIA_TYPE = 'application/vc+jwt';
export const statusListUrl = (appOrigin: string, listId: number) => `${appOrigin}/api/credentials/status/${listId}`;

/** A random free entry of the current list (a new list once half of it is used, so random picks stay quick). */
async function allocateStatusEntry(trx: Tx): Promise<{ listId: number; index: number }> {
  let list = await repo.findCurrentStatusList(trx);
  if (!list || (list.used ?? 0) >= list.size / 2) {
    await repo.insertStatusList(trx, (list?.id ?? 0) + 1, STATUS_LIST_SIZE);
    list = (await repo.findCurrentStatusList(trx))!;
  }
  for (let attempt = 0; attempt < 64; attempt++) {
    const claimed = await repo.claimStatusEntry(trx, list.id, randomInt(list.size));
    if (claimed) return { listId: claimed.list_id, index: claimed.idx };
  }
  throw new Error('no free status list entry found');
}

function credentialDocument(deps: Pick<CredentialDeps, 'keys' | 'appOrigin'>, c: DesiredCredential, id: string, status: { listId: number; index: number }, issuedAt: Date) {
  const url = statusListUrl(deps.appOrigin, status.listId);
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: `urn:uuid:${id}`,
    type: ['VerifiableCredential', c.type],
    issuer: { id: deps.keys.did, name: 'Medfolio' },
    name: c.title,
    validFrom: issuedAt.toISOString(),
    credentialSubject: c.subject,
    evidence: c.evidence,
    credentialStatus: { id: `${url}#${status.index}`, type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: String(status.index), statusListCredential: url },
  };
}

/**
 * Brings the clinician's credentials in step with their record: revokes those whose claims
 * changed (superseded) or whose source is gone, and issues what is missing, except what the
 * clinician withdrew (the same claims are not issued again).
 */
export async function syncCredentials(deps: CredentialDeps, userId: string, now: Date) {
  const desired = await desiredCredentials(deps.db, userId, now);
  // Loaded before the transaction: signing then queries nothing (one connection on PGlite).
  const sign = await deps.keys.signer();
  await inTransaction(deps.db, async (trx) => {
    await repo.lockUserCredentials(trx, userId);
    const existing = await repo.findCredentials(trx, userId);
    const active = existing.filter((c) => !c.revoked_at);
    const wanted = new Map(desired.map((d) => [d.sourceKey, d]));
    const superseded = active.filter((c) => wanted.has(c.source_key) && wanted.get(c.source_key)!.fingerprint !== c.fingerprint).map((c) => c.source_key);
    const unsupported = active.filter((c) => !wanted.has(c.source_key)).map((c) => c.source_key);
    await repo.revokeBySources(trx, userId, superseded, 'superseded', now);
    await repo.revokeBySources(trx, userId, unsupported, 'no-longer-supported', now);
    for (const d of desired) {
      const current = active.find((c) => c.source_key === d.sourceKey && c.fingerprint === d.fingerprint);
      const withdrawn = existing.some((c) => c.source_key === d.sourceKey && c.fingerprint === d.fingerprint && c.revocation_reason === 'withdrawn');
      if (current || withdrawn) continue;
      const id = randomUUID();
      const status = await allocateStatusEntry(trx);
      const jwt = await sign(credentialDocument(deps, d, id, status, now), { typ: 'vc+jwt', cty: 'vc' });
      await repo.insertCredential(trx, {
        id,
        user_id: userId,
        kind: d.kind,
        source_key: d.sourceKey,
        fingerprint: d.fingerprint,
        title: d.title,
        status_list_id: status.listId,
        status_index: status.index,
        jwt,
        issued_at: now,
      });
      await recordAudit(trx, {
        chainId: userId,
        actor: { type: 'system', id: null },
        action: 'credential.issued',
        subject: { type: 'credential', id },
        details: { kind: d.kind },
        requestId: null,
        now,
      });
    }
  });
}

const REASON_WORDS: Record<RevocationReason, string> = {
  superseded: 'Replaced by a newer credential, because what it says changed',
  withdrawn: 'Withdrawn by you',
  'no-longer-supported': 'Revoked: what it rested on is no longer in your record',
};

type Row = Awaited<ReturnType<typeof repo.findCredentials>>[number];
export function toApi(row: Row): Credential {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    issuedAt: row.issued_at.toISOString(),
    status: row.revoked_at ? 'revoked' : 'active',
    revokedAt: row.revoked_at?.toISOString() ?? null,
    revocationReason: row.revocation_reason ? REASON_WORDS[row.revocation_reason] : null,
    downloadUrl: `/api/me/credentials/${row.id}`,
  };
}

export async function listCredentials(deps: CredentialDeps, userId: string, now: Date) {
  await syncCredentials(deps, userId, now);
  return (await repo.findCredentials(deps.db, userId)).map(toApi);
}

export async function getCredential(db: DbOrTx, userId: string, id: string) {
  const row = await repo.findCredential(db, userId, id);
  if (!row) throw new AppError('NOT_FOUND', 'Credential not found');
  return row;
}

export async function withdrawCredential(deps: Pick<CredentialDeps, 'db'>, userId: string, id: string, meta: Meta) {
  await inTransaction(deps.db, async (trx) => {
    const row = await repo.findCredential(trx, userId, id);
    if (!row) throw new AppError('NOT_FOUND', 'Credential not found');
    if (!(await repo.revokeById(trx, userId, id, 'withdrawn', meta.now))) throw new AppError('CONFLICT', 'This credential is already revoked');
    await recordAudit(trx, { chainId: userId, actor: { type: 'user', id: userId }, action: 'credential.withdrawn', subject: { type: 'credential', id }, details: { kind: row.kind }, ...meta });
  });
}

/**
 * Revokes at once the credentials resting on a record that changed or went (called inside the
 * change's transaction): a post's confirmations, a registration or DBS check, an employer's
 * approved shifts. Their replacements, if any, are issued at the next sync.
 */
export async function revokeCredentialsFor(trx: DbOrTx, userId: string, source: { type: RecordType | 'shifts'; id: string }, reason: RevocationReason, now: Date) {
  let keys: string[];
  if (source.type === 'post') keys = (await repo.findPostVerificationIds(trx, userId, source.id)).map(sourceKeys.confirmation);
  else if (source.type === 'registration' || source.type === 'dbs') keys = [sourceKeys.record(source.type, source.id)];
  else if (source.type === 'shifts') keys = [sourceKeys.shifts(source.id)];
  else return;
  await repo.revokeBySources(trx, userId, keys, reason, now);
}

/** The Bitstring Status List credential for one list, signed now. */
export async function statusListCredential(deps: CredentialDeps, listId: number, now: Date) {
  const list = await repo.findStatusList(deps.db, listId);
  if (!list) throw new AppError('NOT_FOUND', 'No such status list');
  const url = statusListUrl(deps.appOrigin, list.id);
  const revoked = await repo.findRevokedIndexes(deps.db, list.id);
  return deps.keys.sign(
    {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: url,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: { id: deps.keys.did, name: 'Medfolio' },
      validFrom: now.toISOString(),
      credentialSubject: { id: `${url}#list`, type: 'BitstringStatusList', statusPurpose: list.purpose, encodedList: encodeStatusList(list.size, revoked) },
    },
    { typ: 'vc+jwt', cty: 'vc' },
  );
}
