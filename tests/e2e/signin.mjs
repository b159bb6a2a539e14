// A person in a real browser: Playwright drives Debian's Chromium through Mandate's sign-in and consent pages.
//
// Env: MANDATE_ISSUER, AUTHORIZE_URL (a full /authorize URL), REDIRECT_URI (the client's, http://127.0.0.1:PORT/...;
//      this script serves a small page there so the browser lands somewhere real), MANDATE_USERNAME, MANDATE_PASSWORD,
//      CLIENT_NAME (asserted on the consent page); optional CHROMIUM_PATH (default /usr/bin/chromium),
//      SCREENSHOT_DIR (default the OS temp dir), TIMEOUT_MS (default 90000).
// Stdout: exactly one JSON line: {"ok":true,"code":"...","state":"...","iss":"...","consent_screenshot":"/tmp/...png",...}
// Logs go to stderr; on failure "[signin] FAILED: ..." on stderr, a screenshot of the page where it stopped, exit 1.
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const log = (line) => process.stderr.write(`[signin] ${line}\n`);

function requireEnv(name) {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is required`);
  return value;
}

// What ./test.sh passes on: Debian's Chromium, never a downloaded browser.
const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Serves a tiny page at the redirect URI's path on 127.0.0.1:PORT and remembers every query it was sent. */
function serveRedirectUri(redirectUri) {
  const url = new URL(redirectUri);
  if (url.protocol !== 'http:' || url.hostname !== '127.0.0.1' || !url.port) {
    throw new Error(`REDIRECT_URI must be http://127.0.0.1:PORT/..., got ${redirectUri}`);
  }
  const hits = [];
  const server = http.createServer((req, res) => {
    const requested = new URL(req.url, url.origin);
    if (req.method === 'GET' && requested.pathname === url.pathname) {
      hits.push(requested);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end('<!DOCTYPE html><html lang="en"><head><title>Signed in</title><link rel="icon" href="data:,"></head><body><h1>Signed in</h1><p>You can close this window.</p></body></html>');
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(Number(url.port), '127.0.0.1', () => resolve({ server, hits }));
  });
}

async function main() {
  const issuer = requireEnv('MANDATE_ISSUER');
  const authorizeUrl = new URL(requireEnv('AUTHORIZE_URL'));
  const redirectUri = requireEnv('REDIRECT_URI');
  const username = requireEnv('MANDATE_USERNAME');
  const password = requireEnv('MANDATE_PASSWORD');
  const clientName = requireEnv('CLIENT_NAME');
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  const screenshotDir = process.env.SCREENSHOT_DIR || os.tmpdir();
  const timeoutMs = Number(process.env.TIMEOUT_MS || '90000');
  if (!fs.existsSync(executablePath)) throw new Error(`${executablePath} not found: install Debian's chromium (./test.sh does)`);
  if (authorizeUrl.origin !== new URL(issuer).origin) throw new Error(`AUTHORIZE_URL ${authorizeUrl.origin} is not on MANDATE_ISSUER ${issuer}`);

  const callback = await serveRedirectUri(redirectUri);
  const stamp = `${Date.now()}-${process.pid}`;
  const consentShot = path.join(screenshotDir, `mandate-consent-${stamp}.png`);
  let browser;
  let page;
  const pages = [];
  const consoleErrors = [];
  try {
    browser = await chromium.launch({ executablePath, headless: true, args: LAUNCH_ARGS, timeout: timeoutMs });
    const context = await browser.newContext({ viewport: { width: 800, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(30000);
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const where = message.location()?.url || page.url();
      // The browser's own favicon probe is not the page's doing (Mandate serves no favicon).
      if (new URL(where, 'http://x').pathname === '/favicon.ico') return;
      consoleErrors.push(`${message.text()} (${where})`);
    });
    page.on('pageerror', (error) => consoleErrors.push(String(error)));
    log(`Chromium ${browser.version()} from ${executablePath}`);

    // 1. The authorization request sends us to the login page.
    await page.goto(authorizeUrl.href);
    await page.waitForURL((u) => u.pathname.endsWith('/login'));
    const usernameField = page.getByLabel('Username', { exact: true });
    const passwordField = page.getByLabel('Password', { exact: true });
    await usernameField.waitFor({ state: 'visible' });
    pages.push({ page: 'login', title: await page.title() });
    log(`login page: "${await page.title()}"`);
    await usernameField.fill(username);
    await passwordField.fill(password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();

    // 2. The consent page names the client and offers Allow and Deny.
    await page.waitForURL((u) => u.pathname.endsWith('/consent'));
    const allow = page.getByRole('button', { name: 'Allow', exact: true });
    const deny = page.getByRole('button', { name: 'Deny', exact: true });
    await allow.waitFor({ state: 'visible' });
    await deny.waitFor({ state: 'visible' });
    const heading = (await page.getByRole('heading', { level: 1 }).textContent())?.trim() ?? '';
    if (!heading.includes(clientName)) throw new Error(`consent heading "${heading}" does not name the client "${clientName}"`);
    const stylesheets = await page.evaluate(() => document.styleSheets.length);
    pages.push({ page: 'consent', title: await page.title(), heading });
    await page.screenshot({ path: consentShot, fullPage: true });
    log(`consent page: "${heading}"; screenshot ${consentShot}`);

    // 3. Allow: the browser is redirected to the client's redirect URI, served above.
    await Promise.all([page.waitForURL((u) => u.href.startsWith(redirectUri), { waitUntil: 'load' }), allow.click()]);
    const landed = new URL(page.url());
    const landedTitle = await page.title();
    log(`landed on ${landed.origin}${landed.pathname} ("${landedTitle}")`);
    if (callback.hits.length !== 1) throw new Error(`the redirect URI was requested ${callback.hits.length} times`);
    const query = callback.hits[0].searchParams;
    if (query.has('error')) throw new Error(`authorization error at the redirect URI: ${query.get('error')} ${query.get('error_description') ?? ''}`);
    if (!query.get('code')) throw new Error('no code at the redirect URI');

    return {
      ok: true,
      code: query.get('code'),
      state: query.get('state'),
      iss: query.get('iss'),
      redirect_uri_reached: `${landed.origin}${landed.pathname}`,
      landed_page_title: landedTitle,
      pages,
      consent_stylesheets: stylesheets,
      consent_screenshot: consentShot,
      console_errors: consoleErrors,
      browser: `Chromium ${browser.version()}`,
    };
  } catch (error) {
    if (page) {
      const failShot = path.join(screenshotDir, `mandate-signin-failure-${stamp}.png`);
      await page.screenshot({ path: failShot, fullPage: true }).catch(() => {});
      log(`stopped at ${page.url()}; screenshot ${failShot}`);
      if (consoleErrors.length > 0) log(`console errors: ${consoleErrors.join(' | ')}`);
    }
    throw error;
  } finally {
    await browser?.close().catch(() => {});
    callback.server.closeAllConnections?.();
    callback.server.close();
  }
}

const watchdog = setTimeout(() => {
  log(`FAILED: timed out after ${process.env.TIMEOUT_MS || '90000'} ms`);
  process.exit(1);
}, Number(process.env.TIMEOUT_MS || '90000'));

main().then(
  (result) => {
    clearTimeout(watchdog);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.exit(0);
  },
  (error) => {
    clearTimeout(watchdog);
    log(`FAILED: ${error?.stack ?? error}`);
    process.exit(1);
  },
);
