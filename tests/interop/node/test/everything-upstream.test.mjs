// everything-upstream.mjs on its own: loopback only, the key required, server-everything's tools behind it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import readline from 'node:readline';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const dir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

test('everything-upstream serves server-everything on loopback and only with its key', async () => {
  const child = spawn(process.execPath, [path.join(dir, 'everything-upstream.mjs')], {
    env: { PATH: process.env.PATH, UPSTREAM_KEY: 'k-123', UPSTREAM_KEY_HEADER: 'X-Upstream-Key' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  try {
    const [line] = await once(readline.createInterface({ input: child.stdout }), 'line');
    const url = JSON.parse(line).listening;
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/mcp$/);

    const refused = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(refused.status, 403);

    const client = new Client({ name: 'self-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { 'X-Upstream-Key': 'k-123' } } }));
    const names = (await client.listTools()).tools.map((t) => t.name);
    assert.ok(names.includes('echo') && names.includes('get-sum'), names.join(', '));
    const echoed = await client.callTool({ name: 'echo', arguments: { message: 'hi' } });
    assert.match(echoed.content[0].text, /hi/);
    await client.close();
    assert.match(stderr, /request POST \/mcp authorization=absent key=missing/);
    assert.match(stderr, /request POST \/mcp authorization=absent key=ok/);
  } finally {
    child.stdin.end();
    if (child.exitCode === null) await once(child, 'exit');
  }
});
