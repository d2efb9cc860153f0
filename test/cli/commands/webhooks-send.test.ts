import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.ts';
import { createStripeProvider } from '../../../src/providers/stripe/index.ts';
import { type Receiver, startReceiver } from '../../sandbox/helpers.ts';
import { captureIO as io } from './capture-io.ts';

const FIXTURE = fileURLToPath(
  new URL('../../fixtures/webhooks/stripe/invoice.payment_failed.json', import.meta.url),
);
const SECRET = 'whsec_cli_send_test_secret_01';

let rx: Receiver;
beforeEach(async () => {
  rx = await startReceiver();
});
afterEach(async () => {
  await rx.close();
});

const provider = createStripeProvider({
  provider: 'stripe',
  mode: 'test',
  currency: 'usd',
  apiKey: 'sk_test_cli',
  webhookSecrets: [SECRET],
});

describe('uigen-pay webhooks send', () => {
  it('signs the fixture bytes with the secret from the environment and posts them', async () => {
    const t = io({ STRIPE_WEBHOOK_SECRET: `${SECRET},whsec_older_secret` });
    expect(await main(['webhooks', 'send', FIXTURE, '--to', rx.url, '--provider', 'stripe'], t.io)).toBe(0);
    expect(t.out[0]).toMatch(/^200 /);
    expect(rx.received).toHaveLength(1);
    const ev = await provider.verifyWebhook(rx.received[0].body, rx.received[0].headers);
    expect(ev).toMatchObject({ id: 'evt_1SpQ7xLkdIwHu7ixInvFail01', type: 'invoice.payment_failed' });
    expect(t.out.join('\n') + t.err.join('\n')).not.toContain(SECRET);
  });

  it('--secret-env and --new-id: a fresh event id each time', async () => {
    const t = io({ MY_SECRET: SECRET });
    for (let i = 0; i < 2; i++)
      expect(
        await main(
          ['webhooks', 'send', FIXTURE, '--to', rx.url, '--secret-env', 'MY_SECRET', '--new-id'],
          t.io,
        ),
      ).toBe(0);
    const ids = await Promise.all(
      rx.received.map(async (r) => (await provider.verifyWebhook(r.body, r.headers)).id),
    );
    expect(new Set(ids).size).toBe(2);
    expect(ids).not.toContain('evt_1SpQ7xLkdIwHu7ixInvFail01');
  });

  it('exit 1 when the receiver refuses, or the secret is missing; exit 2 on usage errors', async () => {
    rx.statusFor = () => 400;
    expect(
      await main(['webhooks', 'send', FIXTURE, '--to', rx.url], io({ STRIPE_WEBHOOK_SECRET: SECRET }).io),
    ).toBe(1);
    const noSecret = io();
    expect(await main(['webhooks', 'send', FIXTURE, '--to', rx.url], noSecret.io)).toBe(1);
    expect(noSecret.err[0]).toContain('STRIPE_WEBHOOK_SECRET is not set');
    expect(await main(['webhooks', 'send', FIXTURE], io({ STRIPE_WEBHOOK_SECRET: SECRET }).io)).toBe(2);
    expect(
      await main(
        ['webhooks', 'send', FIXTURE, '--to', rx.url, '--provider', 'toString'],
        io({ STRIPE_WEBHOOK_SECRET: SECRET }).io,
      ),
    ).toBe(2);
    expect(await main(['webhooks', 'nope'], io().io)).toBe(2);
  });
});
