// oidc-provider configured comparably to Mandate for the side-by-side load benchmark.
//
//   PORT=3100 BENCH_CLIENT_SECRET=... node oidc-server.mjs
//
// Environment:
//   PORT                 listening port on 127.0.0.1 (default 3100); issuer is http://127.0.0.1:PORT
//   BENCH_CLIENT_SECRET  secret of the confidential client "bench" (default: random, printed)
//   PEER_CODE_TTL        authorization code lifetime in seconds (default 300, see README)
//   PEER_WORKERS         node:cluster workers (default 1). Storage is per process, so values > 1
//                        are only valid for the stateless client_credentials benchmark.
//
// NODE_ENV defaults to production and DEBUG is cleared: no debug logging.
import cluster from 'node:cluster';
import { generateKeyPairSync, randomBytes } from 'node:crypto';

process.env.NODE_ENV ||= 'production';
delete process.env.DEBUG;

const { default: Provider, errors } = await import('oidc-provider');
const { default: MapAdapter } = await import('./map-adapter.mjs');

const host = '127.0.0.1';
const port = Number(process.env.PORT ?? 3100);
const issuer = `http://${host}:${port}`;
const resource = 'https://bench.example/api';
const redirectUri = 'http://127.0.0.1:9/cb';
const workers = Number(process.env.PEER_WORKERS ?? 1);
const codeTtlSeconds = Number(process.env.PEER_CODE_TTL ?? 300);

function sharedSecrets() {
  // Generated once at start (by the primary when clustered) so every worker signs with the same key.
  if (process.env.PEER_SHARED_SECRETS) return JSON.parse(process.env.PEER_SHARED_SECRETS);
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'bench-es256', alg: 'ES256', use: 'sig' };
  let clientSecret = process.env.BENCH_CLIENT_SECRET;
  if (!clientSecret) {
    clientSecret = randomBytes(32).toString('base64url');
    console.log(`client "bench" secret: ${clientSecret}`);
  }
  return { signingKey, cookieKey: randomBytes(32).toString('base64url'), clientSecret };
}

function resourceServerInfo(_ctx, indicator) {
  if (indicator !== resource) throw new errors.InvalidTarget();
  return {
    audience: resource,
    scope: 'read',
    accessTokenFormat: 'jwt',
    accessTokenTTL: 600, // Mandate's default access token lifetime (10 minutes)
    jwt: { sign: { alg: 'ES256' } },
  };
}

function configuration({ signingKey, cookieKey, clientSecret }) {
  const common = {
    redirect_uris: [redirectUri],
    response_types: ['code'],
    // no client "scope" metadata: oidc-provider only accepts OIDC scopes there; the resource
    // server below offers nothing but "read", which has the same effect.
  };
  return {
    adapter: MapAdapter,
    jwks: { keys: [signingKey] },
    cookies: { keys: [cookieKey] },
    clientDefaults: { id_token_signed_response_alg: 'ES256' }, // the only key is an ES256 key
    clients: [
      {
        ...common,
        client_id: 'bench',
        client_secret: clientSecret,
        token_endpoint_auth_method: 'client_secret_basic',
        grant_types: ['client_credentials', 'authorization_code', 'refresh_token'],
      },
      {
        ...common,
        client_id: 'benchpub',
        token_endpoint_auth_method: 'none', // public: PKCE is required by oidc-provider's default
        grant_types: ['authorization_code'],
      },
    ],
    features: {
      clientCredentials: { enabled: true },
      // devInteractions (the provider's built-in login + consent pages) are used once, before any
      // timed phase, to obtain a session and a grant so that each /auth then returns a code.
      devInteractions: { enabled: true },
      resourceIndicators: {
        enabled: true,
        getResourceServerInfo: resourceServerInfo,
        useGrantedResource: () => true,
      },
    },
    ttl: { AuthorizationCode: codeTtlSeconds },
  };
}

function start(secrets) {
  const provider = new Provider(issuer, configuration(secrets));
  provider.on('server_error', (_ctx, error) => console.error('server_error', error));
  provider.listen(port, host, () => {
    console.log(`oidc-provider listening on ${issuer} (pid ${process.pid})`);
  });
}

if (workers > 1 && cluster.isPrimary) {
  const secrets = sharedSecrets();
  console.log(`oidc-provider primary ${process.pid}: forking ${workers} workers (client_credentials only)`);
  for (let i = 0; i < workers; i += 1) {
    cluster.fork({ PEER_SHARED_SECRETS: JSON.stringify(secrets) });
  }
} else {
  start(sharedSecrets());
}
