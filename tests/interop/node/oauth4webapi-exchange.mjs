// RFC 8693 token exchange driven by oauth4webapi (panva)'s generic token endpoint API: an orchestrator gets its own
// token (client_credentials), a sub-agent exchanges it for a narrower one, a sub-sub-agent narrows again; each token
// is validated as an RFC 9068 JWT against the JWKS, introspection shows the act chain, a widening request is refused
// with invalid_scope, and revoking the orchestrator's token makes both delegated tokens inactive.
//
// Env: MANDATE_ISSUER, RESOURCE, SCOPES (the orchestrator's, space-separated), SUB_SCOPES, SUB_SUB_SCOPES,
//   ORCH_ID, ORCH_SECRET, SUB_ID, SUB_SECRET, SUB_SUB_ID, SUB_SUB_SECRET (client_secret_basic clients),
//   TIMEOUT_MS (optional).
// Stdout: one JSON line, e.g. {"ok":true,"sub_agent":{...},"sub_sub_agent":{...},...}
import * as oauth from 'oauth4webapi';
import { runMain, requireEnv, assert, splitScopes, decodeJwt } from './lib/common.mjs';

const insecure = { [oauth.allowInsecureRequests]: true };
const exchangeGrant = 'urn:ietf:params:oauth:grant-type:token-exchange';
const accessTokenType = 'urn:ietf:params:oauth:token-type:access_token';

runMain('oauth4webapi-exchange', async (log) => {
  const issuerText = requireEnv('MANDATE_ISSUER');
  const issuer = new URL(issuerText);
  const resource = requireEnv('RESOURCE');
  const party = (prefix) => ({ client: { client_id: requireEnv(`${prefix}_ID`) }, auth: oauth.ClientSecretBasic(requireEnv(`${prefix}_SECRET`)) });
  const orchestrator = party('ORCH');
  const sub = party('SUB');
  const subSub = party('SUB_SUB');
  const summary = { ok: false };

  const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', ...insecure }));
  assert(as.grant_types_supported?.includes(exchangeGrant), 'grant_types_supported lacks token-exchange');

  const jwksCache = {};
  const validate = async (token) => {
    const request = new Request(resource, { headers: { authorization: `Bearer ${token}` } });
    return oauth.validateJwtAccessToken(as, request, resource, { ...insecure, [oauth.jwksCache]: jwksCache });
  };
  const exchange = async (actor, subjectToken, scope) => oauth.processGenericTokenEndpointResponse(as, actor.client,
    await oauth.genericTokenEndpointRequest(as, actor.client, actor.auth, exchangeGrant,
      { subject_token: subjectToken, subject_token_type: accessTokenType, scope, resource }, insecure));
  const chainOf = (act) => {
    const ids = [];
    for (let a = act; a; a = a.act) ids.push(a.client_id);
    return ids;
  };

  const root = await oauth.processClientCredentialsResponse(as, orchestrator.client,
    await oauth.clientCredentialsGrantRequest(as, orchestrator.client, orchestrator.auth, { resource, scope: requireEnv('SCOPES') }, insecure));
  log(`orchestrator token: scope ${root.scope}`);

  const describe = async (response) => {
    const claims = await validate(response.access_token);
    return { issued_token_type: response.issued_token_type, token_type: response.token_type, scope: response.scope, expires_in: response.expires_in,
      refresh_token_issued: response.refresh_token !== undefined, sub: claims.sub, client_id: claims.client_id, aud: claims.aud, exp: claims.exp, chain: chainOf(claims.act) };
  };
  const second = await exchange(sub, root.access_token, requireEnv('SUB_SCOPES'));
  summary.sub_agent = await describe(second);
  const third = await exchange(subSub, second.access_token, requireEnv('SUB_SUB_SCOPES'));
  summary.sub_sub_agent = await describe(third);
  summary.root_exp = decodeJwt(root.access_token).payload.exp;
  log(`chain: ${summary.sub_sub_agent.chain.join(' <- ')}`);

  try {
    await exchange(subSub, second.access_token, splitScopes(requireEnv('SCOPES')).join(' '));
    throw new Error('a widening exchange succeeded');
  } catch (error) {
    if (!(error instanceof oauth.ResponseBodyError)) throw error;
    summary.widening_error = error.error;
  }

  const introspect = async (token) => oauth.processIntrospectionResponse(as, orchestrator.client,
    await oauth.introspectionRequest(as, orchestrator.client, orchestrator.auth, token, insecure));
  const introspected = await introspect(third.access_token);
  summary.introspection = { active: introspected.active, chain: chainOf(introspected.act), sub: introspected.sub };

  await oauth.processRevocationResponse(await oauth.revocationRequest(as, orchestrator.client, orchestrator.auth, root.access_token, insecure));
  summary.after_revocation_active = [(await introspect(second.access_token)).active, (await introspect(third.access_token)).active];
  summary.ok = true;
  return summary;
});
