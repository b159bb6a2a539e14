// OpenID Connect CIBA (poll mode) against Mandate with oauth4webapi (panva): the client starts a backchannel
// authentication (backchannelAuthenticationRequest + processBackchannelAuthenticationResponse), polls the token
// endpoint with the CIBA grant (backchannelAuthenticationGrantRequest + processBackchannelAuthenticationGrantResponse)
// while the person signs in to the console and approves on the Approvals page (headless, comparing the binding
// message), honouring interval and slow_down; the access token passes validateJwtAccessToken. Then: the auth_req_id
// is single use, a denied request gives access_denied, an expired one expired_token, an unknown user unknown_user_id.
//
// Env: MANDATE_ISSUER, MANDATE_USERNAME, MANDATE_PASSWORD, CLIENT_ID, CLIENT_SECRET (client_secret_basic, CIBA poll),
//   RESOURCE, SCOPE, TIMEOUT_MS (optional).
// Stdout: one JSON line, e.g. {"ok":true,"first_poll":"authorization_pending","second_poll":"slow_down",...}
import * as oauth from 'oauth4webapi';
import { HeadlessBrowser, parseForms, buildFormSubmission } from './lib/headless-browser.mjs';
import { runMain, requireEnv, assert, redact } from './lib/common.mjs';

const insecure = { [oauth.allowInsecureRequests]: true };
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

runMain('oauth4webapi-ciba', async (log) => {
  const issuer = new URL(requireEnv('MANDATE_ISSUER'));
  const username = requireEnv('MANDATE_USERNAME');
  const password = requireEnv('MANDATE_PASSWORD');
  const client = { client_id: requireEnv('CLIENT_ID'), token_endpoint_auth_method: 'client_secret_basic' };
  const auth = oauth.ClientSecretBasic(requireEnv('CLIENT_SECRET'));
  const resource = requireEnv('RESOURCE');
  const scope = requireEnv('SCOPE');
  const summary = { ok: false };

  const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oidc', ...insecure }));
  summary.backchannel_authentication_endpoint = as.backchannel_authentication_endpoint;
  summary.backchannel_token_delivery_modes_supported = as.backchannel_token_delivery_modes_supported;
  summary.backchannel_user_code_parameter_supported = as.backchannel_user_code_parameter_supported;
  summary.grant_type_listed = as.grant_types_supported?.includes('urn:openid:params:grant-type:ciba') === true;

  const start = async (extra = {}) => {
    const binding = `CODE-${Math.floor(Math.random() * 9000 + 1000)}`;
    const response = await oauth.backchannelAuthenticationRequest(as, client, auth, {
      login_hint: username, scope: `openid ${scope}`, resource, binding_message: binding, ...extra,
    }, insecure);
    return { started: await oauth.processBackchannelAuthenticationResponse(as, client, response), binding };
  };
  /** One token request: the tokens, or the OAuth error code. */
  const poll = async (authReqId) => {
    try {
      const response = await oauth.backchannelAuthenticationGrantRequest(as, client, auth, authReqId, insecure);
      return { tokens: await oauth.processBackchannelAuthenticationGrantResponse(as, client, response) };
    } catch (error) {
      if (error instanceof oauth.ResponseBodyError) return { error: error.error };
      throw error;
    }
  };

  // The person: signs in once, then answers on the Approvals page, checking the binding message first.
  const browser = new HeadlessBrowser({ log: (line) => log(`browser: ${line}`) });
  const signIn = async () => {
    const loginUrl = new URL('login', `${issuer.href.replace(/\/?$/, '/')}`);
    const page = await browser.request(loginUrl);
    const form = parseForms(await page.text())[0];
    const submission = buildFormSubmission(form, loginUrl, { values: { Username: username, Password: password } });
    const answer = await browser.request(submission.url, { method: 'POST', body: submission.body, origin: loginUrl.origin });
    assert(answer.status === 302 || answer.status === 303, `sign-in answered ${answer.status}`);
    await answer.body?.cancel();
  };
  const decide = async (binding, button) => {
    const approvalsUrl = new URL('approvals', `${issuer.href.replace(/\/?$/, '/')}`);
    const page = await browser.request(approvalsUrl);
    const html = await page.text();
    assert(page.status === 200, `approvals page answered ${page.status}`);
    const at = html.indexOf(binding);
    assert(at >= 0, `the approvals page does not show binding message ${binding}`);
    const form = parseForms(html.slice(at))[0];
    const submission = buildFormSubmission(form, approvalsUrl, { button: { text: button } });
    const answer = await browser.request(submission.url, { method: 'POST', body: submission.body, origin: approvalsUrl.origin });
    const text = await answer.text();
    assert(answer.status === 200 && text.includes(button === 'Approve' ? 'Approved.' : 'Denied.'), `${button} answered ${answer.status}`);
  };

  // 1. Start, two quick polls (pending, then slow_down), approve, poll at the interval until the tokens come.
  const { started, binding } = await start({ requested_expiry: '120' });
  summary.expires_in = started.expires_in;
  summary.interval = started.interval;
  log(`started: auth_req_id=${redact(started.auth_req_id)} expires_in=${started.expires_in} interval=${started.interval}`);
  summary.first_poll = (await poll(started.auth_req_id)).error;
  summary.second_poll = (await poll(started.auth_req_id)).error;
  await signIn();
  await decide(binding, 'Approve');
  let interval = (started.interval ?? 5) + (summary.second_poll === 'slow_down' ? 5 : 0);
  let result;
  for (let attempt = 0; attempt < 10; attempt++) {
    await sleep(interval * 1000);
    result = await poll(started.auth_req_id);
    if (result.tokens) break;
    if (result.error === 'slow_down') interval += 5;
    else assert(result.error === 'authorization_pending', `unexpected error ${result.error}`);
  }
  assert(result?.tokens, 'no tokens after approval');
  summary.token_type = result.tokens.token_type;
  summary.scope = result.tokens.scope;
  const request = new Request(resource, { headers: { authorization: `Bearer ${result.tokens.access_token}` } });
  const claims = await oauth.validateJwtAccessToken(as, request, resource, { ...insecure, signingAlgorithms: ['ES256'] });
  summary.sub = claims.sub;
  summary.client_id = claims.client_id;
  summary.aud = claims.aud;
  summary.token_scope = claims.scope;
  log(`tokens: access_token=${redact(result.tokens.access_token)} scope=${claims.scope}`);

  // 2. Single use.
  summary.reuse = (await poll(started.auth_req_id)).error;

  // 3. Denied.
  const denied = await start();
  await decide(denied.binding, 'Deny');
  await sleep((denied.started.interval ?? 5) * 1000);
  summary.denied = (await poll(denied.started.auth_req_id)).error;

  // 4. Expired.
  const expiring = await start({ requested_expiry: '1' });
  await sleep(2000);
  summary.expired = (await poll(expiring.started.auth_req_id)).error;

  // 5. Unknown user.
  try {
    await start({ login_hint: 'nobody-here' });
  } catch (error) {
    if (!(error instanceof oauth.ResponseBodyError)) throw error;
    summary.unknown_user = error.error;
  }

  summary.ok = true;
  return summary;
});
