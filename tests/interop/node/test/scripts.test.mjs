// Runs the three interop scripts as child processes against test/fake-mandate.mjs, exactly as the xunit driver
// will run them against the real server (env in, one JSON line out, exit code).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import readline from 'node:readline';
import { startFakeMandate } from './fake-mandate.mjs';

const dir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const SCOPES = 'mcp:tools mcp:read';
let mandate;
let mcpServer;
let mcpUrl;

function run(script, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(dir, script)], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function parseOnlyLine(stdout) {
  const lines = stdout.split('\n').filter(Boolean);
  assert.equal(lines.length, 1, `expected exactly one stdout line, got: ${stdout}`);
  return JSON.parse(lines[0]);
}

before(async () => {
  mandate = await startFakeMandate({ users: { alice: 's3cret!' } });
  mcpServer = spawn(process.execPath, [path.join(dir, 'mcp-server.mjs')], {
    env: { PATH: process.env.PATH, MANDATE_ISSUER: mandate.issuer, PORT: '0', SCOPES },
    stdio: ['pipe', 'pipe', process.env.INTEROP_DEBUG ? 'inherit' : 'ignore'],
  });
  const [line] = await once(readline.createInterface({ input: mcpServer.stdout }), 'line');
  mcpUrl = JSON.parse(line).listening;
  mandate.addResource(mcpUrl, SCOPES.split(' '));
  mandate.addResource('http://127.0.0.1:9/api', SCOPES.split(' '));
  mandate.addClient({ client_id: 'public-app', redirect_uris: ['http://127.0.0.1:9/callback'], grant_types: ['authorization_code', 'refresh_token'] });
  mandate.addClient({ client_id: 'conf-app', secret: 'x-Y_z.~9', redirect_uris: [], grant_types: ['client_credentials'] });
});

after(async () => {
  mcpServer?.stdin.end(); // the server exits when its stdin closes
  if (mcpServer && mcpServer.exitCode === null) await once(mcpServer, 'exit');
  await mandate?.close();
});

test('mcp-server serves RFC 9728 metadata and challenges unauthenticated requests', async () => {
  const origin = new URL(mcpUrl).origin;
  const prm = await (await fetch(`${origin}/.well-known/oauth-protected-resource/mcp`)).json();
  assert.deepEqual(prm.authorization_servers, [mandate.issuer]);
  assert.equal(prm.resource, mcpUrl);
  assert.deepEqual(prm.scopes_supported, SCOPES.split(' '));
  const r = await fetch(mcpUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  assert.equal(r.status, 401);
  assert.match(r.headers.get('www-authenticate'), new RegExp(`^Bearer .*resource_metadata="${origin}/.well-known/oauth-protected-resource/mcp"`));
});

for (const mode of ['dcr', 'cimd']) {
  test(`mcp-client MODE=${mode}`, async () => {
    const { code, stdout, stderr } = await run('mcp-client.mjs', { MODE: mode, MCP_URL: mcpUrl, MANDATE_USERNAME: 'alice', MANDATE_PASSWORD: 's3cret!', MANDATE_ISSUER: mandate.issuer });
    assert.equal(code, 0, stderr);
    const out = parseOnlyLine(stdout);
    assert.equal(out.ok, true);
    assert.equal(out.mode, mode);
    assert.deepEqual(out.tools, ['echo']);
    assert.equal(out.authorization_request.resource, mcpUrl);
    assert.equal(out.token_request_resource, mcpUrl);
    if (mode === 'cimd') assert.match(out.client_id, /^http:\/\/127\.0\.0\.1:\d+\/client\.json$/);
    assert.ok(!/eyJ[\w-]+\.eyJ/.test(stdout + stderr), 'a JWT was printed in full');
  });
}

test('oauth4webapi-flow', async () => {
  const { code, stdout, stderr } = await run('oauth4webapi-flow.mjs', {
    MANDATE_ISSUER: mandate.issuer,
    MANDATE_USERNAME: 'alice',
    MANDATE_PASSWORD: 's3cret!',
    CLIENT_ID: 'public-app',
    REDIRECT_URI: 'http://127.0.0.1:9/callback',
    RESOURCE: 'http://127.0.0.1:9/api',
    SCOPES,
    CONF_CLIENT_ID: 'conf-app',
    CONF_CLIENT_SECRET: 'x-Y_z.~9',
  });
  assert.equal(code, 0, stderr);
  const out = parseOnlyLine(stdout);
  assert.equal(out.ok, true);
  assert.equal(out.refresh_rotated, true);
  assert.equal(out.consent_remembered, true);
  assert.equal(out.code_replay_error, 'invalid_grant');
  assert.ok(!/eyJ[\w-]+\.eyJ/.test(stdout + stderr), 'a JWT was printed in full');
});

test('a failing flow exits 1 with the reason on stderr', async () => {
  const { code, stdout, stderr } = await run('oauth4webapi-flow.mjs', {
    MANDATE_ISSUER: mandate.issuer,
    MANDATE_USERNAME: 'alice',
    MANDATE_PASSWORD: 'wrong',
    CLIENT_ID: 'public-app',
    REDIRECT_URI: 'http://127.0.0.1:9/callback',
    RESOURCE: 'http://127.0.0.1:9/api',
    SCOPES,
    CONF_CLIENT_ID: 'conf-app',
    CONF_CLIENT_SECRET: 'x-Y_z.~9',
  });
  assert.equal(code, 1);
  assert.equal(stdout, '');
  assert.match(stderr, /FAILED: .*login form shown again/);
});
