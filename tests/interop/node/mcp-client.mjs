// MCP client (official TypeScript SDK) that authorizes against Mandate the way real MCP hosts do:
// 401 -> RFC 9728 protected resource metadata -> RFC 8414 AS metadata -> client registration (RFC 7591 DCR,
// or a client ID metadata document) -> authorization code + PKCE (headless login/consent) -> tools -> refresh.
//
// Env: MCP_URL (required), MODE=dcr|cimd (required), MANDATE_USERNAME, MANDATE_PASSWORD (required),
//      MANDATE_ISSUER (optional: asserted to be the advertised authorization server), TIMEOUT_MS (default 90000),
//      CIMD_TLS_CERT, CIMD_TLS_KEY (optional PEM file paths: serve the client ID metadata document over HTTPS, so the
//      SDK takes its own clientMetadataUrl branch; the authorization server must trust the certificate).
// Stdout: one JSON line, e.g. {"ok":true,"mode":"cimd","client_id":"https://127.0.0.1:PORT/client.json","tools":["echo"],...}
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { UnauthorizedError, isHttpsUrl } from '@modelcontextprotocol/sdk/client/auth.js';
import { HeadlessBrowser, describeUrl } from './lib/headless-browser.mjs';
import { runMain, requireEnv, optionalEnv, assert, redact, listenLoopback } from './lib/common.mjs';

runMain('mcp-client', async (log) => {
  const mode = requireEnv('MODE');
  if (mode !== 'dcr' && mode !== 'cimd') throw new Error(`MODE must be "dcr" or "cimd", got "${mode}"`);
  const mcpUrl = new URL(requireEnv('MCP_URL'));
  const username = requireEnv('MANDATE_USERNAME');
  const password = requireEnv('MANDATE_PASSWORD');
  const expectedIssuer = optionalEnv('MANDATE_ISSUER');

  // A loopback server of our own: the client ID metadata document and a (never actually used) callback.
  // With CIMD_TLS_CERT/CIMD_TLS_KEY it is HTTPS (what the SDK and the draft require of a client ID metadata document URL).
  const tlsCert = optionalEnv('CIMD_TLS_CERT');
  const tlsKey = optionalEnv('CIMD_TLS_KEY');
  if (Boolean(tlsCert) !== Boolean(tlsKey)) throw new Error('set both CIMD_TLS_CERT and CIMD_TLS_KEY, or neither');
  const tls = tlsCert ? { cert: fs.readFileSync(tlsCert), key: fs.readFileSync(tlsKey) } : undefined;
  let cimdFetches = 0;
  const cimdFetchAgents = [];
  let cimdDocument;
  const local = await listenLoopback((req, res) => {
    const path = new URL(req.url, 'http://127.0.0.1').pathname;
    if (req.method === 'GET' && path === '/client.json') {
      cimdFetches++;
      cimdFetchAgents.push(req.headers['user-agent'] ?? null);
      log(`served client metadata document to ${req.headers['user-agent'] ?? 'unknown agent'}`);
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=60' });
      res.end(JSON.stringify(cimdDocument));
    } else if (req.method === 'GET' && path === '/callback') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('You can close this window.');
    } else {
      res.writeHead(404).end();
    }
  }, 0, tls);
  const redirectUri = `${local.origin}/callback`;
  const cimdUrl = `${local.origin}/client.json`;
  const clientMetadata = {
    client_name: `Mandate interop MCP client (TypeScript SDK, ${mode})`,
    redirect_uris: [redirectUri],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'none',
  };
  cimdDocument = { client_id: cimdUrl, ...clientMetadata };

  // The SDK only takes `clientMetadataUrl` when it is https (client/auth.js isHttpsUrl): with CIMD_TLS_* it does.
  // Without them (the in-memory fake's self-test) we hand the SDK the http URL as already-known client information
  // instead; the real-server interop test always uses HTTPS and asserts the SDK's own branch was taken.
  const sdkTakesCimdUrl = isHttpsUrl(cimdUrl);
  const cimdPath = mode !== 'cimd' ? undefined : sdkTakesCimdUrl ? 'sdk-clientMetadataUrl' : 'preseeded-client-information';
  if (mode === 'cimd') log(`client ID metadata document at ${cimdUrl}; SDK accepts it as clientMetadataUrl: ${sdkTakesCimdUrl} -> ${cimdPath}`);

  // Every HTTP request the SDK makes, for assertions and the summary (no secrets: paths and a few parameters).
  const flow = [];
  const tokenRequests = [];
  const registrationRequests = [];
  const tracedFetch = async (input, init = {}) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = (init.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const response = await fetch(input, init);
    flow.push(`${method} ${url.pathname} ${response.status}`);
    log(`SDK ${method} ${describeUrl(url)} -> ${response.status}`);
    if (method === 'POST' && init.body instanceof URLSearchParams) {
      const params = init.body;
      tokenRequests.push({
        grant_type: params.get('grant_type'),
        resource: params.get('resource'),
        client_id: params.get('client_id'),
        status: response.status,
      });
    } else if (method === 'POST' && typeof init.body === 'string' && url.pathname !== mcpUrl.pathname) {
      try {
        registrationRequests.push({ url: url.href, body: JSON.parse(init.body), status: response.status });
      } catch {
        // not JSON: not a registration
      }
    }
    return response;
  };

  const browser = new HeadlessBrowser({ log: (line) => log(`browser: ${line}`) });
  const authorizations = [];
  const provider = {
    interactiveAllowed: true,
    _clientInformation: cimdPath === 'preseeded-client-information' ? { client_id: cimdUrl } : undefined,
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
      return cimdPath === 'sdk-clientMetadataUrl' ? cimdUrl : undefined;
    },
    state() {
      this._state = randomBytes(16).toString('base64url');
      return this._state;
    },
    clientInformation() {
      return this._clientInformation;
    },
    saveClientInformation(information) {
      if (mode === 'cimd' && information.client_id !== cimdUrl) {
        throw new Error(`cimd mode: the SDK tried to store client_id ${information.client_id} instead of ${cimdUrl}`);
      }
      log(`SDK saved client information: client_id=${information.client_id}${information.client_secret ? ` client_secret=${redact(information.client_secret)}` : ''}`);
      this._clientInformation = information;
    },
    tokens() {
      return this._tokens;
    },
    saveTokens(tokens) {
      log(
        `SDK saved tokens: access_token=${redact(tokens.access_token)} token_type=${tokens.token_type} expires_in=${tokens.expires_in} ` +
          `refresh_token=${tokens.refresh_token ? redact(tokens.refresh_token) : '(none)'} scope="${tokens.scope ?? ''}"`,
      );
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
      if (!this.interactiveAllowed) throw new Error('the SDK started a new authorization where a token refresh was expected');
      const p = authorizationUrl.searchParams;
      const request = {
        client_id: p.get('client_id'),
        scope: p.get('scope'),
        resource: p.get('resource'),
        code_challenge_method: p.get('code_challenge_method'),
        has_state: p.has('state'),
        has_code_challenge: p.has('code_challenge'),
      };
      log(`SDK redirects to ${describeUrl(authorizationUrl)}: ${JSON.stringify(request)}`);
      const { callbackUrl, pages } = await browser.authorize(authorizationUrl, { redirectUri, username, password, consent: 'allow' });
      authorizations.push({ request, callbackUrl, pages });
    },
  };

  const newClient = () => new Client({ name: 'mandate-interop-client', version: '1.0.0' });
  const newTransport = () => new StreamableHTTPClientTransport(mcpUrl, { authProvider: provider, fetch: tracedFetch });

  // 1. Unauthenticated connect: 401 -> discovery -> registration -> authorization request (headless browser).
  log(`connecting to ${mcpUrl.href} without a token`);
  const transport1 = newTransport();
  const client1 = newClient();
  try {
    await client1.connect(transport1);
    throw new Error('connect succeeded without authorization: the MCP server did not ask for a token');
  } catch (error) {
    if (!(error instanceof UnauthorizedError)) throw error;
  }
  assert(flow[0]?.startsWith(`POST ${mcpUrl.pathname} 401`), `first request should be POST ${mcpUrl.pathname} -> 401, flow: ${flow.join(', ')}`);
  assert(authorizations.length === 1, `expected one authorization, got ${authorizations.length}`);

  const discovery = provider._discovery;
  assert(discovery?.authorizationServerMetadata, 'the SDK recorded no authorization server metadata');
  const asMetadata = discovery.authorizationServerMetadata;
  const issuer = asMetadata.issuer;
  log(`discovered authorization server ${discovery.authorizationServerUrl} (issuer ${issuer})`);
  if (expectedIssuer) {
    assert(discovery.authorizationServerUrl === expectedIssuer, `PRM authorization server ${discovery.authorizationServerUrl} != MANDATE_ISSUER ${expectedIssuer}`);
    assert(issuer === expectedIssuer, `AS metadata issuer ${issuer} != MANDATE_ISSUER ${expectedIssuer}`);
  }

  // 2. The authorization response (the SDK leaves it to the application): error, state, RFC 9207 iss.
  const { callbackUrl, pages, request: authorizationRequest } = authorizations[0];
  const cb = callbackUrl.searchParams;
  if (cb.has('error')) throw new Error(`authorization failed: error=${cb.get('error')} ${cb.get('error_description') ?? ''}`);
  assert(cb.get('state') === provider._state, 'state in the authorization response does not match');
  if (asMetadata.authorization_response_iss_parameter_supported) {
    assert(cb.get('iss') === issuer, `iss in the authorization response is ${cb.get('iss')}, expected ${issuer}`);
  }
  const code = cb.get('code');
  assert(code, 'no code in the authorization response');
  log(`authorization response: code=${redact(code)} iss=${cb.get('iss')} (pages: ${pages.join(', ') || 'none'})`);

  // 3. Code exchange through the SDK, then a fresh connection with the token.
  await transport1.finishAuth(code);
  await client1.close().catch(() => {});
  const firstTokens = provider._tokens;
  assert(firstTokens?.access_token, 'no access token after finishAuth');
  const clientId = provider._clientInformation?.client_id;

  const client2 = newClient();
  await client2.connect(newTransport());
  const { tools } = await client2.listTools();
  const toolNames = tools.map((t) => t.name).sort();
  assert(toolNames.includes('echo'), `tool "echo" not listed: ${toolNames.join(', ')}`);
  const text = `hello from ${mode} ${randomBytes(4).toString('hex')}`;
  const result = await client2.callTool({ name: 'echo', arguments: { text } });
  assert(!result.isError && result.content?.[0]?.type === 'text' && result.content[0].text === text, `echo returned ${JSON.stringify(result.content)}`);
  log(`listed tools [${toolNames.join(', ')}]; echo returned the text`);
  await client2.close().catch(() => {});

  // 4. Refresh through the SDK: present a broken access token, the SDK gets 401 and uses the refresh token.
  assert(firstTokens.refresh_token, 'no refresh token issued to a public client registered with the refresh_token grant');
  provider.interactiveAllowed = false;
  provider._tokens = { ...firstTokens, access_token: 'not-a-valid-token' };
  const client3 = newClient();
  await client3.connect(newTransport());
  const refreshedTokens = provider._tokens;
  assert(refreshedTokens.access_token !== 'not-a-valid-token', 'the SDK did not obtain a new access token');
  const refreshRequest = tokenRequests.find((r) => r.grant_type === 'refresh_token');
  assert(refreshRequest?.status === 200, `no successful refresh_token grant seen (${JSON.stringify(tokenRequests)})`);
  const refreshRotated = refreshedTokens.refresh_token !== firstTokens.refresh_token;
  assert(refreshRotated, 'refresh token was not rotated (the SDK keeps the old one when none is returned)');
  const result2 = await client3.callTool({ name: 'echo', arguments: { text: `${text} again` } });
  assert(result2.content?.[0]?.text === `${text} again`, 'echo after refresh failed');
  await client3.close().catch(() => {});
  log('refreshed the access token via the SDK (refresh token rotated) and called echo again');

  // 5. Registration path assertions.
  const registrationEndpoint = asMetadata.registration_endpoint;
  const registrations = registrationRequests.filter((r) => r.url === registrationEndpoint);
  if (mode === 'dcr') {
    assert(registrations.length === 1 && registrations[0].status === 201, `expected one 201 registration at ${registrationEndpoint}, saw ${JSON.stringify(registrations.map((r) => r.status))}`);
    assert(clientId && clientId !== cimdUrl, 'dcr: no registered client_id');
  } else {
    assert(asMetadata.client_id_metadata_document_supported === true, 'AS metadata lacks client_id_metadata_document_supported: true');
    assert(registrations.length === 0, 'cimd: the SDK registered dynamically instead of using the document URL');
    assert(clientId === cimdUrl, `cimd: client_id is ${clientId}, expected ${cimdUrl}`);
    assert(cimdFetches >= 1, 'cimd: the authorization server never fetched the client ID metadata document');
  }
  const codeRequest = tokenRequests.find((r) => r.grant_type === 'authorization_code');

  local.server.close();
  return {
    ok: true,
    mode,
    ...(cimdPath ? { cimd_path: cimdPath, cimd_document_fetches: cimdFetches, cimd_fetch_user_agents: cimdFetchAgents } : {}),
    client_id: clientId,
    issuer,
    tools: toolNames,
    echo: true,
    authorization_request: { client_id: authorizationRequest.client_id, scope: authorizationRequest.scope, resource: authorizationRequest.resource, code_challenge_method: authorizationRequest.code_challenge_method },
    token_request_resource: codeRequest?.resource ?? null,
    refresh_request_resource: refreshRequest?.resource ?? null,
    registration_scope: mode === 'dcr' ? registrations[0].body.scope ?? null : undefined,
    granted_scope: firstTokens.scope ?? null,
    refresh_rotated: refreshRotated,
    pages,
    flow,
  };
});
