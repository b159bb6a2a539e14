// MCP client (official TypeScript SDK) going THROUGH Mandate's MCP gateway to an upstream, the way real MCP hosts do:
// 401 -> RFC 9728 metadata of {issuer}/mcp/{name} -> RFC 8414 -> registration (RFC 7591 DCR, or a client ID metadata
// document over HTTPS) -> code + PKCE for the scope the challenge names (headless login/consent) -> tools/list (only
// what that scope allows) -> a read tool -> a destructive tool: 403 insufficient_scope -> the SDK's own step-up (a new
// authorization for the challenge's scope, consent again) -> finishAuth -> the same call succeeds -> tools/list again.
//
// Step-up and refresh tokens: on a 403 insufficient_scope the SDK 1.32 calls auth(), which refreshes first when it
// holds a refresh token; a refresh cannot widen scope (RFC 6749 §6), so the retried call meets the same 403 and the
// SDK gives up ("Server returned 403 after trying upscoping"). Like a host that knows this, the provider withholds its
// refresh token while a step-up is pending, so the SDK starts a new authorization; STEP_UP_REFRESH=keep shows the
// plain SDK behaviour instead.
//
// Env: MCP_URL (the gateway URL {issuer}/mcp/{name}), MODE=dcr|cimd, MANDATE_USERNAME, MANDATE_PASSWORD (required);
//      READ_TOOL + READ_ARGS (JSON), DESTRUCTIVE_TOOL + DESTRUCTIVE_ARGS (JSON) (required);
//      MANDATE_ISSUER (optional: asserted), CIMD_TLS_CERT + CIMD_TLS_KEY (PEM paths; required for cimd),
//      STEP_UP_REFRESH=withhold|keep (default withhold), TIMEOUT_MS (default 90000).
// Stdout: one JSON line, e.g. {"ok":true,"tools_read":["list_notes","read_note"],"challenge_403":{...},...}
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { HeadlessBrowser, describeUrl } from './lib/headless-browser.mjs';
import { runMain, requireEnv, optionalEnv, assert, redact, listenLoopback } from './lib/common.mjs';

/** The auth-params of a Bearer challenge: { error, scope, resource_metadata, ... } (quoted or token values). */
function parseBearerChallenge(header) {
  const params = {};
  if (!header) return params;
  const body = header.replace(/^\s*Bearer\s*/i, '');
  for (const m of body.matchAll(/([a-zA-Z_][\w-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/g)) {
    params[m[1].toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3];
  }
  return params;
}

function textOf(result) {
  return (result.content ?? []).filter((c) => c.type === 'text').map((c) => c.text).join('\n');
}

runMain('mcp-gateway-client', async (log) => {
  const mode = requireEnv('MODE');
  if (mode !== 'dcr' && mode !== 'cimd') throw new Error(`MODE must be "dcr" or "cimd", got "${mode}"`);
  const mcpUrl = new URL(requireEnv('MCP_URL'));
  const username = requireEnv('MANDATE_USERNAME');
  const password = requireEnv('MANDATE_PASSWORD');
  const expectedIssuer = optionalEnv('MANDATE_ISSUER');
  const readTool = { name: requireEnv('READ_TOOL'), arguments: JSON.parse(optionalEnv('READ_ARGS', '{}')) };
  const destructiveTool = { name: requireEnv('DESTRUCTIVE_TOOL'), arguments: JSON.parse(optionalEnv('DESTRUCTIVE_ARGS', '{}')) };
  const withholdRefresh = optionalEnv('STEP_UP_REFRESH', 'withhold') === 'withhold';

  // Our own loopback server: the client ID metadata document (HTTPS, cimd) and a callback that is never fetched.
  const tlsCert = optionalEnv('CIMD_TLS_CERT');
  const tlsKey = optionalEnv('CIMD_TLS_KEY');
  if (mode === 'cimd' && !(tlsCert && tlsKey)) throw new Error('MODE=cimd needs CIMD_TLS_CERT and CIMD_TLS_KEY (the SDK takes only an https clientMetadataUrl)');
  const tls = mode === 'cimd' ? { cert: fs.readFileSync(tlsCert), key: fs.readFileSync(tlsKey) } : undefined;
  let cimdDocument;
  let cimdFetches = 0;
  const local = await listenLoopback((req, res) => {
    const path = new URL(req.url, 'http://127.0.0.1').pathname;
    if (req.method === 'GET' && path === '/client.json' && cimdDocument) {
      cimdFetches++;
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=60' });
      res.end(JSON.stringify(cimdDocument));
    } else {
      res.writeHead(404).end();
    }
  }, 0, tls);
  const redirectUri = `${local.origin}/callback`;
  const cimdUrl = `${local.origin}/client.json`;
  const clientMetadata = {
    client_name: `Mandate interop gateway client (TypeScript SDK, ${mode})`,
    redirect_uris: [redirectUri],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'none',
  };
  if (mode === 'cimd') cimdDocument = { client_id: cimdUrl, ...clientMetadata };

  // Every request the SDK makes (paths, statuses, a few parameters; never tokens), and the gateway's challenges.
  const flow = [];
  const tokenRequests = [];
  const challenges = [];
  const provider = {};
  const tracedFetch = async (input, init = {}) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = (init.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const response = await fetch(input, init);
    flow.push(`${method} ${url.pathname} ${response.status}`);
    log(`SDK ${method} ${describeUrl(url)} -> ${response.status}`);
    if (method === 'POST' && init.body instanceof URLSearchParams) {
      tokenRequests.push({ grant_type: init.body.get('grant_type'), resource: init.body.get('resource'), scope: init.body.get('scope'), status: response.status });
    }
    if (url.pathname === mcpUrl.pathname && (response.status === 401 || response.status === 403)) {
      const header = response.headers.get('www-authenticate');
      const challenge = { status: response.status, ...parseBearerChallenge(header) };
      challenges.push(challenge);
      log(`gateway challenge: ${response.status} ${header}`);
      if (response.status === 403 && challenge.error === 'insufficient_scope' && withholdRefresh) provider.stepUpPending = true;
    }
    return response;
  };

  const browser = new HeadlessBrowser({ log: (line) => log(`browser: ${line}`) });
  const authorizations = [];
  Object.assign(provider, {
    stepUpPending: false,
    _clientInformation: undefined,
    _tokens: undefined,
    _codeVerifier: undefined,
    _discovery: undefined,
    _state: undefined,
    get redirectUrl() {
      return redirectUri;
    },
    get clientMetadata() {
      return clientMetadata;
    },
    get clientMetadataUrl() {
      return mode === 'cimd' ? cimdUrl : undefined;
    },
    state() {
      this._state = randomBytes(16).toString('base64url');
      return this._state;
    },
    clientInformation() {
      return this._clientInformation;
    },
    saveClientInformation(information) {
      log(`SDK saved client information: client_id=${information.client_id}`);
      this._clientInformation = information;
    },
    tokens() {
      // See the header: a pending step-up needs a new authorization, which the SDK only starts without a refresh token.
      return this.stepUpPending && this._tokens ? { ...this._tokens, refresh_token: undefined } : this._tokens;
    },
    saveTokens(tokens) {
      log(`SDK saved tokens: access_token=${redact(tokens.access_token)} refresh_token=${tokens.refresh_token ? redact(tokens.refresh_token) : '(none)'} scope="${tokens.scope ?? ''}"`);
      this._tokens = tokens;
    },
    saveCodeVerifier(verifier) {
      this._codeVerifier = verifier;
    },
    codeVerifier() {
      if (!this._codeVerifier) throw new Error('no PKCE code verifier saved');
      return this._codeVerifier;
    },
    saveDiscoveryState(state) {
      this._discovery = state;
    },
    discoveryState() {
      return this._discovery;
    },
    async redirectToAuthorization(authorizationUrl) {
      const p = authorizationUrl.searchParams;
      const request = { client_id: p.get('client_id'), scope: p.get('scope'), resource: p.get('resource'), code_challenge_method: p.get('code_challenge_method') };
      log(`SDK redirects to ${describeUrl(authorizationUrl)}: ${JSON.stringify(request)}`);
      const { callbackUrl, pages } = await browser.authorize(authorizationUrl, { redirectUri, username, password, consent: 'allow' });
      authorizations.push({ request, callbackUrl, pages, state: this._state });
    },
  });

  /** The code of the latest authorization response, after checking error, state and RFC 9207 iss. */
  const latestCode = () => {
    const { callbackUrl, state } = authorizations.at(-1);
    const cb = callbackUrl.searchParams;
    if (cb.has('error')) throw new Error(`authorization failed: error=${cb.get('error')} ${cb.get('error_description') ?? ''}`);
    assert(cb.get('state') === state, 'state in the authorization response does not match');
    const asMetadata = provider._discovery?.authorizationServerMetadata;
    if (asMetadata?.authorization_response_iss_parameter_supported) {
      assert(cb.get('iss') === asMetadata.issuer, `iss in the authorization response is ${cb.get('iss')}, expected ${asMetadata.issuer}`);
    }
    const code = cb.get('code');
    assert(code, 'no code in the authorization response');
    return code;
  };

  const newClient = () => new Client({ name: 'mandate-interop-gateway-client', version: '1.0.0' });
  const newTransport = () => new StreamableHTTPClientTransport(mcpUrl, { authProvider: provider, fetch: tracedFetch });

  // 1. No token: 401 from the gateway -> discovery -> registration -> authorization for the challenge's scope.
  log(`connecting to ${mcpUrl.href} without a token`);
  const transport1 = newTransport();
  const client1 = newClient();
  try {
    await client1.connect(transport1);
    throw new Error('connect succeeded without authorization: the gateway did not ask for a token');
  } catch (error) {
    if (!(error instanceof UnauthorizedError)) throw error;
  }
  assert(flow[0] === `POST ${mcpUrl.pathname} 401`, `first request should be POST ${mcpUrl.pathname} -> 401, flow: ${flow.join(', ')}`);
  assert(authorizations.length === 1, `expected one authorization, got ${authorizations.length}`);
  const discovery = provider._discovery;
  const issuer = discovery?.authorizationServerMetadata?.issuer;
  if (expectedIssuer) {
    assert(discovery.authorizationServerUrl === expectedIssuer, `PRM authorization server ${discovery.authorizationServerUrl} != ${expectedIssuer}`);
    assert(issuer === expectedIssuer, `AS metadata issuer ${issuer} != ${expectedIssuer}`);
  }
  await transport1.finishAuth(latestCode());
  await client1.close().catch(() => {});
  const initialTokens = provider._tokens;
  assert(initialTokens?.access_token, 'no access token after finishAuth');

  // 2. With the first token: the gateway lists only the tools its scope allows; a read tool works.
  const transport2 = newTransport();
  const client2 = newClient();
  await client2.connect(transport2);
  const toolsRead = (await client2.listTools()).tools.map((t) => t.name).sort();
  log(`tools with scope "${initialTokens.scope}": [${toolsRead.join(', ')}]`);
  const readResult = await client2.callTool(readTool);
  assert(!readResult.isError, `${readTool.name} returned an error: ${textOf(readResult)}`);
  log(`${readTool.name} -> ${textOf(readResult).slice(0, 120)}`);

  // 3. A destructive tool: 403 insufficient_scope -> the SDK starts a new authorization (consent for more).
  const challengesBefore = challenges.length;
  try {
    await client2.callTool(destructiveTool);
    throw new Error(`${destructiveTool.name} succeeded with scope "${initialTokens.scope}": no step-up was asked for`);
  } catch (error) {
    if (!(error instanceof UnauthorizedError)) throw error;
  }
  const stepUpChallenge = challenges.slice(challengesBefore).find((c) => c.status === 403);
  assert(stepUpChallenge?.error === 'insufficient_scope', `expected a 403 insufficient_scope, saw ${JSON.stringify(challenges.slice(challengesBefore))}`);
  assert(authorizations.length === 2, `expected a second (step-up) authorization, got ${authorizations.length}`);
  const refreshOnStepUp = tokenRequests.some((r) => r.grant_type === 'refresh_token');
  await transport2.finishAuth(latestCode());
  provider.stepUpPending = false;
  const stepUpTokens = provider._tokens;
  log(`step-up token scope "${stepUpTokens.scope}"`);

  // 4. The same call on the same connection now succeeds, and tools/list shows more.
  const destructiveResult = await client2.callTool(destructiveTool);
  assert(!destructiveResult.isError, `${destructiveTool.name} returned an error after step-up: ${textOf(destructiveResult)}`);
  log(`${destructiveTool.name} -> ${textOf(destructiveResult).slice(0, 120)}`);
  const toolsAfter = (await client2.listTools()).tools.map((t) => t.name).sort();
  await client2.close().catch(() => {});
  local.server.close();

  return {
    ok: true,
    mode,
    issuer,
    client_id: provider._clientInformation?.client_id,
    cimd_document_fetches: mode === 'cimd' ? cimdFetches : undefined,
    challenge_401: challenges.find((c) => c.status === 401) ?? null,
    challenge_403: stepUpChallenge,
    authorization_requests: authorizations.map((a) => a.request),
    pages: authorizations.map((a) => a.pages),
    granted_scope: initialTokens.scope ?? null,
    step_up_granted_scope: stepUpTokens.scope ?? null,
    step_up_refresh_attempted: refreshOnStepUp,
    tools_read: toolsRead,
    read_tool: { name: readTool.name, text: textOf(readResult).slice(0, 500) },
    destructive_tool: { name: destructiveTool.name, text: textOf(destructiveResult).slice(0, 500) },
    tools_after: toolsAfter,
    token_requests: tokenRequests,
    flow,
  };
});
