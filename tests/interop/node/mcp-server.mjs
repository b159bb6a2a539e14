// MCP resource server (official TypeScript SDK) protected by Mandate-issued JWT access tokens.
//
// Env: MANDATE_ISSUER (required), PORT (0 = any free port), SCOPES (advertised in RFC 9728 metadata),
//      REQUIRED_SCOPES (optional: scopes every token must carry; also sent in WWW-Authenticate),
//      MCP_SERVER_IGNORE_STDIN=1 (do not exit when stdin closes).
// Stdout: exactly one line once listening: {"listening":"http://127.0.0.1:PORT/mcp"}. Logs go to stderr.
import http from 'node:http';
import fs from 'node:fs';
import * as z from 'zod';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createMcpExpressApp } from '@modelcontextprotocol/sdk/server/express.js';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import { mcpAuthMetadataRouter, getOAuthProtectedResourceMetadataUrl } from '@modelcontextprotocol/sdk/server/auth/router.js';
import { MandateJwtVerifier } from './lib/jwt-verifier.mjs';
import { makeLogger, requireEnv, optionalEnv, splitScopes, describeError } from './lib/common.mjs';

const log = makeLogger('mcp-server');

function createMcpServer() {
  const server = new McpServer({ name: 'mandate-interop-echo', version: '1.0.0' });
  server.registerTool(
    'echo',
    {
      description: 'Returns its text argument unchanged.',
      inputSchema: { text: z.string().describe('Text to echo back') },
    },
    async ({ text }) => ({ content: [{ type: 'text', text }] }),
  );
  return server;
}

async function main() {
  const issuer = requireEnv('MANDATE_ISSUER');
  const scopes = splitScopes(optionalEnv('SCOPES', ''));
  const requiredScopes = splitScopes(optionalEnv('REQUIRED_SCOPES', ''));
  const requestedPort = Number(optionalEnv('PORT', '0'));

  // Listen first so that PORT=0 gives us the port the resource URL needs.
  const httpServer = http.createServer();
  await new Promise((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(requestedPort, '127.0.0.1', resolve);
  });
  const port = httpServer.address().port;
  const resourceUrl = new URL(`http://127.0.0.1:${port}/mcp`);
  const resource = resourceUrl.href;

  const verifier = new MandateJwtVerifier({ issuer, resource, logger: log });

  // mcpAuthMetadataRouter also republishes the AS metadata on this server; use the real document when
  // the issuer is up, otherwise a minimal stand-in (clients use PRM's authorization_servers, not this copy).
  let oauthMetadata;
  try {
    oauthMetadata = await verifier.authorizationServerMetadata();
    log(`authorization server metadata loaded from ${issuer}`);
  } catch (error) {
    log(`WARNING: could not load ${issuer} metadata yet (${describeError(error)}); republishing a minimal stand-in`);
    oauthMetadata = {
      issuer,
      authorization_endpoint: new URL('/authorize', issuer).href,
      token_endpoint: new URL('/token', issuer).href,
      response_types_supported: ['code'],
    };
  }

  const app = createMcpExpressApp({ host: '127.0.0.1' });
  app.use(
    mcpAuthMetadataRouter({
      oauthMetadata,
      resourceServerUrl: resourceUrl,
      scopesSupported: scopes.length > 0 ? scopes : undefined,
      resourceName: 'Mandate interop MCP server (TypeScript SDK)',
    }),
  );

  const bearer = requireBearerAuth({
    verifier,
    requiredScopes,
    resourceMetadataUrl: getOAuthProtectedResourceMetadataUrl(resourceUrl),
    expectedResource: resourceUrl,
  });

  // Stateless Streamable HTTP: a fresh server and transport per POST.
  app.post('/mcp', bearer, async (req, res) => {
    const server = createMcpServer();
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on('close', () => {
      transport.close().catch(() => {});
      server.close().catch(() => {});
    });
    try {
      await server.connect(transport);
      await transport.handleRequest(req, res, req.body);
    } catch (error) {
      log(`error handling MCP request: ${describeError(error)}`);
      if (!res.headersSent) res.status(500).json({ jsonrpc: '2.0', error: { code: -32603, message: 'Internal server error' }, id: null });
    }
  });
  const methodNotAllowed = (req, res) =>
    res.status(405).set('Allow', 'POST').json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null });
  app.get('/mcp', bearer, methodNotAllowed);
  app.delete('/mcp', bearer, methodNotAllowed);

  httpServer.on('request', app);
  process.stdout.write(`${JSON.stringify({ listening: resource })}\n`);
  log(`listening on ${resource}; issuer ${issuer}; scopes [${scopes.join(' ')}]; PRM ${getOAuthProtectedResourceMetadataUrl(resourceUrl)}`);

  const shutdown = (why) => {
    log(`shutting down (${why})`);
    httpServer.close();
    httpServer.closeAllConnections?.();
    process.exit(0);
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  // Exit when the driver closes our stdin (only when stdin is a pipe/socket, not /dev/null or a TTY).
  if (!process.env.MCP_SERVER_IGNORE_STDIN) {
    let stdinIsPipe = false;
    try {
      const stat = fs.fstatSync(0);
      stdinIsPipe = stat.isFIFO() || stat.isSocket();
    } catch {
      stdinIsPipe = false;
    }
    if (stdinIsPipe) {
      process.stdin.on('end', () => shutdown('stdin closed'));
      process.stdin.on('error', () => shutdown('stdin error'));
      process.stdin.resume();
    }
  }
}

main().catch((error) => {
  log(`FAILED: ${describeError(error)}`);
  process.exit(1);
});
