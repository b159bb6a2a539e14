// RFC 9068 JWT access token verification for a resource server, with WebCrypto only:
// fetches the issuer's RFC 8414 metadata and its jwks_uri, checks typ at+jwt, the signature, iss, aud, exp, nbf,
// and the RFC 9068 required claims. Implements the MCP SDK's OAuthTokenVerifier (verifyAccessToken -> AuthInfo).
import { webcrypto } from 'node:crypto';
import { InvalidTokenError } from '@modelcontextprotocol/sdk/server/auth/errors.js';
import { redact } from './headless-browser.mjs';

const { subtle } = webcrypto;

// JWS algorithms accepted for access tokens, mapped to WebCrypto parameters.
const ALGORITHMS = {
  ES256: { import: { name: 'ECDSA', namedCurve: 'P-256' }, verify: { name: 'ECDSA', hash: 'SHA-256' }, kty: 'EC' },
  ES384: { import: { name: 'ECDSA', namedCurve: 'P-384' }, verify: { name: 'ECDSA', hash: 'SHA-384' }, kty: 'EC' },
  RS256: { import: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, verify: { name: 'RSASSA-PKCS1-v1_5' }, kty: 'RSA' },
  PS256: { import: { name: 'RSA-PSS', hash: 'SHA-256' }, verify: { name: 'RSA-PSS', saltLength: 32 }, kty: 'RSA' },
};
const CLOCK_LEEWAY_SECONDS = 5;

/** Fetches and caches the issuer's RFC 8414 metadata and JWKS; verifies RFC 9068 JWT access tokens. */
export class MandateJwtVerifier {
  constructor({ issuer, resource, fetchImpl = fetch, logger = () => {} }) {
    this.issuer = issuer;
    this.resource = resource;
    this.fetch = fetchImpl;
    this.log = logger;
    this.metadata = undefined;
    this.jwks = undefined;
    this.jwksFetchedAt = 0;
  }

  async authorizationServerMetadata() {
    if (this.metadata) return this.metadata;
    const url = new URL('/.well-known/oauth-authorization-server', this.issuer);
    const response = await this.fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(5000) });
    if (!response.ok) throw new Error(`GET ${url} -> ${response.status}`);
    const metadata = await response.json();
    if (metadata.issuer !== this.issuer) throw new Error(`metadata issuer ${metadata.issuer} != ${this.issuer}`);
    this.metadata = metadata;
    return metadata;
  }

  async #loadJwks() {
    const { jwks_uri: jwksUri } = await this.authorizationServerMetadata();
    if (!jwksUri) throw new Error('authorization server metadata has no jwks_uri');
    const response = await this.fetch(jwksUri, { headers: { accept: 'application/json, application/jwk-set+json' }, signal: AbortSignal.timeout(5000) });
    if (!response.ok) throw new Error(`GET ${jwksUri} -> ${response.status}`);
    const jwks = await response.json();
    if (!Array.isArray(jwks.keys)) throw new Error('JWKS has no "keys" array');
    this.jwks = jwks;
    this.jwksFetchedAt = Date.now();
    this.log(`fetched JWKS from ${jwksUri}: ${jwks.keys.length} key(s) [${jwks.keys.map((k) => k.kid ?? '?').join(', ')}]`);
    return jwks;
  }

  async #findKey(header) {
    const pick = (jwks) =>
      jwks.keys.filter(
        (k) =>
          (header.kid === undefined || k.kid === header.kid) &&
          k.kty === ALGORITHMS[header.alg].kty &&
          (k.use === undefined || k.use === 'sig') &&
          (k.alg === undefined || k.alg === header.alg),
      );
    let candidates = this.jwks ? pick(this.jwks) : [];
    // Unknown kid: the issuer may have rotated keys; refetch (at most every 5 seconds).
    if (candidates.length === 0 && Date.now() - this.jwksFetchedAt > 5000) candidates = pick(await this.#loadJwks());
    if (candidates.length !== 1) {
      throw new InvalidTokenError(candidates.length === 0 ? `no JWKS key for kid ${header.kid}` : `ambiguous key selection (no kid?)`);
    }
    const { kty, crv, x, y, n, e } = candidates[0];
    const jwk = kty === 'EC' ? { kty, crv, x, y } : { kty, n, e };
    return subtle.importKey('jwk', jwk, ALGORITHMS[header.alg].import, false, ['verify']);
  }

  /** Implements the SDK's OAuthTokenVerifier: returns AuthInfo or throws InvalidTokenError. */
  async verifyAccessToken(token) {
    const parts = token.split('.');
    if (parts.length !== 3) throw new InvalidTokenError('access token is not a JWT');
    let header;
    let claims;
    try {
      header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
      claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    } catch {
      throw new InvalidTokenError('access token is not a well-formed JWT');
    }
    const typ = typeof header.typ === 'string' ? header.typ.toLowerCase().replace(/^application\//, '') : undefined;
    if (typ !== 'at+jwt') throw new InvalidTokenError(`JWT typ is ${header.typ}, expected at+jwt`);
    if (!ALGORITHMS[header.alg]) throw new InvalidTokenError(`JWT alg ${header.alg} not accepted`);
    if (header.crit !== undefined) throw new InvalidTokenError('JWT crit header not supported');

    const key = await this.#findKey(header);
    const valid = await subtle.verify(
      ALGORITHMS[header.alg].verify,
      key,
      Buffer.from(parts[2], 'base64url'),
      Buffer.from(`${parts[0]}.${parts[1]}`, 'ascii'),
    );
    if (!valid) throw new InvalidTokenError('JWT signature invalid');

    const now = Math.floor(Date.now() / 1000);
    if (claims.iss !== this.issuer) throw new InvalidTokenError(`iss ${claims.iss} is not ${this.issuer}`);
    const aud = claims.aud === undefined ? [] : [claims.aud].flat();
    if (!aud.includes(this.resource)) throw new InvalidTokenError(`aud ${JSON.stringify(claims.aud)} does not include ${this.resource}`);
    if (typeof claims.exp !== 'number') throw new InvalidTokenError('exp missing');
    if (claims.exp <= now - CLOCK_LEEWAY_SECONDS) throw new InvalidTokenError('token expired');
    if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || claims.nbf > now + CLOCK_LEEWAY_SECONDS)) {
      throw new InvalidTokenError('token not yet valid (nbf)');
    }
    // RFC 9068 section 2.2 required claims.
    for (const name of ['sub', 'client_id', 'jti']) {
      if (typeof claims[name] !== 'string' || claims[name] === '') throw new InvalidTokenError(`${name} claim missing`);
    }
    if (typeof claims.iat !== 'number') throw new InvalidTokenError('iat claim missing');
    if (claims.scope !== undefined && typeof claims.scope !== 'string') throw new InvalidTokenError('scope claim is not a string');

    this.log(`accepted token jti=${redact(claims.jti)} client_id=${claims.client_id} sub=${redact(claims.sub)} scope="${claims.scope ?? ''}"`);
    return {
      token,
      clientId: claims.client_id,
      scopes: typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [],
      expiresAt: claims.exp,
      resource: new URL(this.resource),
      extra: { sub: claims.sub, jti: claims.jti },
    };
  }
}
