import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.ts';
import { createProviders } from '../../src/providers/registry.ts';
import type { Settings } from '../../src/spec/settings.ts';
import type { PaymentsConfig, ProviderConfig } from '../../src/spec/types.ts';

const settings: Settings = {
  nodeEnv: 'test',
  databaseUrl: 'sqlite::memory:',
  auth: {},
  apiBase: {},
  port: 0,
  host: '127.0.0.1',
};

function config(providers: ProviderConfig[]): PaymentsConfig {
  return {
    file: '/tmp/openapi.yaml',
    providers,
    successUrl: 'http://localhost/ok',
    cancelUrl: 'http://localhost/no',
    products: [],
    monetized: [],
  } as unknown as PaymentsConfig;
}

const stripe: ProviderConfig = {
  provider: 'stripe',
  mode: 'test',
  currency: 'usd',
  apiKey: 'sk_test_reg',
  webhookSecrets: ['whsec_reg_1'],
};
const square: ProviderConfig = {
  provider: 'square',
  mode: 'test',
  currency: 'usd',
  applicationId: 'sq-app',
  accessToken: 'EAAAreg',
  locationId: 'L1',
  webhookSignatureKey: 'sig-key',
  webhookUrl: 'https://example.com/webhooks/square',
};
const paypal: ProviderConfig = {
  provider: 'paypal',
  mode: 'test',
  currency: 'usd',
  clientId: 'cid',
  clientSecret: 'csecret',
  webhookId: 'WH-1',
};

describe('createProviders', () => {
  it('builds one adapter per configured provider', async () => {
    const map = await createProviders(config([stripe, paypal, square]), settings);
    expect([...map.keys()]).toEqual(['stripe', 'paypal', 'square']);
    for (const [name, p] of map) expect(p.name).toBe(name);
    expect(map.get('stripe')?.capabilities).toEqual({
      portal: true,
      cancelAtPeriodEnd: true,
      remoteVerification: false,
    });
  });

  it.each([
    ['stripe (no secrets)', { ...stripe, webhookSecrets: [] }],
    ['stripe (empty secret)', { ...stripe, webhookSecrets: [''] }],
    ['stripe (one of several empty)', { ...stripe, webhookSecrets: ['whsec_ok', ' '] }],
    ['paypal', { ...paypal, webhookId: '' }],
    ['square', { ...square, webhookSignatureKey: '' }],
  ] as Array<[string, ProviderConfig]>)('refuses to start when %s has no webhook secret', async (_n, cfg) => {
    const err = await createProviders(config([cfg]), settings).catch((e) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.diagnostics[0]).toMatchObject({ code: 'E_WEBHOOK_SECRET_MISSING', file: '/tmp/openapi.yaml' });
  });

  it('a missing secret on one provider stops all of them (nothing half-started)', async () => {
    await expect(
      createProviders(config([stripe, { ...square, webhookSignatureKey: '' }]), settings),
    ).rejects.toBeInstanceOf(ConfigError);
  });
});
