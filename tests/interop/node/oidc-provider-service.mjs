// A third-party OAuth 2 / OpenID Connect provider (panva's oidc-provider) standing in for "the service people connect
// to Mandate": code flow with PKCE, PAR, RFC 9207 iss, rotating refresh tokens, RFC 7009 revocation, short-lived
// access tokens, and the userinfo endpoint as its protected API.
//
// Env: REDIRECT_URI (Mandate's {issuer}/connections/callback), CLIENT_ID, CLIENT_SECRET, ACCOUNT (the subject every
//      sign-in yields), ACCESS_TOKEN_TTL (seconds, default 30); optional JWT_CLIENT_ID + JWT_CLIENT_JWKS (a public JWK
//      Set): a second client that authenticates with private_key_jwt; DPOP_NONCE=1: DPoP proofs at the token and
//      userinfo endpoints must carry a server nonce (RFC 9449 §8). DPoP itself is on (oidc-provider's default): a token
//      request with a DPoP proof gets DPoP-bound tokens. Introspection is on, for resource servers.
// The person's sign-in and consent at the provider are answered by this script itself: GET /interaction/:uid
// finishes the login as ACCOUNT and grants exactly what was asked.
// Stdout: exactly one line once listening: {"issuer":"http://127.0.0.1:PORT"}. Exits when stdin closes.
import http from 'node:http';
import crypto from 'node:crypto';
import Provider from 'oidc-provider';
import { makeLogger, requireEnv, optionalEnv, describeError } from './lib/common.mjs';

const log = makeLogger('oidc-provider-service');

async function main() {
  const redirectUri = requireEnv('REDIRECT_URI');
  const clientId = requireEnv('CLIENT_ID');
  const clientSecret = requireEnv('CLIENT_SECRET');
  const account = requireEnv('ACCOUNT');
  const accessTokenTtl = Number(optionalEnv('ACCESS_TOKEN_TTL', '30'));
  const dpopNonce = optionalEnv('DPOP_NONCE', '') === '1';

  const jwtClientId = optionalEnv('JWT_CLIENT_ID', '');
  const jwtClient = jwtClientId ? [{
    client_id: jwtClientId,
    redirect_uris: [redirectUri],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'private_key_jwt',
    token_endpoint_auth_signing_alg: 'ES256',
    jwks: JSON.parse(requireEnv('JWT_CLIENT_JWKS')),
  }] : [];

  const server = http.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${server.address().port}`;

  const provider = new Provider(issuer, {
    clients: [{
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [redirectUri],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    }, ...jwtClient],
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      pushedAuthorizationRequests: { enabled: true },
      introspection: { enabled: true },
      dPoP: dpopNonce
        ? { enabled: true, nonceSecret: crypto.randomBytes(32), requireNonce: () => true }
        : { enabled: true },
    },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: [crypto.randomBytes(32).toString('base64url')] },
    ttl: { AccessToken: accessTokenTtl, RefreshToken: 3600, Grant: 3600, Session: 3600, Interaction: 600, AuthorizationCode: 60 },
    rotateRefreshToken: true,
    issueRefreshToken: async (ctx, client, code) => client.grantTypeAllowed('refresh_token') && code.scopes.has('offline_access'),
    async findAccount(ctx, id) {
      return { accountId: id, async claims() { return { sub: id }; } };
    },
  });
  provider.on('grant.success', (ctx) => log(`token endpoint: ${ctx.oidc.params.grant_type} issued${ctx.oidc.entities.AccessToken?.jkt ? ' (DPoP-bound)' : ''}`));
  provider.on('grant.error', (ctx, err) => log(`token endpoint: ${ctx.oidc.params?.grant_type} refused: ${err.error}`));
  provider.on('revocation.success', () => log('revocation: ok'));

  const callback = provider.callback();
  server.on('request', async (req, res) => {
    if (!req.url.startsWith('/interaction/')) {
      callback(req, res);
      return;
    }

    try {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name === 'login') {
        log('interaction: login');
        await provider.interactionFinished(req, res, { login: { accountId: account } }, { mergeWithLastSubmission: false });
        return;
      }

      log('interaction: consent');
      const { prompt: { details: missing }, params, session } = details;
      const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
      if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
      for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    } catch (err) {
      log(`interaction failed: ${describeError(err)}`);
      res.statusCode = 500;
      res.end('interaction failed');
    }
  });

  process.stdout.write(JSON.stringify({ issuer }) + '\n');
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
}

main().catch((err) => {
  log(`FAILED: ${describeError(err)}`);
  process.exit(1);
});
