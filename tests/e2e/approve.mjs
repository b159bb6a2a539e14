// A person in a real browser approves a waiting request: Playwright drives Debian's Chromium to the console's
// Approvals page (sign-in first), finds the request by its binding message (CIBA) or by text it shows (a held tool
// call: MATCH_TEXT, e.g. a value of its arguments), and clicks Approve.
//
// Env: MANDATE_ISSUER, MANDATE_USERNAME, MANDATE_PASSWORD, BINDING_MESSAGE (the code the client shows) or MATCH_TEXT,
//      CLIENT_NAME (asserted next to it); optional CHROMIUM_PATH (default /usr/bin/chromium),
//      SCREENSHOT_DIR (default the OS temp dir), TIMEOUT_MS (default 90000).
// Stdout: exactly one JSON line: {"ok":true,"heading":"...","status":"Approved.","approvals_screenshot":"/tmp/...png",...}
// Logs go to stderr; on failure "[approve] FAILED: ..." on stderr, a screenshot of the page where it stopped, exit 1.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const log = (line) => process.stderr.write(`[approve] ${line}\n`);

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
  const binding = process.env.BINDING_MESSAGE || null;
  const match = binding ?? requireEnv('MATCH_TEXT');
  const clientName = requireEnv('CLIENT_NAME');
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  const screenshotDir = process.env.SCREENSHOT_DIR || os.tmpdir();
  const timeoutMs = Number(process.env.TIMEOUT_MS || '90000');
  if (!fs.existsSync(executablePath)) throw new Error(`${executablePath} not found: install Debian's chromium (./test.sh does)`);

  const stamp = `${Date.now()}-${process.pid}`;
  const shot = path.join(screenshotDir, `mandate-approvals-${stamp}.png`);
  const consoleErrors = [];
  let browser;
  let page;
  try {
    browser = await chromium.launch({ executablePath, headless: true, args: LAUNCH_ARGS, timeout: timeoutMs });
    page = await (await browser.newContext({ viewport: { width: 800, height: 900 } })).newPage();
    page.setDefaultTimeout(30000);
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const where = message.location()?.url || page.url();
      if (new URL(where, 'http://x').pathname === '/favicon.ico') return;
      consoleErrors.push(`${message.text()} (${where})`);
    });
    page.on('pageerror', (error) => consoleErrors.push(String(error)));
    log(`Chromium ${browser.version()} from ${executablePath}`);

    // 1. The Approvals page needs a session: the browser is sent to sign in, then back.
    await page.goto(`${issuer}/approvals`);
    await page.waitForURL((u) => u.pathname.endsWith('/login'));
    await page.getByLabel('Username', { exact: true }).fill(username);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((u) => u.pathname.endsWith('/approvals'));

    // 2. The request is listed with the code the client shows, under the client's name.
    const request = page.getByRole('region', { name: `Request from ${clientName}` }).filter({ hasText: match });
    await request.waitFor({ state: 'visible' });
    const heading = (await request.getByRole('heading', { level: 2 }).textContent())?.replace(/\s+/g, ' ').trim() ?? '';
    const shownCode = binding === null ? null : (await request.locator('.binding').textContent())?.trim() ?? '';
    if (binding !== null && shownCode !== binding) throw new Error(`binding message shown as "${shownCode}", expected "${binding}"`);
    const details = (await request.textContent())?.replace(/\s+/g, ' ').trim() ?? '';
    const stylesheets = await page.evaluate(() => document.styleSheets.length);
    await page.screenshot({ path: shot, fullPage: true });
    log(`approvals page: "${heading}" matching ${match}; screenshot ${shot}`);

    // 3. Approve: the page answers and the request is gone from the list.
    await request.getByRole('button', { name: 'Approve', exact: true }).click();
    const status = page.getByRole('status');
    await status.waitFor({ state: 'visible' });
    const statusText = (await status.textContent())?.trim() ?? '';
    const stillListed = await page.getByRole('region', { name: `Request from ${clientName}` }).filter({ hasText: match }).count();

    return {
      ok: true,
      heading,
      binding_shown: shownCode,
      details,
      status: statusText,
      still_listed: stillListed,
      stylesheets,
      approvals_screenshot: shot,
      console_errors: consoleErrors,
      browser: `Chromium ${browser.version()}`,
    };
  } catch (error) {
    if (page) {
      const failShot = path.join(screenshotDir, `mandate-approve-failure-${stamp}.png`);
      await page.screenshot({ path: failShot, fullPage: true }).catch(() => {});
      log(`stopped at ${page.url()}; screenshot ${failShot}`);
      if (consoleErrors.length > 0) log(`console errors: ${consoleErrors.join(' | ')}`);
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
