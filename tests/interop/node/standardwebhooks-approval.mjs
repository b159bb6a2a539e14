// Mandate's approval webhook checked by the Standard Webhooks reference library (`standardwebhooks`, npm): the script
// listens on PORT (Mandate was started with Approvals:WebhookUrl pointing there), starts a CIBA request so that an
// approval request is created, receives the webhook, and verifies it with `new Webhook(secret).verify(body, headers)`.
// The same delivery with one byte of the body changed, or another secret, must fail verification.
//
// Env: MANDATE_ISSUER, PORT, WEBHOOK_SECRET (whsec_...), CLIENT_ID, CLIENT_SECRET (a CIBA poll client), RESOURCE,
//   MANDATE_USERNAME, TIMEOUT_MS (optional).
// Stdout: one JSON line, e.g. {"ok":true,"verified":true,"tampered_rejected":true,"payload":{...}}
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { runMain, requireEnv, assert, listenLoopback } from './lib/common.mjs';

runMain('standardwebhooks-approval', async (log) => {
  const issuer = requireEnv('MANDATE_ISSUER');
  const port = Number(requireEnv('PORT'));
  const secret = requireEnv('WEBHOOK_SECRET');
  const summary = { ok: false };

  let deliver;
  const delivered = new Promise((resolve) => { deliver = resolve; });
  const { server } = await listenLoopback((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      res.writeHead(204).end();
      deliver({ path: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
    });
  }, port);
  try {
    const binding = `HOOK-${Math.floor(Math.random() * 9000 + 1000)}`;
    const basic = Buffer.from(`${encodeURIComponent(requireEnv('CLIENT_ID'))}:${encodeURIComponent(requireEnv('CLIENT_SECRET'))}`).toString('base64');
    const start = await fetch(`${issuer}/bc-authorize`, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ login_hint: requireEnv('MANDATE_USERNAME'), scope: 'openid', resource: requireEnv('RESOURCE'), binding_message: binding }),
    });
    assert(start.status === 200, `backchannel request answered ${start.status}: ${await start.text()}`);
    log('backchannel request accepted; waiting for the webhook');

    const hook = await delivered;
    summary.path = hook.path;
    const headers = { 'webhook-id': hook.headers['webhook-id'], 'webhook-timestamp': hook.headers['webhook-timestamp'], 'webhook-signature': hook.headers['webhook-signature'] };
    const payload = new Webhook(secret).verify(hook.body, headers);
    summary.verified = true;
    summary.payload = payload;
    assert(payload.binding_message === binding, `payload binding_message ${payload.binding_message}`);

    const rejects = (fn) => {
      try {
        fn();
        return false;
      } catch (error) {
        if (error instanceof WebhookVerificationError) return true;
        throw error;
      }
    };
    summary.tampered_rejected = rejects(() => new Webhook(secret).verify(hook.body.replace(binding, `${binding}X`), headers));
    summary.wrong_secret_rejected = rejects(() => new Webhook(`whsec_${Buffer.from('another-secret-another-secret-32').toString('base64')}`).verify(hook.body, headers));
    summary.ok = true;
    return summary;
  } finally {
    server.close();
  }
});
