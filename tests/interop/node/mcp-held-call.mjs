// The official MCP TypeScript SDK calls a tool that Mandate's gateway holds for a person's approval: the call carries
// an onprogress callback (so the SDK sends a progressToken), the gateway streams notifications/progress while it
// waits, and the test approves (or denies) the request meanwhile; the SDK then gets the result (or a tool error).
//
// Env: MCP_URL, ACCESS_TOKEN, TOOL, ARGS (JSON object) (all required); TIMEOUT_MS (default 90000).
// Stdout: one JSON line: {"ok":true,"progress":[{progress,total,message,approval_id}],"is_error":false,"text":"...","approval_status":null}
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { runMain, requireEnv, assert } from './lib/common.mjs';

runMain('mcp-held-call', async (log) => {
  const url = new URL(requireEnv('MCP_URL'));
  const token = requireEnv('ACCESS_TOKEN');
  const tool = requireEnv('TOOL');
  const args = JSON.parse(requireEnv('ARGS'));

  const transport = new StreamableHTTPClientTransport(url, { requestInit: { headers: { Authorization: `Bearer ${token}` } } });
  const client = new Client({ name: 'mandate-interop-held-call', version: '1.0.0' });
  await client.connect(transport);
  log(`connected to ${url.href}`);

  const progress = [];
  const result = await client.callTool({ name: tool, arguments: args }, undefined, {
    timeout: 80000,
    onprogress: (p) => {
      const approval = p?._meta?.['io.mandate/approval'];
      log(`progress ${p.progress}/${p.total}: ${p.message} (${approval?.id ?? 'no approval'})`);
      progress.push({ progress: p.progress, total: p.total, message: p.message, approval_id: approval?.id ?? null, status: approval?.status ?? null });
    },
  });
  assert(Array.isArray(result.content), 'the result has no content array');
  await client.close();

  return {
    ok: true,
    progress,
    is_error: result.isError === true,
    text: result.content.find((c) => c.type === 'text')?.text ?? null,
    approval_status: result._meta?.['io.mandate/approval']?.status ?? null,
  };
});
