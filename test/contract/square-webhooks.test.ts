/**
 * DESIGN.md § Webhook processing rules, Square: HMAC-SHA256 over the *configured* notification URL + raw body
 * (`x-square-hmacsha256-signature`), one 400 body for every failure, duplicates 200 — against a real `serve`
 * for the Swagger 2.0 Square example (also exercising a `$ref`'d products file).
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freePort } from '../support/postgres.ts';
import { errorBody, key32, removeDir, ROOT, type Running, startLong, tempDir } from './support.ts';

vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

const SPEC = join(ROOT, 'examples/square/openapi.yaml');
const SIGNATURE_KEY = randomBytes(24).toString('base64url');
let dir: string;
let server: Running;
let notificationUrl: string;

beforeAll(async () => {
  dir = tempDir();
  const port = await freePort();
  // The configured URL is what Square signs — deliberately not the address we post to.
  const appUrl = `http://localhost:${port}`;
  notificationUrl = `${appUrl}/webhooks/square`;
  server = await startLong(['serve', '--spec', SPEC], {
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      APP_URL: appUrl,
      UIGEN_ENCRYPTION_KEYS: `k1:${key32()}`,
      UIGEN_BLIND_INDEX_KEY: key32(),
      UIGEN_AUTH_JWT_SECRET: randomBytes(32).toString('hex'),
      SQUARE_APPLICATION_ID: 'sandbox-sq0idb-contract',
      SQUARE_ACCESS_TOKEN: `EAAA${randomBytes(30).toString('hex')}`,
      SQUARE_LOCATION_ID: 'LCONTRACT01',
      SQUARE_WEBHOOK_SIGNATURE_KEY: SIGNATURE_KEY,
    },
  });
});
afterAll(async () => {
  await server?.stop();
  removeDir(dir);
});

const sign = (body: string, url = notificationUrl, key = SIGNATURE_KEY) => createHmac('sha256', key).update(url + body).digest('base64');
const event = () =>
  JSON.stringify({ merchant_id: 'MCONTRACT', type: 'contract.test_event', event_id: randomUUID(), created_at: new Date().toISOString(), data: { type: 'thing', id: 't1', object: {} } });
const post = (body: string, signature?: string) =>
  fetch(`${server.url}/webhooks/square`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature ? { 'x-square-hmacsha256-signature': signature } : {}) },
    body,
  });

describe('POST /webhooks/square', () => {
  it('a body signed over the configured URL is 200 {"received":true}, and again for the duplicate', async () => {
    const body = event();
    const first = await post(body, sign(body));
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: true });
    const dup = await post(body, sign(body));
    expect(dup.status).toBe(200);
  });

  it('every verification failure is 400 with one body', async () => {
    const body = event();
    const failures = [
      undefined,
      sign(body, `${server.url}/webhooks/square?x=1`),
      sign(body, 'https://attacker.example/webhooks/square'),
      sign(body, notificationUrl, 'wrong-key'),
      sign(`${body} `),
      'not-base64-!!',
    ];
    const seen = new Set<string>();
    for (const sig of failures) {
      const res = await post(body, sig);
      expect(res.status, String(sig)).toBe(400);
      const e = await errorBody(res);
      seen.add(`${e.code}|${e.message}`);
    }
    expect(seen.size).toBe(1);
  });

  it('an unconfigured provider (stripe here) is 404', async () => {
    const res = await fetch(`${server.url}/webhooks/stripe`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(404);
    await errorBody(res);
  });
});
