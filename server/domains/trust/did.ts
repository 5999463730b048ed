/**
 * The instance's decentralised identifier, `did:web`, made from APP_ORIGIN: the host, with a
 * port written as %3A (did:web's rule), so https://medfolio.example becomes
 * did:web:medfolio.example and http://localhost:3000 becomes did:web:localhost%3A3000. Its DID
 * document is served at /.well-known/did.json.
 */
export function didFor(appOrigin: string): string {
  const url = new URL(appOrigin);
  return `did:web:${url.host.replace(/:/g, '%3A')}`;
}

/** The verification method id of a key: the DID, '#', the key's thumbprint. */
export const keyIdFor = (did: string, kid: string) => `${did}#${kid}`;

/** A key id from a JWS header (a DID URL or a bare thumbprint) back to the thumbprint. */
export const thumbprintOf = (headerKid: string) => headerKid.slice(headerKid.lastIndexOf('#') + 1);
