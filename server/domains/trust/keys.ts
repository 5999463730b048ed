import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, compactVerify, CompactSign, importJWK } from 'jose';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { SecretBox } from '../../platform/crypto/secret-box.ts';
import { didFor, keyIdFor, thumbprintOf } from './did.ts';
import * as repo from './repo.ts';

/**
 * The instance's signing keys: Ed25519, used through `jose` as JWS with alg EdDSA. The private
 * half is stored sealed with the master key (bound to its key id), so the database alone cannot
 * sign; rotation retires the active key and makes a new one, and retired keys stay published so
 * everything they signed can still be checked. Keys are made on first use.
 */
export interface InstanceKeys {
  /** The issuer identifier (did:web from APP_ORIGIN). */
  did: string;
  /** A compact JWS over the JSON payload, signed with the active key; `kid` is the key's DID URL. */
  sign(payload: unknown, header: { typ: string; cty?: string }): Promise<string>;
  /**
   * `sign` bound to the active key, loaded now: signing with it queries nothing, so it can be
   * used inside a transaction (on the embedded database a second query would wait for ever).
   */
  signer(): Promise<(payload: unknown, header: { typ: string; cty?: string }) => Promise<string>>;
  /** Verifies a compact JWS against any key the instance has had; throws when it does not verify. */
  verify(jws: string): Promise<{ payload: unknown; header: { typ?: string; kid?: string } }>;
  /** The public keys as a JWK Set (kid = the key's DID URL). */
  publicJwks(): Promise<{ keys: PublicJwk[] }>;
  /** Retires the active key and makes a new one; returns the new key's thumbprint. */
  rotate(now: Date): Promise<string>;
}

export interface PublicJwk {
  kty: string;
  crv: string;
  x: string;
  kid: string;
  alg: 'EdDSA';
  use: 'sig';
}

const sealContext = (kid: string) => `signing-key:${kid}`;

async function newKey(box: SecretBox, now: Date) {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' }) as { kty: string; crv: string; x: string };
  const kid = await calculateJwkThumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x }, 'sha256');
  const sealed = box.seal(privateKey.export({ format: 'der', type: 'pkcs8' }), sealContext(kid));
  return { kid, public_jwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, private_key_sealed: sealed, created_at: now };
}

export function createInstanceKeys(deps: { db: Db; secretBox: SecretBox; appOrigin: string }): InstanceKeys {
  const did = didFor(deps.appOrigin);
  const privateKeys = new Map<string, KeyObject>();
  const publicKeys = new Map<string, CryptoKey | Uint8Array>();

  async function activeKey() {
    let row = await repo.findActiveKey(deps.db);
    if (!row) {
      // Two processes may race to make the first key: the one-active-key index picks one.
      await repo.insertActiveKey(deps.db, await newKey(deps.secretBox, new Date()));
      row = await repo.findActiveKey(deps.db);
    }
    if (!row) throw new Error('no active signing key');
    let key = privateKeys.get(row.kid);
    if (!key) {
      key = createPrivateKey({ key: deps.secretBox.open(row.private_key_sealed, sealContext(row.kid)), format: 'der', type: 'pkcs8' });
      privateKeys.set(row.kid, key);
    }
    return { kid: row.kid, key };
  }

  async function publicKey(kid: string) {
    const cached = publicKeys.get(kid);
    if (cached) return cached;
    const row = await repo.findKey(deps.db, kid);
    if (!row) throw new Error('unknown signing key');
    const key = await importJWK({ ...row.public_jwk, alg: 'EdDSA' }, 'EdDSA');
    publicKeys.set(kid, key);
    return key;
  }

  return {
    did,
    async sign(payload, header) {
      return (await this.signer())(payload, header);
    },
    async signer() {
      const { kid, key } = await activeKey();
      return (payload, header) => new CompactSign(new TextEncoder().encode(JSON.stringify(payload))).setProtectedHeader({ alg: 'EdDSA', kid: keyIdFor(did, kid), ...header }).sign(key);
    },
    async verify(jws) {
      const result = await compactVerify(jws, async (header) => {
        if (header.alg !== 'EdDSA' || !header.kid) throw new Error('not signed by this instance');
        return publicKey(thumbprintOf(header.kid));
      });
      return { payload: JSON.parse(new TextDecoder().decode(result.payload)) as unknown, header: result.protectedHeader };
    },
    async publicJwks() {
      await activeKey();
      const rows = await repo.findKeys(deps.db);
      return { keys: rows.map((r) => ({ kty: r.public_jwk.kty!, crv: r.public_jwk.crv!, x: r.public_jwk.x!, kid: keyIdFor(did, r.kid), alg: 'EdDSA' as const, use: 'sig' as const })) };
    },
    async rotate(now) {
      const fresh = await newKey(deps.secretBox, now);
      await inTransaction(deps.db, async (trx) => {
        await repo.retireActiveKey(trx, now);
        if (!(await repo.insertActiveKey(trx, fresh))) throw new Error('could not store the new signing key');
      });
      return fresh.kid;
    },
  };
}
