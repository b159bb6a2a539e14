// A small in-memory stand-in for Mandate, built to the same contract, used only to self-test the interop scripts
// (npm test) while the real server is not available. It is NOT a reference implementation.
import { webcrypto, randomBytes, createHash } from 'node:crypto';
import http from 'node:http';

const { subtle } = webcrypto;
const b64u = (buf) => Buffer.from(buf).toString('base64url');
const rnd = (n = 24) => randomBytes(n).toString('base64url');
const html = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseCookies(req) {
  return Object.fromEntries((req.headers.cookie ?? '').split(';').map((p) => p.trim().split('=')).filter((p) => p[0]).map(([k, ...v]) => [k, v.join('=')]));
}

function formDecode(s) {
  return decodeURIComponent(s.replace(/\+/g, ' '));
}

export async function startFakeMandate({ users = { alice: 'correct horse' }, log = () => {} } = {}) {
  const keys = await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const kid = rnd(8);
  const publicJwk = { ...(await subtle.exportKey('jwk', keys.publicKey)), kid, use: 'sig', alg: 'ES256' };
  delete publicJwk.key_ops;
  delete publicJwk.ext;

  const clients = new Map(); // client_id -> { client_id, secret?, redirect_uris, grant_types, scopes }
  const resources = new Map(); // resource -> scopes[]
  const codes = new Map();
  const refreshTokens = new Map(); // token -> { client_id, sub, scope, resource, active, exp }
  const revokedJtis = new Set(); // revoked access tokens
  const sessions = new Map();
  const consents = new Set();
  const antiforgery = new Map();
  const stats = { cimdFetches: 0 };

  let issuer;
  const server = http.createServer((req, res) => handle(req, res).catch((e) => {
    log(`fake-mandate error: ${e.stack}`);
    if (!res.headersSent) json(res, 500, { error: 'server_error' });
  }));
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  issuer = `http://127.0.0.1:${server.address().port}`;

  const metadata = () => ({
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    introspection_endpoint: `${issuer}/introspect`,
    revocation_endpoint: `${issuer}/revoke`,
    registration_endpoint: `${issuer}/register`,
    jwks_uri: `${issuer}/jwks`,
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['none', 'client_secret_basic', 'client_secret_post'],
    introspection_endpoint_auth_methods_supported: ['client_secret_basic'],
    revocation_endpoint_auth_methods_supported: ['none', 'client_secret_basic'],
    authorization_response_iss_parameter_supported: true,
    client_id_metadata_document_supported: true,
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['ES256'],
    scopes_supported: [...new Set([...resources.values()].flat())],
  });

  function json(res, status, body, headers = {}) {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
    res.end(JSON.stringify(body));
  }
  function redirect(res, location, headers = {}) {
    res.writeHead(302, { location, ...headers });
    res.end();
  }
  async function signJwt(payload) {
    const header = { alg: 'ES256', typ: 'at+jwt', kid };
    const input = `${b64u(JSON.stringify(header))}.${b64u(JSON.stringify(payload))}`;
    const sig = await subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, keys.privateKey, Buffer.from(input));
    return `${input}.${b64u(sig)}`;
  }
  async function accessToken({ client_id, sub, scope, resource }) {
    const now = Math.floor(Date.now() / 1000);
    return signJwt({ iss: issuer, sub, aud: resource, client_id, scope, iat: now, exp: now + 300, jti: rnd(12) });
  }
  async function resolveClient(clientId) {
    if (clients.has(clientId)) return clients.get(clientId);
    if (/^https?:\/\//.test(clientId)) {
      const r = await fetch(clientId, { headers: { accept: 'application/json', 'user-agent': 'fake-mandate' } });
      stats.cimdFetches++;
      if (!r.ok) return undefined;
      const doc = await r.json();
      if (doc.client_id !== clientId) return undefined;
      return { client_id: clientId, redirect_uris: doc.redirect_uris, grant_types: doc.grant_types ?? ['authorization_code'] };
    }
    return undefined;
  }
  function clientAuth(req, params) {
    const h = req.headers.authorization;
    if (h?.startsWith('Basic ')) {
      const [id, secret] = Buffer.from(h.slice(6), 'base64').toString().split(':').map(formDecode);
      const c = clients.get(id);
      return c?.secret && c.secret === secret ? c : null;
    }
    if (params.get('client_secret')) {
      const c = clients.get(params.get('client_id'));
      return c?.secret === params.get('client_secret') ? c : null;
    }
    return { client_id: params.get('client_id'), public: true };
  }
  function session(req) {
    return sessions.get(parseCookies(req)['.fake.session']);
  }
  function antiforgeryInput(res) {
    const cookieToken = rnd(16);
    const formToken = rnd(16);
    antiforgery.set(formToken, cookieToken);
    res.setHeader('set-cookie', `.AspNetCore.Antiforgery.x1=${cookieToken}; path=/; samesite=strict; httponly`);
    return `<input name="__RequestVerificationToken" type="hidden" value="${html(formToken)}" />`;
  }
  function checkAntiforgery(req, form) {
    const expected = antiforgery.get(form.get('__RequestVerificationToken'));
    return expected && parseCookies(req)['.AspNetCore.Antiforgery.x1'] === expected;
  }
  function page(res, title, body) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8" /><title>${title} - Mandate</title></head><body><main>${body}</main></body></html>`);
  }
  async function issueCode(res, p, sub) {
    const code = rnd();
    codes.set(code, { client_id: p.get('client_id'), redirect_uri: p.get('redirect_uri'), challenge: p.get('code_challenge'), scope: p.get('scope'), resource: p.get('resource'), sub, used: false });
    const target = new URL(p.get('redirect_uri'));
    target.searchParams.set('code', code);
    if (p.get('state')) target.searchParams.set('state', p.get('state'));
    target.searchParams.set('iss', issuer);
    redirect(res, target.href);
  }

  async function handle(req, res) {
    const url = new URL(req.url, issuer);
    const path = url.pathname;
    if (path === '/.well-known/oauth-authorization-server' || path === '/.well-known/openid-configuration') return json(res, 200, metadata());
    if (path === '/jwks') return json(res, 200, { keys: [publicJwk] });

    if (path === '/authorize' && req.method === 'GET') {
      const p = url.searchParams;
      const client = await resolveClient(p.get('client_id'));
      if (!client || !client.redirect_uris.includes(p.get('redirect_uri'))) return json(res, 400, { error: 'invalid_request', error_description: 'unknown client or redirect_uri' });
      if (p.get('code_challenge_method') !== 'S256' || !p.get('code_challenge')) return redirect(res, `${p.get('redirect_uri')}?error=invalid_request&iss=${encodeURIComponent(issuer)}`);
      if (!resources.has(p.get('resource'))) return redirect(res, `${p.get('redirect_uri')}?error=invalid_target&iss=${encodeURIComponent(issuer)}`);
      const s = session(req);
      if (!s) return redirect(res, `/login?returnUrl=${encodeURIComponent(path + url.search)}`);
      if (!consents.has(`${s.user}|${p.get('client_id')}|${p.get('resource')}|${p.get('scope')}`)) return redirect(res, `/consent${url.search}`);
      return issueCode(res, p, s.user);
    }
    if (path === '/login' && req.method === 'GET') {
      return page(res, 'Sign in', `<h1>Sign in</h1><form method="post">${''}<div><label for="Username">User name</label><input type="text" id="Username" name="Username" value="" /></div><div><label for="Password">Password</label><input type="password" id="Password" name="Password" /></div><button type="submit">Sign in</button>${antiforgeryInput(res)}</form>`);
    }
    if (path === '/login' && req.method === 'POST') {
      const form = new URLSearchParams(await readBody(req));
      if (!checkAntiforgery(req, form)) return json(res, 400, { error: 'antiforgery' });
      if (users[form.get('Username')] !== form.get('Password')) return page(res, 'Sign in', `<p class="error">Invalid user name or password.</p><form method="post"><input name="Username" value="${html(form.get('Username'))}"/><input type="password" name="Password"/><button type="submit">Sign in</button>${antiforgeryInput(res)}</form>`);
      const sid = rnd();
      sessions.set(sid, { user: form.get('Username') });
      return redirect(res, url.searchParams.get('returnUrl'), { 'set-cookie': `.fake.session=${sid}; path=/; samesite=lax; httponly` });
    }
    if (path === '/consent' && req.method === 'GET') {
      if (!session(req)) return redirect(res, `/login?returnUrl=${encodeURIComponent(path + url.search)}`);
      const hidden = [...url.searchParams].map(([k, v]) => `<input type="hidden" name="${html(k)}" value="${html(v)}" />`).join('');
      return page(res, 'Consent', `<form method="post" action="/consent">${hidden}<p>Allow ${html(url.searchParams.get('client_id'))}?</p><button type="submit" name="decision" value="allow">Allow</button><button type="submit" name="decision" value="deny">Deny</button>${antiforgeryInput(res)}</form>`);
    }
    if (path === '/consent' && req.method === 'POST') {
      const s = session(req);
      const form = new URLSearchParams(await readBody(req));
      if (!s || !checkAntiforgery(req, form)) return json(res, 400, { error: 'bad consent post' });
      if (form.get('decision') !== 'allow') return redirect(res, `${form.get('redirect_uri')}?error=access_denied&state=${form.get('state')}&iss=${encodeURIComponent(issuer)}`);
      consents.add(`${s.user}|${form.get('client_id')}|${form.get('resource')}|${form.get('scope')}`);
      return issueCode(res, form, s.user);
    }
    if (path === '/register' && req.method === 'POST') {
      const body = JSON.parse(await readBody(req));
      const client = { client_id: rnd(12), redirect_uris: body.redirect_uris, grant_types: body.grant_types ?? ['authorization_code'] };
      clients.set(client.client_id, client);
      return json(res, 201, { ...body, client_id: client.client_id, client_id_issued_at: Math.floor(Date.now() / 1000), token_endpoint_auth_method: 'none' });
    }
    if (path === '/token' && req.method === 'POST') {
      const p = new URLSearchParams(await readBody(req));
      const client = clientAuth(req, p);
      if (!client) return json(res, 401, { error: 'invalid_client' });
      const grant = p.get('grant_type');
      if (grant === 'authorization_code') {
        const c = codes.get(p.get('code'));
        if (!c || c.used || c.client_id !== client.client_id || c.redirect_uri !== p.get('redirect_uri')) return json(res, 400, { error: 'invalid_grant' });
        c.used = true;
        if (b64u(createHash('sha256').update(p.get('code_verifier') ?? '').digest()) !== c.challenge) return json(res, 400, { error: 'invalid_grant', error_description: 'PKCE' });
        if (p.get('resource') && p.get('resource') !== c.resource) return json(res, 400, { error: 'invalid_target' });
        const refresh = rnd();
        refreshTokens.set(refresh, { client_id: c.client_id, sub: c.sub, scope: c.scope, resource: c.resource, active: true });
        return json(res, 200, { access_token: await accessToken(c), token_type: 'Bearer', expires_in: 300, scope: c.scope, refresh_token: refresh });
      }
      if (grant === 'refresh_token') {
        const r = refreshTokens.get(p.get('refresh_token'));
        if (!r || !r.active || r.client_id !== client.client_id) return json(res, 400, { error: 'invalid_grant' });
        r.active = false;
        const refresh = rnd();
        refreshTokens.set(refresh, { ...r, active: true });
        return json(res, 200, { access_token: await accessToken(r), token_type: 'Bearer', expires_in: 300, scope: r.scope, refresh_token: refresh });
      }
      if (grant === 'client_credentials') {
        if (client.public) return json(res, 400, { error: 'unauthorized_client' });
        const resource = p.get('resource');
        if (!resources.has(resource)) return json(res, 400, { error: 'invalid_target' });
        const scope = p.get('scope') ?? resources.get(resource).join(' ');
        return json(res, 200, { access_token: await accessToken({ client_id: client.client_id, sub: client.client_id, scope, resource }), token_type: 'Bearer', expires_in: 300, scope });
      }
      return json(res, 400, { error: 'unsupported_grant_type' });
    }
    if (path === '/introspect' && req.method === 'POST') {
      const p = new URLSearchParams(await readBody(req));
      const client = clientAuth(req, p);
      if (!client || client.public) return json(res, 401, { error: 'invalid_client' });
      const token = p.get('token');
      const r = refreshTokens.get(token);
      // Refresh tokens are described to their own client only (as Mandate does; RFC 7662 2.2).
      if (r) return json(res, 200, r.active && r.client_id === client.client_id ? { active: true, client_id: r.client_id, sub: r.sub, scope: r.scope, aud: r.resource, iss: issuer, token_type: 'refresh_token' } : { active: false });
      try {
        const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
        if (revokedJtis.has(claims.jti)) return json(res, 200, { active: false });
        return json(res, 200, { active: claims.exp > Date.now() / 1000, ...claims, token_type: 'Bearer' });
      } catch {
        return json(res, 200, { active: false });
      }
    }
    if (path === '/revoke' && req.method === 'POST') {
      const p = new URLSearchParams(await readBody(req));
      const client = clientAuth(req, p);
      if (!client) return json(res, 401, { error: 'invalid_client' });
      const r = refreshTokens.get(p.get('token'));
      if (r && r.client_id === client.client_id) r.active = false;
      try {
        const claims = JSON.parse(Buffer.from(String(p.get('token')).split('.')[1], 'base64url').toString());
        if (claims.client_id === client.client_id) revokedJtis.add(claims.jti);
      } catch {
        // not a JWT
      }
      res.writeHead(200).end();
      return;
    }
    json(res, 404, { error: 'not_found' });
  }

  return {
    issuer,
    stats,
    addClient(client) {
      clients.set(client.client_id, client);
    },
    addResource(resource, scopes) {
      resources.set(resource, scopes);
    },
    close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }),
  };
}
