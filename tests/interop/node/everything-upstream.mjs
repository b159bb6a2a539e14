// Runs @modelcontextprotocol/server-everything's own Streamable HTTP transport (dist/transports/streamableHttp.js,
// unchanged) as a gateway upstream: bound to 127.0.0.1 on a free port instead of every interface on 3001, its logs
// moved to stderr, and every request checked and described on stderr:
//   [everything-upstream] request POST /mcp authorization=absent key=ok
// With UPSTREAM_KEY set, a request without `UPSTREAM_KEY_HEADER: UPSTREAM_KEY` gets 403 (so the server is reachable
// only through a gateway that injects the key); `authorization=present` would mean a caller's token leaked upstream.
//
// Env: UPSTREAM_KEY (optional), UPSTREAM_KEY_HEADER (default x-upstream-key).
// Stdout: one line {"listening":"http://127.0.0.1:PORT/mcp"}; exits when stdin (a pipe) closes, or on SIGTERM/SIGINT.
import http from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { makeLogger, optionalEnv } from './lib/common.mjs';

const log = makeLogger('everything-upstream');
const key = optionalEnv('UPSTREAM_KEY');
const keyHeader = optionalEnv('UPSTREAM_KEY_HEADER', 'x-upstream-key').toLowerCase();

function keyMatches(value) {
  if (!key) return true;
  if (typeof value !== 'string') return false;
  const given = Buffer.from(value);
  const expected = Buffer.from(key);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

// The package logs to stdout, where our caller expects only the ready line.
console.log = (...args) => console.error(...args);

// Express's app.listen() calls http.createServer(app).listen(PORT): wrap the handler and bind to loopback.
const createServer = http.createServer.bind(http);
http.createServer = (...args) => {
  const handler = args.find((a) => typeof a === 'function');
  const options = args.find((a) => a && typeof a === 'object') ?? {};
  const server = createServer(options, (req, res) => {
    const keyOk = keyMatches(req.headers[keyHeader]);
    log(`request ${req.method} ${req.url} authorization=${req.headers.authorization === undefined ? 'absent' : 'present'} key=${keyOk ? 'ok' : 'missing'}`);
    if (!keyOk) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('reachable only through the gateway');
      return;
    }
    handler(req, res);
  });
  const listen = server.listen.bind(server);
  server.listen = (port, ...rest) => {
    const callback = rest.find((a) => typeof a === 'function');
    server.once('listening', () => {
      process.stdout.write(`${JSON.stringify({ listening: `http://127.0.0.1:${server.address().port}/mcp` })}\n`);
    });
    return listen(Number(port), '127.0.0.1', callback);
  };
  return server;
};

process.env.PORT = '0';
await import('@modelcontextprotocol/server-everything/dist/transports/streamableHttp.js');

const stop = () => process.exit(0);
process.on('SIGTERM', stop);
if (!process.stdin.isTTY) {
  process.stdin.on('end', stop);
  process.stdin.resume();
}
