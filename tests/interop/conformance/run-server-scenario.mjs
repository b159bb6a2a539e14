// Runs one server scenario of @modelcontextprotocol/conformance (its own CLI, `conformance server --url URL
// --scenario NAME`, unchanged) against a server that wants an OAuth bearer token, such as Mandate's gateway.
//
// The CLI has no way to send a token (it reaches the server through the MCP TypeScript SDK client, Node's fetch and
// undici's request). This wrapper installs an undici global dispatcher that adds `Authorization: Bearer
// $MCP_BEARER_TOKEN` to every request whose origin is MCP_URL's, a header the CLI never sees (its recorded request
// headers stay as it wrote them), then loads the CLI in this process.
//
// Env: MCP_URL, SCENARIO (required); MCP_BEARER_TOKEN (optional: without it requests go out as the CLI sends them);
//      TIMEOUT_MS (default 90000).
// Stdout: exactly one JSON line, {"scenario","url","exit_code","authorized_requests","checks"}: `exit_code` is the
// CLI's own (1 when a check failed), `checks` its checks.json (null when it wrote none). The CLI's output goes to
// stderr. Exits with the CLI's exit code. The token is never printed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Agent, setGlobalDispatcher } from 'undici';

const url = requireEnv('MCP_URL');
const scenario = requireEnv('SCENARIO');
const token = process.env.MCP_BEARER_TOKEN ?? '';
const timeoutMs = Number(process.env.TIMEOUT_MS || 90000);
const target = new URL(url).origin;
const outputDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-conformance-'));
let authorizedRequests = 0;

function requireEnv(name) {
  const value = process.env[name];
  if (!value) {
    process.stderr.write(`[conformance] FAILED: ${name} is required\n`);
    process.exit(2);
  }
  return value;
}

/** Undici accepts headers as an object, a flat [name, value, …] array or an iterable of pairs: returns a flat array. */
function flatHeaders(headers) {
  if (headers == null) return [];
  if (Array.isArray(headers)) return headers.length > 0 && Array.isArray(headers[0]) ? headers.flat() : [...headers];
  if (typeof headers[Symbol.iterator] === 'function') return [...headers].flat();
  return Object.entries(headers).flatMap(([name, value]) => (Array.isArray(value) ? value.flatMap((v) => [name, v]) : [name, value]));
}

function withBearer(headers) {
  const flat = flatHeaders(headers);
  for (let i = 0; i < flat.length; i += 2) {
    if (String(flat[i]).toLowerCase() === 'authorization') return flat;
  }
  return [...flat, 'authorization', `Bearer ${token}`];
}

if (token) {
  const addBearer = (dispatch) => (options, handler) => {
    if (options.origin !== undefined && new URL(String(options.origin)).origin === target) {
      authorizedRequests++;
      return dispatch({ ...options, headers: withBearer(options.headers) }, handler);
    }
    return dispatch(options, handler);
  };
  // Node's fetch and undici's request both dispatch through the global dispatcher.
  setGlobalDispatcher(new Agent().compose(addBearer));
}

function readChecks() {
  const runs = fs.readdirSync(outputDir, { withFileTypes: true }).filter((e) => e.isDirectory());
  for (const run of runs) {
    const file = path.join(outputDir, run.name, 'checks.json');
    if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8'));
  }
  return null;
}

process.on('exit', (code) => {
  let checks = null;
  try {
    checks = readChecks();
  } catch (error) {
    process.stderr.write(`[conformance] could not read checks.json: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  fs.rmSync(outputDir, { recursive: true, force: true });
  const summary = { scenario, url, exit_code: code, authorized_requests: authorizedRequests, checks };
  fs.writeSync(1, `${JSON.stringify(summary)}\n`);
});

setTimeout(() => {
  process.stderr.write(`[conformance] FAILED: scenario ${scenario} did not finish within ${timeoutMs} ms\n`);
  process.exit(124);
}, timeoutMs).unref();

// The CLI prints its report with console.log; stdout is kept for the summary line.
console.log = (...args) => console.error(...args);
const cli = createRequire(import.meta.url).resolve('@modelcontextprotocol/conformance/dist/index.js');
process.argv = [process.argv[0], cli, 'server', '--url', url, '--scenario', scenario, '--output-dir', outputDir];
await import(cli);
