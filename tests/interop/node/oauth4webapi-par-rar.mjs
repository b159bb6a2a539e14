// PAR (RFC 9126) + RAR (RFC 9396) code flow against Mandate with oauth4webapi (panva): the public client pushes an
// authorization request carrying a mandate (authorization_details of type "mandate"), the person signs in and allows
// it (headless), the code is redeemed, and the mandate is in the token response, the RFC 9068 access token (validated
// by oauth4webapi) and introspection. The confidential client pushes with client_secret_basic, then its request_uri
// is shown to be single use. A mandate of an unknown type is refused at the PAR endpoint.
//
// Env: MANDATE_ISSUER, MANDATE_USERNAME, MANDATE_PASSWORD, CLIENT_ID, REDIRECT_URI (public client), RESOURCE,
//   CONF_CLIENT_ID, CONF_CLIENT_SECRET (confidential client, client_secret_basic), TIMEOUT_MS (optional).
// Stdout: one JSON line, e.g. {"ok":true,"request_uri_prefix":"urn:ietf:params:oauth:request_uri:",...}
import * as oauth from 'oauth4webapi';
import { HeadlessBrowser } from './lib/headless-browser.mjs';
import { runMain, requireEnv, assert, redact, decodeJwt } from './lib/common.mjs';

const insecure = { [oauth.allowInsecureRequests]: true };

runMain('oauth4webapi-par-rar', async (log) => {
  const issuerText = requireEnv('MANDATE_ISSUER');
  const username = requireEnv('MANDATE_USERNAME');
  const password = requireEnv('MANDATE_PASSWORD');
  const clientId = requireEnv('CLIENT_ID');
  const redirectUri = requireEnv('REDIRECT_URI');
  const resource = requireEnv('RESOURCE');
  const confClientId = requireEnv('CONF_CLIENT_ID');
  const confClientSecret = requireEnv('CONF_CLIENT_SECRET');
  const summary = { ok: false };

  const issuer = new URL(issuerText);
  const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', ...insecure }));
  assert(typeof as.pushed_authorization_request_endpoint === 'string', 'metadata lacks pushed_authorization_request_endpoint');
  assert(as.authorization_details_types_supported?.includes('mandate'), 'authorization_details_types_supported lacks mandate');
  summary.pushed_authorization_request_endpoint = as.pushed_authorization_request_endpoint;
  summary.require_pushed_authorization_requests = as.require_pushed_authorization_requests;

  const mandate = [{
    type: 'mandate',
    locations: [resource],
    tools: [{ name: 'create_issue', arguments: { type: 'object', properties: { repo: { const: 'acme/web' } }, required: ['repo'] }, max_calls: 3 }],
    purpose: 'file the bug report from this chat',
    expires_at: Math.floor(Date.now() / 1000) + 3600,
  }];

  const push = async (client, auth, extra = {}) => {
    const codeVerifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const parameters = {
      response_type: 'code',
      redirect_uri: redirectUri,
      state,
      code_challenge: await oauth.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      resource,
      authorization_details: JSON.stringify(mandate),
      ...extra,
    };
    const response = await oauth.pushedAuthorizationRequest(as, client, auth, parameters, insecure);
    const pushed = await oauth.processPushedAuthorizationResponse(as, client, response);
    return { pushed, codeVerifier, state };
  };
  const authorizeUrl = (client, requestUri) => {
    const url = new URL(as.authorization_endpoint);
    url.searchParams.set('client_id', client.client_id);
    url.searchParams.set('request_uri', requestUri);
    return url;
  };

  // 1. The public client (none): push, sign in, allow, redeem.
  const publicClient = { client_id: clientId, token_endpoint_auth_method: 'none' };
  const first = await push(publicClient, oauth.None());
  assert(first.pushed.request_uri.startsWith('urn:ietf:params:oauth:request_uri:'), `request_uri ${first.pushed.request_uri}`);
  assert(first.pushed.expires_in > 0 && first.pushed.expires_in <= 600, `expires_in ${first.pushed.expires_in}`);
  summary.request_uri_prefix = 'urn:ietf:params:oauth:request_uri:';
  summary.expires_in = first.pushed.expires_in;
  log(`pushed: request_uri=${redact(first.pushed.request_uri)} expires_in=${first.pushed.expires_in}`);

  const browser = new HeadlessBrowser({ log: (line) => log(`browser: ${line}`) });
  const { callbackUrl, pages } = await browser.authorize(authorizeUrl(publicClient, first.pushed.request_uri), { redirectUri, username, password, consent: 'allow' });
  const params = oauth.validateAuthResponse(as, publicClient, callbackUrl, first.state);
  summary.pages = pages;
  const tokens = await oauth.processAuthorizationCodeResponse(
    as,
    publicClient,
    await oauth.authorizationCodeGrantRequest(as, publicClient, oauth.None(), params, redirectUri, first.codeVerifier, insecure),
  );
  assert(Array.isArray(tokens.authorization_details), 'token response lacks authorization_details');
  summary.token_response_authorization_details = tokens.authorization_details;
  const request = new Request(resource, { headers: { authorization: `Bearer ${tokens.access_token}` } });
  const claims = await oauth.validateJwtAccessToken(as, request, resource, { ...insecure, signingAlgorithms: ['ES256'] });
  summary.access_token_authorization_details = claims.authorization_details;
  log(`code redeemed; access token ${redact(tokens.access_token)} carries ${JSON.stringify(claims.authorization_details)}`);

  // 2. The request_uri is single use.
  const replay = await browser.request(authorizeUrl(publicClient, first.pushed.request_uri));
  summary.replay_status = replay.status;
  summary.replay_error = (await replay.text()).includes('invalid_request_uri') ? 'invalid_request_uri' : null;

  // 3. Introspection by the confidential client returns the mandate.
  const confClient = { client_id: confClientId, token_endpoint_auth_method: 'client_secret_basic' };
  const confAuth = oauth.ClientSecretBasic(confClientSecret);
  const info = await oauth.processIntrospectionResponse(as, confClient, await oauth.introspectionRequest(as, confClient, confAuth, tokens.access_token, insecure));
  assert(info.active === true, 'introspection: not active');
  summary.introspection_authorization_details = info.authorization_details;

  // 4. The confidential client pushes with client_secret_basic; an unknown type is refused at /par.
  const confPushed = await push(confClient, confAuth);
  summary.confidential_push = confPushed.pushed.request_uri.startsWith('urn:ietf:params:oauth:request_uri:');
  try {
    const response = await oauth.pushedAuthorizationRequest(as, confClient, confAuth, {
      response_type: 'code', redirect_uri: redirectUri, code_challenge: await oauth.calculatePKCECodeChallenge(oauth.generateRandomCodeVerifier()),
      code_challenge_method: 'S256', resource, authorization_details: JSON.stringify([{ type: 'payment_initiation' }]),
    }, insecure);
    await oauth.processPushedAuthorizationResponse(as, confClient, response);
    throw new Error('an unknown authorization_details type was accepted');
  } catch (error) {
    if (!(error instanceof oauth.ResponseBodyError)) throw error;
    summary.unknown_type_error = error.error;
  }

  summary.access_token_exp = decodeJwt(tokens.access_token).payload.exp;
  summary.mandate_expires_at = mandate[0].expires_at;
  summary.ok = true;
  return summary;
});
