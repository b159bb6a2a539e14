// A third-party HTTP client calling an HTTP API through Mandate's gateway with its Mandate access token:
// oauth4webapi's protectedResourceRequest (RFC 6750 bearer usage), nothing Mandate-specific. Sends each request of
// REQUESTS in order and reports what came back, so the xunit driver can assert on statuses, problem documents and
// audit ids, and check that no credential of the person's ever reached the agent.
//
// Env: TOKEN (the Mandate access token), BASE (e.g. {issuer}/http/service-api), REQUESTS (JSON array of
// {method, path, body?}). Stdout: one line {"responses":[{status, contentType, auditId, wwwAuthenticate, challenge, body}]},
// challenge being oauth4webapi's parse of WWW-Authenticate (it refuses to hand over such a response as a success).
import * as oauth from 'oauth4webapi';
import { makeLogger, requireEnv, describeError } from './lib/common.mjs';

const log = makeLogger('oauth4webapi-http-api');
const insecure = { [oauth.allowInsecureRequests]: true };

async function main() {
  const token = requireEnv('TOKEN');
  const base = requireEnv('BASE');
  const requests = JSON.parse(requireEnv('REQUESTS'));
  const responses = [];
  for (const { method, path, body } of requests) {
    const headers = new Headers({ accept: 'application/json' });
    if (body != null) headers.set('content-type', 'application/json');
    let response;
    let challenge = null;
    try {
      response = await oauth.protectedResourceRequest(token, method, new URL(base + path), headers, body == null ? null : JSON.stringify(body), insecure);
    } catch (error) {
      // oauth4webapi turns a 401 with WWW-Authenticate into an error carrying the response.
      if (error instanceof oauth.WWWAuthenticateChallengeError) {
        response = error.response;
        challenge = error.cause.map((c) => ({ scheme: c.scheme, parameters: c.parameters }));
      } else {
        throw error;
      }
    }

    const text = await response.text();
    log(`${method} ${path} -> ${response.status}`);
    responses.push({
      status: response.status,
      contentType: response.headers.get('content-type'),
      auditId: response.headers.get('mandate-audit-id'),
      wwwAuthenticate: response.headers.get('www-authenticate'),
      challenge,
      body: text,
    });
  }

  process.stdout.write(`${JSON.stringify({ responses })}\n`);
}

main().catch((error) => {
  log(`FAILED: ${describeError(error)}`);
  process.exit(1);
});
