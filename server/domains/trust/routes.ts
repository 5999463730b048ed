import { z } from 'zod';
import { defineRoute } from '../../platform/http/route.ts';
import type { InstanceKeys } from './keys.ts';

const ZPublicJwk = z.object({ kty: z.string(), crv: z.string(), x: z.string(), kid: z.string(), alg: z.string(), use: z.string() });

/**
 * The instance's public keys, for anyone checking what Medfolio signed (CV manifests, verifiable
 * credentials, status lists): a JWK Set, and the same keys as a did:web DID document. Retired keys
 * stay listed so that older signatures still verify.
 */
export function trustRoutes(deps: { keys: InstanceKeys }) {
  const tags = ['trust'];
  return [
    defineRoute({
      method: 'get',
      path: '/.well-known/jwks.json',
      summary: "The instance's public signing keys (JWK Set; Ed25519, alg EdDSA)",
      tags,
      auth: 'public',
      response: z.object({ keys: z.array(ZPublicJwk) }),
      handler: async ({ res }) => {
        res.setHeader('Cache-Control', 'public, max-age=300');
        return deps.keys.publicJwks();
      },
    }),
    defineRoute({
      method: 'get',
      path: '/.well-known/did.json',
      summary: "The instance's did:web DID document: its keys as verification methods for issuing credentials",
      tags,
      auth: 'public',
      response: z.object({
        '@context': z.array(z.string()),
        id: z.string(),
        verificationMethod: z.array(z.object({ id: z.string(), type: z.string(), controller: z.string(), publicKeyJwk: z.object({ kty: z.string(), crv: z.string(), x: z.string() }) })),
        assertionMethod: z.array(z.string()),
      }),
      handler: async ({ res }) => {
        const { keys } = await deps.keys.publicJwks();
        res.setHeader('Cache-Control', 'public, max-age=300');
        res.type('application/did+json');
        return {
          '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/jws-2020/v1'],
          id: deps.keys.did,
          verificationMethod: keys.map((k) => ({ id: k.kid, type: 'JsonWebKey2020', controller: deps.keys.did, publicKeyJwk: { kty: k.kty, crv: k.crv, x: k.x } })),
          assertionMethod: keys.map((k) => k.kid),
        };
      },
    }),
  ];
}
