// The third-party service's own MCP server (official TypeScript SDK), protected by the provider's access tokens: every
// request must carry `Authorization: Bearer <token>` that the provider's userinfo endpoint accepts (oidc-provider,
// oidc-provider-service.mjs), or a DPoP-bound token (RFC 9449): `Authorization: DPoP <token>` with a `DPoP` proof that
// `jose` verifies (typ, ES256 signature by the embedded key, htm, htu, iat, ath, and this server's nonce: a proof
// without it gets 401 use_dpop_nonce with a DPoP-Nonce), for a token the provider's introspection endpoint says is
// active and bound to that key (cnf.jkt). Tool `whoami` answers with the provider's subject for that token; it never
// echoes the token. Stands in for "the service's MCP server" that Mandate injects a person's connection into.
//
// Env: PROVIDER_ISSUER (required); CLIENT_ID and CLIENT_SECRET (for introspection, needed for DPoP tokens).
// Stdout: exactly one line once listening: {"listening":"http://127.0.0.1:PORT/mcp"}. Exits when stdin closes.
import http from 'node:http';
import crypto from 'node:crypto';
import { jwtVerify, EmbeddedJWK, calculateJwkThumbprint } from 'jose';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createMcpExpressApp } from '@modelcontextprotocol/sdk/server/express.js';
import { makeLogger, requireEnv, describeError } from './lib/common.mjs';

const log = makeLogger('provider-protected-mcp');

async function userinfo(issuer, authorization) {
  const response = await fetch(new URL('/me', issuer), { headers: { authorization } });
  return response.ok ? response.json() : null;
}

const nonce = crypto.randomBytes(16).toString('base64url');

// RFC 9449 §7.1 and §9: the subject of a DPoP-bound token proved with its key, or a reason to refuse.
async function dpopSubject(issuer, url, token, proof) {
  if (!proof) return { refusal: 'invalid_token' };
  let verified;
  try {
    verified = await jwtVerify(proof, EmbeddedJWK, { typ: 'dpop+jwt', algorithms: ['ES256', 'EdDSA', 'PS256', 'RS256'] });
  } catch (error) {
    log(`refused a DPoP proof: ${describeError(error)}`);
    return { refusal: 'invalid_dpop_proof' };
  }

  const { payload, protectedHeader } = verified;
  const ath = crypto.createHash('sha256').update(token).digest('base64url');
  if (payload.htm !== 'POST' || payload.htu !== url || payload.ath !== ath || typeof payload.jti !== 'string'
      || Math.abs(Date.now() / 1000 - payload.iat) > 60) {
    log('refused a DPoP proof for another request or token');
    return { refusal: 'invalid_dpop_proof' };
  }

  if (payload.nonce !== nonce) {
    log('asked for a DPoP nonce');
    return { refusal: 'use_dpop_nonce' };
  }

  const credentials = Buffer.from(`${requireEnv('CLIENT_ID')}:${requireEnv('CLIENT_SECRET')}`).toString('base64');
  const response = await fetch(new URL('/token/introspection', issuer), {
    method: 'POST',
    headers: { authorization: `Basic ${credentials}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token }),
  });
  const introspection = response.ok ? await response.json() : {};
  if (!introspection.active || introspection.cnf?.jkt !== await calculateJwkThumbprint(protectedHeader.jwk)) {
    log('refused a DPoP token the provider does not bind to the proof key');
    return { refusal: 'invalid_token' };
  }

  log('accepted a DPoP-bound token with its proof');
  return { subject: introspection.sub };
}

function createMcpServer(subject) {
  const server = new McpServer({ name: 'provider-service', version: '1.0.0' });
  server.registerTool(
    'whoami',
    { description: 'Says which account of the service the call is made for.', annotations: { readOnlyHint: true } },
    async () => ({ content: [{ type: 'text', text: `provider account: ${subject}` }] }),
  );
  return server;
}

async function main() {
  const issuer = requireEnv('PROVIDER_ISSUER');
  const httpServer = http.createServer();
  await new Promise((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${httpServer.address().port}/mcp`;
  const app = createMcpExpressApp({ host: '127.0.0.1' });

  app.post('/mcp', async (req, res) => {
    const authorization = req.headers.authorization ?? '';
    if (authorization.startsWith('DPoP ')) {
      const { subject, refusal } = await dpopSubject(issuer, url, authorization.slice(5), req.headers.dpop);
      if (!subject) {
        res.status(401).set('WWW-Authenticate', `DPoP error="${refusal}"`).set('DPoP-Nonce', nonce).json({ error: refusal });
        return;
      }

      req.providerSubject = subject;
    }

    const claims = req.providerSubject ? { sub: req.providerSubject } : authorization.startsWith('Bearer ') ? await userinfo(issuer, authorization) : null;
    if (!claims) {
      log('refused a request without a token the provider accepts');
      res.status(401).set('WWW-Authenticate', 'Bearer error="invalid_token"').json({ error: 'invalid_token' });
      return;
    }

    log(`request for provider account ${claims.sub}`);
    const server = createMcpServer(claims.sub);
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

  httpServer.on('request', app);
  process.stdout.write(`${JSON.stringify({ listening: url })}\n`);
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
}

main().catch((error) => {
  log(`FAILED: ${describeError(error)}`);
  process.exit(1);
});
