// Strict third-party OAuth 2.1 check of Mandate with oauth4webapi (panva): discovery, authorization code + PKCE for a
// public client (headless login/consent), RFC 9068 access token validation, refresh token rotation, introspection,
// revocation, client_credentials, remembered consent and authorization code replay.
//
// Env (all required unless noted): MANDATE_ISSUER, MANDATE_USERNAME, MANDATE_PASSWORD,
//   CLIENT_ID, REDIRECT_URI (pre-registered public client), RESOURCE, SCOPES (space-separated),
//   CONF_CLIENT_ID, CONF_CLIENT_SECRET (pre-registered confidential client, client_secret_basic),
//   CONF_SCOPES (optional, scopes for client_credentials; default SCOPES), TIMEOUT_MS (optional).
// Stdout: one JSON line, e.g. {"ok":true,"issuer":"...","client_id":"...","access_token":{...},...}
import * as oauth from 'oauth4webapi';
import { HeadlessBrowser } from './lib/headless-browser.mjs';
import { runMain, requireEnv, optionalEnv, assert, redact, splitScopes, decodeJwt, audiences } from './lib/common.mjs';

// Plain http on loopback: oauth4webapi refuses non-https URLs unless this (deprecated-on-purpose) option is set.
const insecure = { [oauth.allowInsecureRequests]: true };

runMain('oauth4webapi', async (log) => {
  const issuerText = requireEnv('MANDATE_ISSUER');
  const issuer = new URL(issuerText);
  const username = requireEnv('MANDATE_USERNAME');
  const password = requireEnv('MANDATE_PASSWORD');
  const clientId = requireEnv('CLIENT_ID');
  const redirectUri = requireEnv('REDIRECT_URI');
  const resource = requireEnv('RESOURCE');
  const scopes = splitScopes(requireEnv('SCOPES'));
  const confClientId = requireEnv('CONF_CLIENT_ID');
  const confClientSecret = requireEnv('CONF_CLIENT_SECRET');
  const confScopes = splitScopes(optionalEnv('CONF_SCOPES', scopes.join(' ')));
  const summary = { ok: false };

  // 1. Discovery: RFC 8414 and OpenID Connect Discovery must both answer with our issuer.
  const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', ...insecure }));
  const asOidc = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oidc', ...insecure }));
  assert(as.issuer === issuerText, `metadata issuer "${as.issuer}" is not exactly MANDATE_ISSUER "${issuerText}"`);
  assert(asOidc.issuer === as.issuer, 'openid-configuration and oauth-authorization-server disagree on issuer');
  for (const field of ['authorization_endpoint', 'token_endpoint', 'jwks_uri', 'introspection_endpoint', 'revocation_endpoint', 'registration_endpoint']) {
    assert(typeof as[field] === 'string', `metadata lacks ${field}`);
  }
  assert(as.code_challenge_methods_supported?.includes('S256'), 'code_challenge_methods_supported lacks S256');
  assert(as.authorization_response_iss_parameter_supported === true, 'authorization_response_iss_parameter_supported is not true');
  assert(as.client_id_metadata_document_supported === true, 'client_id_metadata_document_supported is not true');
  log(`discovered ${as.issuer}: authorize ${as.authorization_endpoint}, token ${as.token_endpoint}`);
  summary.issuer = as.issuer;

  // RFC 9068 validation of a JWT access token as a resource server would (signature via jwks_uri, typ, iss, aud, exp,
  // required claims), plus our own checks of header alg and of the claims we expect.
  const jwksCache = {};
  const validateAccessToken = async (accessToken, expectedClientId, expectedScopes) => {
    const { header } = decodeJwt(accessToken);
    assert(header.typ === 'at+jwt', `access token typ header is ${header.typ}, expected at+jwt`);
    assert(header.alg === 'ES256', `access token alg is ${header.alg}, expected ES256`);
    const request = new Request(resource, { headers: { authorization: `Bearer ${accessToken}` } });
    const claims = await oauth.validateJwtAccessToken(as, request, resource, { ...insecure, [oauth.jwksCache]: jwksCache, signingAlgorithms: ['ES256'] });
    assert(claims.client_id === expectedClientId, `client_id claim ${claims.client_id} != ${expectedClientId}`);
    assert(audiences(claims).includes(resource), `aud ${JSON.stringify(claims.aud)} lacks ${resource}`);
    const granted = splitScopes(claims.scope);
    for (const s of expectedScopes) assert(granted.includes(s), `scope claim "${claims.scope}" lacks ${s}`);
    assert(claims.exp > Date.now() / 1000, 'exp is in the past');
    return {
      typ: header.typ,
      alg: header.alg,
      kid: header.kid ?? null,
      iss: claims.iss,
      aud: claims.aud,
      client_id: claims.client_id,
      sub: redact(claims.sub),
      scope: claims.scope ?? null,
      expires_in: claims.exp - Math.floor(Date.now() / 1000),
    };
  };

  // 2. Authorization code + PKCE for the public client, through the login and consent pages.
  const publicClient = { client_id: clientId, token_endpoint_auth_method: 'none' };
  const browser = new HeadlessBrowser({ log: (line) => log(`browser: ${line}`) });
  const authorize = async () => {
    const codeVerifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const url = new URL(as.authorization_endpoint);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', clientId);
    url.searchParams.set('redirect_uri', redirectUri);
    url.searchParams.set('scope', scopes.join(' '));
    url.searchParams.set('state', state);
    url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(codeVerifier));
    url.searchParams.set('code_challenge_method', 'S256');
    url.searchParams.set('resource', resource);
    const { callbackUrl, pages } = await browser.authorize(url, { redirectUri, username, password, consent: 'allow' });
    // Checks iss (advertised via authorization_response_iss_parameter_supported), state, and error.
    const params = oauth.validateAuthResponse(as, publicClient, callbackUrl, state);
    log(`authorization response ok: code=${redact(params.get('code'))} pages=[${pages.join(', ')}]`);
    return { params, codeVerifier, pages };
  };
  const exchange = async ({ params, codeVerifier }) =>
    oauth.processAuthorizationCodeResponse(
      as,
      publicClient,
      await oauth.authorizationCodeGrantRequest(as, publicClient, oauth.None(), params, redirectUri, codeVerifier, {
        additionalParameters: { resource },
        ...insecure,
      }),
    );

  const first = await authorize();
  summary.first_authorization_pages = first.pages;
  const tokens = await exchange(first);
  assert(tokens.token_type === 'bearer', `token_type ${tokens.token_type}`);
  assert(typeof tokens.expires_in === 'number' && tokens.expires_in > 0, 'expires_in missing');
  assert(typeof tokens.refresh_token === 'string', 'no refresh_token for a public client allowed the refresh_token grant');
  if (tokens.scope !== undefined) for (const s of scopes) assert(splitScopes(tokens.scope).includes(s), `token response scope "${tokens.scope}" lacks ${s}`);
  log(`code exchanged: access_token=${redact(tokens.access_token)} refresh_token=${redact(tokens.refresh_token)} expires_in=${tokens.expires_in}`);
  summary.client_id = clientId;
  summary.access_token_claims = await validateAccessToken(tokens.access_token, clientId, scopes);
  log(`access token is a valid RFC 9068 JWT: ${JSON.stringify(summary.access_token_claims)}`);

  // 3. Refresh with rotation.
  const refreshed = await oauth.processRefreshTokenResponse(
    as,
    publicClient,
    await oauth.refreshTokenGrantRequest(as, publicClient, oauth.None(), tokens.refresh_token, { additionalParameters: { resource }, ...insecure }),
  );
  assert(typeof refreshed.refresh_token === 'string', 'refresh response has no refresh_token (no rotation)');
  assert(refreshed.refresh_token !== tokens.refresh_token, 'refresh_token was not rotated');
  assert(refreshed.access_token !== tokens.access_token, 'refresh returned the same access token');
  await validateAccessToken(refreshed.access_token, clientId, scopes);
  summary.refresh_rotated = true;
  log(`refreshed: new refresh_token=${redact(refreshed.refresh_token)} (rotated), new access token valid`);

  // 4. Introspection by the confidential client (client_secret_basic).
  const confClient = { client_id: confClientId, token_endpoint_auth_method: 'client_secret_basic' };
  const confAuth = oauth.ClientSecretBasic(confClientSecret);
  const introspect = async (token, hint) =>
    oauth.processIntrospectionResponse(as, confClient, await oauth.introspectionRequest(as, confClient, confAuth, token, { additionalParameters: { token_type_hint: hint }, ...insecure }));
  const atInfo = await introspect(refreshed.access_token, 'access_token');
  assert(atInfo.active === true, 'introspection: access token not active');
  assert(atInfo.client_id === clientId, `introspection: client_id ${atInfo.client_id} != ${clientId}`);
  assert(audiences(atInfo).includes(resource), `introspection: aud ${JSON.stringify(atInfo.aud)} lacks ${resource}`);
  if (atInfo.iss !== undefined) assert(atInfo.iss === as.issuer, `introspection: iss ${atInfo.iss}`);
  summary.introspection = { active: atInfo.active, client_id: atInfo.client_id, aud: atInfo.aud, scope: atInfo.scope ?? null, token_type: atInfo.token_type ?? null, iss: atInfo.iss ?? null };
  // A refresh token is never shown to anyone but its own client (RFC 7662 2.2 lets the server answer active:false
  // to a caller that may not introspect this token; resource servers never hold refresh tokens).
  const rtInfo = await introspect(refreshed.refresh_token, 'refresh_token');
  assert(rtInfo.active === false, "introspection: another client's refresh token was described to the confidential client");
  summary.other_client_refresh_token_introspection_active = rtInfo.active;
  log("introspection: access token active; another client's refresh token reported inactive to the caller");

  // 5. Revocation (RFC 7009). Another client's attempt is answered 200 (as for any token) but must change nothing...
  const revoke = async (client, auth, token, hint) =>
    oauth.revocationRequest(as, client, auth, token, { additionalParameters: { token_type_hint: hint }, ...insecure });
  const crossRt = await revoke(confClient, confAuth, refreshed.refresh_token, 'refresh_token');
  await crossRt.body?.cancel();
  const crossAt = await revoke(confClient, confAuth, refreshed.access_token, 'access_token');
  await crossAt.body?.cancel();
  summary.cross_client_revoke_status = { refresh_token: crossRt.status, access_token: crossAt.status };
  assert((await introspect(refreshed.access_token, 'access_token')).active === true, 'the confidential client revoked an access token issued to another client (RFC 7009 2.1)');
  // The refresh token still works for its owner (the only party that can observe it).
  const survivor = await oauth.processRefreshTokenResponse(
    as,
    publicClient,
    await oauth.refreshTokenGrantRequest(as, publicClient, oauth.None(), refreshed.refresh_token, { additionalParameters: { resource }, ...insecure }),
  );
  assert(typeof survivor.refresh_token === 'string' && survivor.refresh_token !== refreshed.refresh_token, 'refresh after the cross-client attempt did not rotate');
  summary.cross_client_revoke_left_tokens_usable = true;
  log(`cross-client revocation answered ${crossRt.status}/${crossAt.status} and left both tokens usable`);
  // ...the owner's revokes: the access token introspects inactive, the refresh token fails with invalid_grant.
  await oauth.processRevocationResponse(await revoke(publicClient, oauth.None(), refreshed.access_token, 'access_token'));
  const revokedAt = await introspect(refreshed.access_token, 'access_token');
  assert(revokedAt.active === false, 'revoked access token still introspects as active');
  summary.revoked_access_token_active = revokedAt.active;
  await oauth.processRevocationResponse(await revoke(publicClient, oauth.None(), survivor.refresh_token, 'refresh_token'));
  try {
    await oauth.processRefreshTokenResponse(
      as,
      publicClient,
      await oauth.refreshTokenGrantRequest(as, publicClient, oauth.None(), survivor.refresh_token, { additionalParameters: { resource }, ...insecure }),
    );
    throw new Error('refresh with a revoked refresh token succeeded');
  } catch (error) {
    if (!(error instanceof oauth.ResponseBodyError)) throw error;
    assert(error.error === 'invalid_grant', `refresh with revoked token: error ${error.error}, expected invalid_grant`);
    summary.revoked_refresh_grant_error = error.error;
  }
  log('owner revoked: access token introspects inactive, refresh grant invalid_grant');

  // 6. client_credentials for the confidential client.
  const ccParams = { resource };
  if (confScopes.length > 0) ccParams.scope = confScopes.join(' ');
  const cc = await oauth.processClientCredentialsResponse(as, confClient, await oauth.clientCredentialsGrantRequest(as, confClient, confAuth, ccParams, insecure));
  assert(cc.token_type === 'bearer', `client_credentials token_type ${cc.token_type}`);
  const ccClaims = await validateAccessToken(cc.access_token, confClientId, confScopes);
  const ccAud = decodeJwt(cc.access_token).payload.aud;
  assert(ccAud === resource || (Array.isArray(ccAud) && ccAud.length === 1 && ccAud[0] === resource), `client_credentials aud ${JSON.stringify(ccAud)} != ${resource}`);
  summary.client_credentials = { aud: ccAud, client_id: ccClaims.client_id, scope: ccClaims.scope, sub_is_client_id: decodeJwt(cc.access_token).payload.sub === confClientId, refresh_token_issued: cc.refresh_token !== undefined };
  log(`client_credentials: ${JSON.stringify(summary.client_credentials)}`);

  // 7. Remembered consent, then authorization code replay.
  const second = await authorize();
  assert(!second.pages.includes('consent'), 'consent was asked again for the same client, resource and scopes');
  summary.consent_remembered = true;
  summary.second_authorization_pages = second.pages;
  await exchange(second);
  try {
    await exchange(second);
    throw new Error('the same authorization code was accepted twice');
  } catch (error) {
    if (!(error instanceof oauth.ResponseBodyError)) throw error;
    assert(error.error === 'invalid_grant', `code replay: error ${error.error}, expected invalid_grant`);
    summary.code_replay_error = error.error;
  }
  log('second authorization skipped consent; replayed code rejected with invalid_grant');

  summary.ok = true;
  return summary;
});
