// A task mandate enforced by Mandate's gateway, with third-party clients on both sides: oauth4webapi (panva) pushes an
// authorization request (PAR, RFC 9126) carrying a mandate (RAR, RFC 9396: create_note at most twice, titles that
// start with "bug: ", and list_notes), the person allows it (headless), the code is redeemed for a token with the
// mandate and no scope; then the official MCP TypeScript SDK client calls the gateway with that token: tools/list
// shows only the mandate's tools, two create_note calls pass, a third is refused with the gateway's JSON-RPC error
// (-32058, "call limit 2 reached"), as are a title outside the schema and a tool outside the mandate.
//
// Env: MANDATE_ISSUER, MANDATE_USERNAME, MANDATE_PASSWORD, CLIENT_ID (public client), REDIRECT_URI,
//   MCP_URL (the gateway URL {issuer}/mcp/{name}, also the resource), TIMEOUT_MS (optional).
// Stdout: one JSON line, e.g. {"ok":true,"tools":["create_note","list_notes"],"created":2,"over_limit":{...},...}
import * as oauth from 'oauth4webapi';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { HeadlessBrowser } from './lib/headless-browser.mjs';
import { runMain, requireEnv, assert, redact, decodeJwt } from './lib/common.mjs';

const insecure = { [oauth.allowInsecureRequests]: true };

/** The JSON-RPC error of a refused tools/call: the SDK throws an McpError carrying the code and message. */
async function refusal(client, name, args) {
  try {
    const result = await client.callTool({ name, arguments: args });
    return { refused: false, isError: result.isError === true };
  } catch (error) {
    return { refused: true, code: error.code, message: error.message };
  }
}

runMain('mandate-gateway-enforcement', async (log) => {
  const issuer = new URL(requireEnv('MANDATE_ISSUER'));
  const username = requireEnv('MANDATE_USERNAME');
  const password = requireEnv('MANDATE_PASSWORD');
  const clientId = requireEnv('CLIENT_ID');
  const redirectUri = requireEnv('REDIRECT_URI');
  const mcpUrl = requireEnv('MCP_URL');
  const summary = { ok: false };

  // 1. PAR + RAR with oauth4webapi, then the code flow.
  const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', ...insecure }));
  const mandate = [{
    type: 'mandate',
    locations: [mcpUrl],
    tools: [
      { name: 'create_note', arguments: { type: 'object', properties: { title: { type: 'string', pattern: '^bug: ', maxLength: 60 } }, required: ['title', 'body'] }, max_calls: 2 },
      { name: 'list_notes' },
    ],
    purpose: 'note the bugs found in this chat',
    expires_at: Math.floor(Date.now() / 1000) + 3600,
  }];
  const client = { client_id: clientId, token_endpoint_auth_method: 'none' };
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const pushed = await oauth.processPushedAuthorizationResponse(as, client, await oauth.pushedAuthorizationRequest(as, client, oauth.None(), {
    response_type: 'code',
    redirect_uri: redirectUri,
    state,
    code_challenge: await oauth.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    resource: mcpUrl,
    authorization_details: JSON.stringify(mandate),
  }, insecure));
  const authorizeUrl = new URL(as.authorization_endpoint);
  authorizeUrl.searchParams.set('client_id', clientId);
  authorizeUrl.searchParams.set('request_uri', pushed.request_uri);
  const browser = new HeadlessBrowser({ log: (line) => log(`browser: ${line}`) });
  const { callbackUrl } = await browser.authorize(authorizeUrl, { redirectUri, username, password, consent: 'allow' });
  const params = oauth.validateAuthResponse(as, client, callbackUrl, state);
  const tokens = await oauth.processAuthorizationCodeResponse(
    as,
    client,
    await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, redirectUri, codeVerifier, insecure),
  );
  assert(Array.isArray(tokens.authorization_details), 'token response lacks authorization_details');
  const payload = decodeJwt(tokens.access_token).payload;
  summary.token_scope = payload.scope ?? null;
  summary.token_has_grant = Array.isArray(payload.mandate_grants) && payload.mandate_grants.length === 1;
  log(`token ${redact(tokens.access_token)} with mandate_grants ${JSON.stringify(payload.mandate_grants?.map((g) => redact(g.id)))}`);

  // 2. The MCP SDK client through the gateway with that token.
  const transport = new StreamableHTTPClientTransport(new URL(mcpUrl), { requestInit: { headers: { Authorization: `Bearer ${tokens.access_token}` } } });
  const mcp = new Client({ name: 'mandate-interop-mandate', version: '1.0.0' });
  await mcp.connect(transport);
  summary.tools = (await mcp.listTools()).tools.map((t) => t.name).sort();
  const created = [];
  for (const title of ['bug: login button does nothing', 'bug: dark mode flickers']) {
    const result = await mcp.callTool({ name: 'create_note', arguments: { title, body: 'seen in chat' } });
    assert(result.isError !== true, `create_note failed: ${JSON.stringify(result)}`);
    created.push(title);
  }

  summary.created = created.length;
  summary.bad_title = await refusal(mcp, 'create_note', { title: 'feature: add export', body: 'x' });
  summary.outside_mandate = await refusal(mcp, 'delete_note', { id: 'note-1' });
  summary.over_limit = await refusal(mcp, 'create_note', { title: 'bug: one too many', body: 'x' });
  summary.list_after = await refusal(mcp, 'list_notes', {});
  await mcp.close();
  summary.ok = true;
  return summary;
});
