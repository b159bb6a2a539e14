// Helpers shared by the interop scripts: env handling, stderr progress, the final stdout line, JWT decoding.
import http from 'node:http';
import https from 'node:https';

export { redact } from './headless-browser.mjs';

/** Returns a logger writing `[tag] message` lines to stderr. */
export function makeLogger(tag) {
  return (line) => process.stderr.write(`[${tag}] ${line}\n`);
}

/** Reads a required environment variable, or throws naming it. */
export function requireEnv(name) {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`environment variable ${name} is required`);
  return value;
}

export function optionalEnv(name, fallback = undefined) {
  const value = process.env[name];
  return value === undefined || value === '' ? fallback : value;
}

/** Space-separated scopes to a de-duplicated array. */
export function splitScopes(value) {
  return [...new Set(String(value ?? '').split(/\s+/).filter(Boolean))];
}

export function assert(condition, message) {
  if (!condition) throw new Error(`assertion failed: ${message}`);
}

function b64urlJson(segment) {
  return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
}

/** Decodes (does NOT verify) a compact JWS: { header, payload }. */
export function decodeJwt(token) {
  const parts = String(token).split('.');
  if (parts.length !== 3) throw new Error(`not a compact JWS (${parts.length} segment(s))`);
  return { header: b64urlJson(parts[0]), payload: b64urlJson(parts[1]) };
}

/** Audience claim as an array. */
export function audiences(payload) {
  return payload.aud === undefined ? [] : [payload.aud].flat();
}

/**
 * Runs `main` with a watchdog; prints its result as the one JSON line on stdout and exits 0,
 * or prints the error on stderr and exits 1.
 */
export function runMain(tag, main, { timeoutMs = Number(optionalEnv('TIMEOUT_MS', '90000')) } = {}) {
  const log = makeLogger(tag);
  const watchdog = setTimeout(() => {
    log(`FAILED: timed out after ${timeoutMs} ms`);
    process.exit(1);
  }, timeoutMs);
  Promise.resolve()
    .then(() => main(log))
    .then(
      (result) => {
        clearTimeout(watchdog);
        process.stdout.write(`${JSON.stringify(result)}\n`);
        process.exit(0);
      },
      (error) => {
        clearTimeout(watchdog);
        log(`FAILED: ${describeError(error)}`);
        if (process.env.INTEROP_DEBUG && error?.stack) log(error.stack);
        process.exit(1);
      },
    );
}

/** One-line description of an error, including oauth4webapi / SDK causes, without dumping tokens. */
export function describeError(error) {
  if (!(error instanceof Error)) return String(error);
  let text = `${error.name}: ${error.message}`;
  if (error.code) text += ` [code ${error.code}]`;
  if (error.error) text += ` [error ${error.error}${error.error_description ? `: ${error.error_description}` : ''}]`;
  const cause = error.cause;
  if (cause && typeof cause === 'object' && !(cause instanceof Error)) {
    if ('error' in cause) text += ` [cause error=${cause.error}${cause.error_description ? ` (${cause.error_description})` : ''}]`;
    else if (cause instanceof URLSearchParams) {
      const err = cause.get('error');
      if (err) text += ` [authorization error=${err} ${cause.get('error_description') ?? ''}]`;
    }
  } else if (cause instanceof Error) {
    text += ` <- ${describeError(cause)}`;
  }
  return text;
}

/**
 * Starts an HTTP server on 127.0.0.1 (port 0 = any free one) with `handler`; resolves to { server, port, origin }.
 * With `tls` ({ cert, key } PEM contents) it is an HTTPS server and the origin is https://127.0.0.1:PORT.
 */
export function listenLoopback(handler, port = 0, tls = undefined) {
  return new Promise((resolve, reject) => {
    const server = tls ? https.createServer({ cert: tls.cert, key: tls.key }, handler) : http.createServer(handler);
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address();
      resolve({ server, port: actual, origin: `${tls ? 'https' : 'http'}://127.0.0.1:${actual}` });
    });
  });
}
