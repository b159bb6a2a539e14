// DPoP (RFC 9449) against Mandate with two third-party libraries. oauth4webapi (its DPoP() handle, which keeps the
// server's nonce and retries on use_dpop_nonce) gets DPoP-bound tokens with client_credentials and with code + PKCE
// (+ dpop_jkt), refreshes them, and calls the MCP gateway with them; the same token as Bearer and with another key's
// proof is refused. Proofs made by jose (ES256 and Ed25519 keys) are accepted at the token endpoint, and one with a
// broken signature is refused.
//
// Env (all required unless noted): MANDATE_ISSUER, MANDATE_USERNAME, MANDATE_PASSWORD,
//   CLIENT_ID, REDIRECT_URI (pre-registered public client), CONF_CLIENT_ID, CONF_CLIENT_SECRET (confidential,
//   client_secret_basic, allowed SCOPES for client_credentials), RESOURCE (a gateway URL, {issuer}/mcp/NAME),
//   SCOPES (space-separated), TIMEOUT_MS (optional).
// Stdout: one JSON line, e.g. {"ok":true,"client_credentials":{...},"code":{...},...}
import * as oauth from 'oauth4webapi';
import * as jose from 'jose';
import { HeadlessBrowser } from './lib/headless-browser.mjs';
import { runMain, requireEnv, assert, redact, splitScopes, decodeJwt } from './lib/common.mjs';

const insecure = { [oauth.allowInsecureRequests]: true };

/** Runs a request/response pair once more when the server asks for a (new) DPoP nonce; counts the retries. */
async function withNonceRetry(retries, name, attempt) {
  try {
    return await attempt();
  } catch (error) {
    if (!oauth.isDPoPNonceError(error)) throw error;
    retries[name] = (retries[name] ?? 0) + 1;
    return attempt();
  }
}

runMain('oauth4webapi-dpop', async (log) => {
  const issuerText = requireEnv('MANDATE_ISSUER');
  const issuer = new URL(issuerText);
  const clientId = requireEnv('CLIENT_ID');
  const redirectUri = requireEnv('REDIRECT_URI');
  const confClientId = requireEnv('CONF_CLIENT_ID');
  const confClientSecret = requireEnv('CONF_CLIENT_SECRET');
  const resource = requireEnv('RESOURCE');
  const scopes = splitScopes(requireEnv('SCOPES'));
  const summary = { ok: false, nonce_retries: {} };
  const retries = summary.nonce_retries;

  const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', ...insecure }));
  assert(as.dpop_signing_alg_values_supported?.includes('ES256'), 'dpop_signing_alg_values_supported lacks ES256');
  summary.dpop_signing_alg_values_supported = as.dpop_signing_alg_values_supported;

  const describe = (tokens) => {
    const { payload } = decodeJwt(tokens.access_token);
    return { token_type: tokens.token_type, cnf_jkt: payload.cnf?.jkt ?? null, refresh_token_issued: tokens.refresh_token !== undefined };
  };

  // 1. client_credentials with DPoP (the first request learns the nonce).
  const confClient = { client_id: confClientId, token_endpoint_auth_method: 'client_secret_basic' };
  const confAuth = oauth.ClientSecretBasic(confClientSecret);
  const confDpop = oauth.DPoP(confClient, await oauth.generateKeyPair('ES256'));
  const cc = await withNonceRetry(retries, 'client_credentials', async () =>
    oauth.processClientCredentialsResponse(as, confClient,
      await oauth.clientCredentialsGrantRequest(as, confClient, confAuth, { resource, scope: scopes.join(' ') }, { DPoP: confDpop, ...insecure })));
  summary.client_credentials = { ...describe(cc), jkt_matches_key: decodeJwt(cc.access_token).payload.cnf?.jkt === await confDpop.calculateThumbprint() };
  log(`client_credentials: ${JSON.stringify(summary.client_credentials)}`);

  // 2. Code + PKCE for the public client, the code bound to the key with dpop_jkt (RFC 9449 section 10).
  const publicClient = { client_id: clientId, token_endpoint_auth_method: 'none' };
  const keyPair = await oauth.generateKeyPair('ES256');
  const dpop = oauth.DPoP(publicClient, keyPair);
  const jkt = await dpop.calculateThumbprint();
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const url = new URL(as.authorization_endpoint);
  for (const [name, value] of Object.entries({
    response_type: 'code', client_id: clientId, redirect_uri: redirectUri, scope: scopes.join(' '), state,
    code_challenge: await oauth.calculatePKCECodeChallenge(codeVerifier), code_challenge_method: 'S256', resource, dpop_jkt: jkt,
  })) url.searchParams.set(name, value);
  const browser = new HeadlessBrowser({ log: (line) => log(`browser: ${line}`) });
  const { callbackUrl } = await browser.authorize(url, { redirectUri, username: requireEnv('MANDATE_USERNAME'), password: requireEnv('MANDATE_PASSWORD'), consent: 'allow' });
  const params = oauth.validateAuthResponse(as, publicClient, callbackUrl, state);
  const tokens = await withNonceRetry(retries, 'authorization_code', async () =>
    oauth.processAuthorizationCodeResponse(as, publicClient,
      await oauth.authorizationCodeGrantRequest(as, publicClient, oauth.None(), params, redirectUri, codeVerifier, { DPoP: dpop, additionalParameters: { resource }, ...insecure })));
  summary.code = { ...describe(tokens), jkt_matches_key: decodeJwt(tokens.access_token).payload.cnf?.jkt === jkt };
  log(`code exchanged: ${JSON.stringify(summary.code)} access_token=${redact(tokens.access_token)}`);

  // 3. Refresh with the same key (the public client's refresh token is bound to it).
  const refreshed = await withNonceRetry(retries, 'refresh_token', async () =>
    oauth.processRefreshTokenResponse(as, publicClient,
      await oauth.refreshTokenGrantRequest(as, publicClient, oauth.None(), tokens.refresh_token, { DPoP: dpop, ...insecure })));
  assert(refreshed.refresh_token !== tokens.refresh_token, 'refresh token not rotated');
  summary.refresh = { ...describe(refreshed), jkt_matches_key: decodeJwt(refreshed.access_token).payload.cnf?.jkt === jkt };
  // ...and with another key it is refused (the stolen-refresh-token case).
  const thief = oauth.DPoP(publicClient, await oauth.generateKeyPair('ES256'));
  try {
    await withNonceRetry(retries, 'refresh_other_key', async () =>
      oauth.processRefreshTokenResponse(as, publicClient,
        await oauth.refreshTokenGrantRequest(as, publicClient, oauth.None(), refreshed.refresh_token, { DPoP: thief, ...insecure })));
    throw new Error('refresh with another DPoP key succeeded');
  } catch (error) {
    if (!(error instanceof oauth.ResponseBodyError)) throw error;
    summary.refresh_other_key_error = error.error;
  }
  log(`refreshed: ${JSON.stringify(summary.refresh)}; with another key: ${summary.refresh_other_key_error}`);

  // 4. The gateway with the DPoP-bound tokens: initialize (the demo upstream is stateful), then tools/list.
  const mcp = async (accessToken, handle, body, sessionId) => {
    const headers = new Headers({ 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-11-25' });
    if (sessionId) headers.set('mcp-session-id', sessionId);
    return withNonceRetry(retries, 'gateway', () =>
      oauth.protectedResourceRequest(accessToken, 'POST', new URL(resource), headers, JSON.stringify(body), { DPoP: handle, ...insecure }));
  };
  const messageOf = async (response) => {
    const text = await response.text();
    const data = text.startsWith('{') ? text : text.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5)).find((l) => l.trim().startsWith('{'));
    return JSON.parse(data);
  };
  const init = await mcp(refreshed.access_token, dpop, { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'oauth4webapi-dpop', version: '1' } } });
  assert(init.status === 200, `initialize through the gateway: ${init.status}`);
  const sessionId = init.headers.get('mcp-session-id') ?? undefined;
  await messageOf(init);
  const list = await mcp(refreshed.access_token, dpop, { jsonrpc: '2.0', id: 2, method: 'tools/list' }, sessionId);
  assert(list.status === 200, `tools/list through the gateway: ${list.status}`);
  summary.gateway_tools = (await messageOf(list)).result.tools.map((t) => t.name).sort();
  const ccInit = await mcp(cc.access_token, confDpop, { jsonrpc: '2.0', id: 3, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'cc', version: '1' } } });
  summary.gateway_client_credentials_status = ccInit.status;
  await ccInit.body?.cancel();
  log(`gateway: tools ${summary.gateway_tools.join(', ')}; client_credentials token ${ccInit.status}`);

  // The same token as Bearer, and with a proof of another key, is refused.
  const asBearer = await fetch(resource, { method: 'POST', headers: { authorization: `Bearer ${refreshed.access_token}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: JSON.stringify({ jsonrpc: '2.0', id: 4, method: 'tools/list' }) });
  summary.gateway_as_bearer = { status: asBearer.status, www_authenticate: asBearer.headers.get('www-authenticate') };
  await asBearer.body?.cancel();
  try {
    await mcp(refreshed.access_token, thief, { jsonrpc: '2.0', id: 5, method: 'tools/list' }, sessionId);
    throw new Error('the gateway accepted a proof of another key');
  } catch (error) {
    if (!(error instanceof oauth.WWWAuthenticateChallengeError)) throw error;
    summary.gateway_other_key = { status: error.response.status, scheme: error.cause[0].scheme, error: error.cause[0].parameters.error };
  }
  log(`gateway refusals: as Bearer ${summary.gateway_as_bearer.status}, other key ${summary.gateway_other_key.status}`);

  // 5. Proofs made by jose, sent by hand: ES256 and Ed25519 accepted, a broken signature refused.
  let nonce;
  const joseProof = async (alg, key, publicJwk) =>
    new jose.SignJWT({ htm: 'POST', htu: as.token_endpoint, jti: crypto.randomUUID(), ...(nonce ? { nonce } : {}) })
      .setProtectedHeader({ typ: 'dpop+jwt', alg, jwk: publicJwk })
      .setIssuedAt()
      .sign(key);
  const tokenRequest = async (proof) => {
    const response = await fetch(as.token_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${encodeURIComponent(confClientId)}:${encodeURIComponent(confClientSecret)}`).toString('base64')}`, dpop: proof },
      body: new URLSearchParams({ grant_type: 'client_credentials', resource, scope: scopes.join(' ') }),
    });
    nonce = response.headers.get('dpop-nonce') ?? nonce;
    return { status: response.status, body: await response.json() };
  };
  const joseRun = async (alg, options) => {
    const { publicKey, privateKey } = await jose.generateKeyPair(alg, options);
    const jwk = await jose.exportJWK(publicKey);
    let result = await tokenRequest(await joseProof(alg, privateKey, jwk));
    if (result.body.error === 'use_dpop_nonce') {
      retries[`jose_${alg}`] = (retries[`jose_${alg}`] ?? 0) + 1;
      result = await tokenRequest(await joseProof(alg, privateKey, jwk));
    }
    return { status: result.status, token_type: result.body.token_type ?? null, error: result.body.error ?? null, jkt_matches_key: result.body.access_token ? decodeJwt(result.body.access_token).payload.cnf?.jkt === await jose.calculateJwkThumbprint(jwk) : false, privateKey, jwk };
  };
  const es256 = await joseRun('ES256');
  const ed25519 = await joseRun('EdDSA', { crv: 'Ed25519' });
  const good = await joseProof('ES256', es256.privateKey, es256.jwk);
  const [head, payload, signature] = good.split('.');
  const broken = `${head}.${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
  const refused = await tokenRequest(broken);
  summary.jose = {
    es256: { status: es256.status, token_type: es256.token_type, jkt_matches_key: es256.jkt_matches_key },
    eddsa: { status: ed25519.status, token_type: ed25519.token_type, jkt_matches_key: ed25519.jkt_matches_key },
    bad_signature: { status: refused.status, error: refused.body.error ?? null },
  };
  log(`jose proofs: ${JSON.stringify(summary.jose)}`);

  summary.ok = true;
  return summary;
});
