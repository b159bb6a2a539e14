// A person in a real browser connects a third-party account on Mandate's Connections page: Playwright drives Debian's
// Chromium through Mandate's sign-in, the Connect button, the provider's (oidc-provider's) authorization endpoint and
// back to Mandate's callback.
//
// Env: MANDATE_ISSUER, MANDATE_USERNAME, MANDATE_PASSWORD, CONNECTOR (its row is #connector-NAME), PROVIDER_ISSUER;
//      optional CHROMIUM_PATH (default /usr/bin/chromium), SCREENSHOT_DIR (default the OS temp dir), TIMEOUT_MS (90000).
// Stdout: exactly one JSON line: {"ok":true,"status_before":"Not connected","status_after":"Connected",
//         "visited_provider":true,"landed":"/connections?connected=NAME","screenshot":"/tmp/...png","console_errors":[]}
// Logs go to stderr; on failure "[connect] FAILED: ..." on stderr, a screenshot of the page where it stopped, exit 1.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const log = (line) => process.stderr.write(`[connect] ${line}\n`);

function requireEnv(name) {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is required`);
  return value;
}

const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function main() {
  const issuer = requireEnv('MANDATE_ISSUER');
  const username = requireEnv('MANDATE_USERNAME');
  const password = requireEnv('MANDATE_PASSWORD');
  const connector = requireEnv('CONNECTOR');
  const providerOrigin = new URL(requireEnv('PROVIDER_ISSUER')).origin;
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  const screenshotDir = process.env.SCREENSHOT_DIR || os.tmpdir();
  if (!fs.existsSync(executablePath)) throw new Error(`${executablePath} not found: install Debian's chromium (./test.sh does)`);

  const stamp = `${Date.now()}-${process.pid}`;
  const shot = path.join(screenshotDir, `mandate-connections-${stamp}.png`);
  const consoleErrors = [];
  let visitedProvider = false;
  let browser;
  let page;
  try {
    browser = await chromium.launch({ executablePath, headless: true, args: LAUNCH_ARGS });
    const context = await browser.newContext({ viewport: { width: 900, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(30000);
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const where = message.location()?.url || page.url();
      if (new URL(where, 'http://x').pathname === '/favicon.ico') return;
      consoleErrors.push(`${message.text()} (${where})`);
    });
    page.on('pageerror', (error) => consoleErrors.push(String(error)));
    page.on('request', (request) => {
      if (new URL(request.url()).origin === providerOrigin) visitedProvider = true;
    });

    // 1. The Connections page asks for a sign-in first.
    await page.goto(`${issuer}/connections`);
    await page.waitForURL((u) => u.pathname.endsWith('/login'));
    await page.getByLabel('Username', { exact: true }).fill(username);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((u) => u.pathname.endsWith('/connections'));
    const row = page.locator(`#connector-${connector}`);
    const statusBefore = await row.locator('td[data-status]').getAttribute('data-status');
    log(`Connections page: ${connector} is "${statusBefore}"`);

    // 2. Connect: to the provider (PAR, its sign-in and consent) and back to Mandate's callback, then the page again.
    await Promise.all([
      page.waitForURL((u) => u.pathname.endsWith('/connections') && u.searchParams.get('connected') === connector, { waitUntil: 'load' }),
      row.getByRole('button', { name: 'Connect', exact: true }).click(),
    ]);
    const landed = new URL(page.url());
    const statusAfter = await page.locator(`#connector-${connector} td[data-status]`).getAttribute('data-status');
    const message = (await page.getByRole('status').textContent())?.trim() ?? '';
    await page.screenshot({ path: shot, fullPage: true });
    log(`back on ${landed.pathname}${landed.search}: "${message}", ${connector} is "${statusAfter}"; screenshot ${shot}`);
    return {
      ok: true,
      status_before: statusBefore,
      status_after: statusAfter,
      message,
      visited_provider: visitedProvider,
      landed: `${landed.pathname}${landed.search}`,
      screenshot: shot,
      console_errors: consoleErrors,
      browser: `Chromium ${browser.version()}`,
    };
  } catch (error) {
    if (page) {
      const failShot = path.join(screenshotDir, `mandate-connect-failure-${stamp}.png`);
      await page.screenshot({ path: failShot, fullPage: true }).catch(() => {});
      log(`stopped at ${page.url()}; screenshot ${failShot}`);
    }
    throw error;
  } finally {
    await browser?.close().catch(() => {});
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
