import { sql, type Kysely } from 'kysely';

/**
 * The instance's Ed25519 signing keys (CV manifests, verifiable credentials, status lists). The
 * private half is sealed with the master key; a rotated key is retired, never deleted, so what
 * it signed can still be checked. At most one key is active.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE signing_keys (
      kid                text PRIMARY KEY,
      algorithm          text NOT NULL CHECK (algorithm = 'EdDSA'),
      public_jwk         jsonb NOT NULL,
      private_key_sealed text NOT NULL,
      created_at         timestamptz NOT NULL DEFAULT now(),
      retired_at         timestamptz
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX signing_keys_one_active ON signing_keys ((retired_at IS NULL)) WHERE retired_at IS NULL`.execute(db);
}
