import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseForms, buildFormSubmission, decodeHtmlEntities, CookieJar, HeadlessBrowser } from '../lib/headless-browser.mjs';
import { startFakeMandate } from './fake-mandate.mjs';

// Shaped like ASP.NET Core Razor Pages output: tag helpers, data-val attributes, HtmlEncoder escapes (&#x2B; &#x27; &amp;),
// the antiforgery input appended at the end of the form, and the hidden "false" input for a bool checkbox.
const LOGIN_PAGE = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8" /><title>Sign in - Mandate</title></head>
<body>
<form method="post" action="/login?returnUrl=%2Fauthorize%3Fresponse_type%3Dcode%26client_id%3Dabc&amp;culture=en">
    <div class="text-danger validation-summary-valid" data-valmsg-summary="true"><ul><li style="display:none"></li></ul></div>
    <label for="Username">User name</label>
    <input class="form-control" autocomplete="username" type="text" data-val="true" data-val-required="The Username field is required." id="Username" name="Username" value="" />
    <span class="text-danger field-validation-valid" data-valmsg-for="Username" data-valmsg-replace="true"></span>
    <input class="form-control" autocomplete="current-password" type="password" data-val="true" data-val-required="The Password field is required." id="Password" name="Password" />
    <input type="checkbox" data-val="true" data-val-required="The Remember me? field is required." id="RememberMe" name="RememberMe" value="true" />
    <button type="submit" class="btn btn-primary">Sign in</button>
<input name="__RequestVerificationToken" type="hidden" value="CfDJ8Nx-Qz_a&#x2B;b/c==" /><input name="RememberMe" type="hidden" value="false" /></form>
<form method="post" action="/logout"><button type="submit">Sign out</button></form>
</body></html>`;

const CONSENT_PAGE = `<html><body>
<form method=post>
  <input type="hidden" id="ClientId" name="ClientId" value="https://client.example/meta.json" />
  <input type="hidden" name="Scope" value="mcp:tools mcp:read" />
  <input type="hidden" name="RedirectUri" value="http://127.0.0.1:5000/cb?x=1&amp;y=&#x27;2&#x27;&#39;&quot;&#43;" />
  <input type="hidden" name="Empty" value="" disabled />
  <p>Application <strong>Example &amp; Co</strong> wants access.</p>
  <button type="submit" name="decision" value="allow" class="btn btn-primary">Allow</button>
  <button type='submit' name='decision' value='deny' class="btn">Deny</button>
  <input name="__RequestVerificationToken" type="hidden" value="CfDJ8abc" />
</form></body></html>`;

test('decodeHtmlEntities handles named, decimal and hex references', () => {
  assert.equal(decodeHtmlEntities('a&amp;b &lt;&gt; &quot;x&quot; &#39;&#x27;&#X2B;&#43; &nbsp;&unknown;'), 'a&b <> "x" \'\'++ \u00a0&unknown;');
});

test('parseForms reads a Razor Pages login form', () => {
  const forms = parseForms(LOGIN_PAGE);
  assert.equal(forms.length, 2);
  const [login] = forms;
  assert.equal(login.method, 'post');
  assert.equal(login.action, '/login?returnUrl=%2Fauthorize%3Fresponse_type%3Dcode%26client_id%3Dabc&culture=en');
  assert.deepEqual(
    login.fields.map((f) => [f.name, f.value]),
    [
      ['Username', ''],
      ['Password', ''],
      ['__RequestVerificationToken', 'CfDJ8Nx-Qz_a+b/c=='],
      ['RememberMe', 'false'],
    ],
  );
  assert.deepEqual(login.buttons, [{ name: null, value: '', type: 'submit', text: 'Sign in', formaction: null, formmethod: null }]);

  const page = new URL('http://127.0.0.1:5000/login?returnUrl=%2Fauthorize');
  const submission = buildFormSubmission(login, page, { values: { Username: 'alice', Password: 'p&ss w+rd' } });
  assert.equal(submission.method, 'POST');
  assert.equal(submission.url.href, 'http://127.0.0.1:5000/login?returnUrl=%2Fauthorize%3Fresponse_type%3Dcode%26client_id%3Dabc&culture=en');
  assert.equal(submission.body.toString(), 'Username=alice&Password=p%26ss+w%2Brd&__RequestVerificationToken=CfDJ8Nx-Qz_a%2Bb%2Fc%3D%3D&RememberMe=false');
});

test('parseForms reads a consent form; the clicked button is submitted, action defaults to the page URL', () => {
  const [consent] = parseForms(CONSENT_PAGE);
  assert.equal(consent.action, null);
  assert.equal(consent.method, 'post');
  assert.deepEqual(Object.fromEntries(consent.fields.map((f) => [f.name, f.value])), {
    ClientId: 'https://client.example/meta.json',
    Scope: 'mcp:tools mcp:read',
    RedirectUri: "http://127.0.0.1:5000/cb?x=1&y='2''\"+",
    __RequestVerificationToken: 'CfDJ8abc',
  });
  assert.deepEqual(consent.buttons.map((b) => [b.name, b.value, b.text]), [
    ['decision', 'allow', 'Allow'],
    ['decision', 'deny', 'Deny'],
  ]);
  const page = new URL('http://127.0.0.1:5000/consent?client_id=x&scope=a%20b');
  const allow = buildFormSubmission(consent, page, { button: { name: 'decision', value: 'allow' } });
  assert.equal(allow.url.href, page.href);
  const body = new URLSearchParams(allow.body);
  assert.equal(body.get('decision'), 'allow');
  assert.equal(body.getAll('decision').length, 1);
  assert.equal(body.get('RedirectUri'), "http://127.0.0.1:5000/cb?x=1&y='2''\"+");
  const deny = buildFormSubmission(consent, page, { button: { name: 'decision', value: 'deny' } });
  assert.equal(new URLSearchParams(deny.body).get('decision'), 'deny');
  assert.throws(() => buildFormSubmission(consent, page, { button: { name: 'decision', value: 'maybe' } }), /no submit button/);
});

test('CookieJar: host, path, expiry, SameSite=Strict on cross-site navigations', () => {
  const jar = new CookieJar();
  const response = new Response(null, {
    headers: [
      ['set-cookie', '.AspNetCore.Antiforgery.abc=tok1; path=/; samesite=strict; httponly'],
      ['set-cookie', '.AspNetCore.Identity=sess; path=/; samesite=lax; httponly'],
      ['set-cookie', 'scoped=1; path=/account'],
      ['set-cookie', 'gone=1; path=/; max-age=0'],
      ['set-cookie', 'evil=1; domain=example.com'],
    ],
  });
  jar.storeFrom('http://127.0.0.1:5000/login', response);
  assert.deepEqual(jar.names().sort(), ['.AspNetCore.Antiforgery.abc', '.AspNetCore.Identity', 'scoped']);
  assert.equal(jar.headerFor('http://127.0.0.1:5000/consent'), '.AspNetCore.Antiforgery.abc=tok1; .AspNetCore.Identity=sess');
  assert.equal(jar.headerFor('http://127.0.0.1:5000/consent', { crossSite: true }), '.AspNetCore.Identity=sess');
  assert.equal(jar.headerFor('http://127.0.0.1:5000/account/x'), 'scoped=1; .AspNetCore.Antiforgery.abc=tok1; .AspNetCore.Identity=sess');
  assert.equal(jar.headerFor('http://127.0.0.1:5000/accounts'), '.AspNetCore.Antiforgery.abc=tok1; .AspNetCore.Identity=sess');
  assert.equal(jar.headerFor('http://localhost:5000/consent'), '');
  jar.storeFrom('http://127.0.0.1:5000/logout', new Response(null, { headers: [['set-cookie', '.AspNetCore.Identity=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/']] }));
  assert.equal(jar.headerFor('http://127.0.0.1:5000/'), '.AspNetCore.Antiforgery.abc=tok1');
});

test('HeadlessBrowser.authorize: login, consent, remembered consent, wrong password', async () => {
  const mandate = await startFakeMandate({ users: { alice: 'pw', bob: 'pw2' } });
  try {
    mandate.addResource('http://127.0.0.1:1/mcp', ['mcp:tools']);
    mandate.addClient({ client_id: 'pub', redirect_uris: ['http://127.0.0.1:1/cb'], grant_types: ['authorization_code'] });
    const authUrl = new URL(`${mandate.issuer}/authorize`);
    for (const [k, v] of Object.entries({ response_type: 'code', client_id: 'pub', redirect_uri: 'http://127.0.0.1:1/cb', scope: 'mcp:tools', state: 's1', code_challenge: 'x'.repeat(43), code_challenge_method: 'S256', resource: 'http://127.0.0.1:1/mcp' })) {
      authUrl.searchParams.set(k, v);
    }
    const browser = new HeadlessBrowser();
    const first = await browser.authorize(authUrl, { redirectUri: 'http://127.0.0.1:1/cb', username: 'alice', password: 'pw' });
    assert.deepEqual(first.pages, ['login', 'consent']);
    assert.equal(first.callbackUrl.searchParams.get('state'), 's1');
    assert.equal(first.callbackUrl.searchParams.get('iss'), mandate.issuer);
    assert.ok(first.callbackUrl.searchParams.get('code'));

    const second = await browser.authorize(authUrl, { redirectUri: 'http://127.0.0.1:1/cb', username: 'alice', password: 'pw' });
    assert.deepEqual(second.pages, []);

    await assert.rejects(
      new HeadlessBrowser().authorize(authUrl, { redirectUri: 'http://127.0.0.1:1/cb', username: 'alice', password: 'nope' }),
      /login form shown again/,
    );

    const denied = await new HeadlessBrowser().authorize(authUrl, { redirectUri: 'http://127.0.0.1:1/cb', username: 'bob', password: 'pw2', consent: 'deny' });
    assert.equal(denied.callbackUrl.searchParams.get('error'), 'access_denied');
  } finally {
    await mandate.close();
  }
});
