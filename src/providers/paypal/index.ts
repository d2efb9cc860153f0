/**
 * The PayPal adapter: local webhook verification, event normalization and hosted checkout through the
 * official SDK. Test-mode-only options (sandbox API base, extra cert origins/roots) are ignored in live mode
 * so a stray setting can never widen what a production deployment trusts.
 */
import { X509Certificate } from 'node:crypto';
import { ConfigError, PaymentsError } from '../../errors.ts';
import { type Logger, silentLogger } from '../../log.ts';
import type { PaypalProviderConfig } from '../../spec/types.ts';
import type { PaymentProvider } from '../types.ts';
import { createCertStore, defaultTrustedRoots, fetchCertPem, PAYPAL_CERT_HOSTS } from './paypal-cert.ts';
import { createPaypalCheckout } from './paypal-checkout.ts';
import { createPaypalClient } from './paypal-client.ts';
import { normalizePaypalEvent } from './paypal-normalize.ts';
import { createPlanResolver } from './paypal-plans.ts';
import { createPaypalSubscriptions } from './paypal-subscriptions.ts';
import { verifyPaypalSignature } from './paypal-verify.ts';

export { PAYPAL_CERT_HOSTS } from './paypal-cert.ts';
export { createTestCertificateAuthority, type TestCertificateAuthority } from './paypal-test-ca.ts';
export { type PaypalSignOptions, signPaypalPayload } from './paypal-test-signer.ts';

export interface PaypalProviderOptions {
  /** Sandbox / emulator API base (test mode only). */
  apiBase?: string;
  now?: () => number;
  logger?: Logger;
  /** Extra trusted root certificates, PEM (test mode only: the sandbox's test CA). */
  trustedRoots?: string[];
  /**
   * Extra cert URL sources (test mode only): a bare hostname is allowed over https:443 like PayPal's own;
   * an origin (`http://127.0.0.1:5123`) is allowed exactly as written (the local sandbox).
   */
  certHostAllowlist?: string[];
  /** Replaces the default cert fetcher; the URL policy is still checked before it is called. */
  fetchCert?: (url: string) => Promise<string>;
}

function requireSecrets(cfg: PaypalProviderConfig): void {
  const missing = (['clientId', 'clientSecret', 'webhookId'] as const).filter((k) => !cfg[k]?.trim());
  if (missing.length) throw new ConfigError(`paypal provider is missing ${missing.join(', ')}`);
}

export function createPaypalProvider(
  cfg: PaypalProviderConfig,
  opts: PaypalProviderOptions = {},
): PaymentProvider {
  requireSecrets(cfg);
  const log = opts.logger ?? silentLogger();
  const now = opts.now ?? Date.now;
  const test = cfg.mode === 'test';
  if (!test && (opts.apiBase || opts.trustedRoots?.length || opts.certHostAllowlist?.length)) {
    log.warn({ provider: 'paypal' }, 'test-mode options ignored in live mode');
  }
  const extra = test ? (opts.certHostAllowlist ?? []) : [];
  const policy = {
    hosts: [...PAYPAL_CERT_HOSTS, ...extra.filter((h) => !h.includes('://')).map((h) => h.toLowerCase())],
    origins: extra.filter((h) => h.includes('://')).map((o) => new URL(o).origin),
  };
  const testRoots = (test ? (opts.trustedRoots ?? []) : []).map((pem) => new X509Certificate(pem));
  const certs = createCertStore({
    fetchCert: opts.fetchCert ?? fetchCertPem,
    roots: defaultTrustedRoots(),
    testRoots,
    now,
  });

  const apiBase = test ? opts.apiBase : undefined;
  const client = createPaypalClient(cfg, apiBase);
  const apiRoot =
    apiBase?.replace(/\/+$/, '') ?? (test ? 'https://api-m.sandbox.paypal.com' : 'https://api-m.paypal.com');
  const checkout = createPaypalCheckout(client);
  const planFor = createPlanResolver(client, apiRoot);
  const subscriptions = createPaypalSubscriptions(client, now);

  return {
    name: 'paypal',
    capabilities: { portal: false, cancelAtPeriodEnd: false, remoteVerification: false },
    verifyWebhook: (rawBody, headers) =>
      verifyPaypalSignature(rawBody, headers, { webhookId: cfg.webhookId, policy, certs, now }),
    normalize: normalizePaypalEvent,
    createCheckout: (input) => checkout.create(input, (i) => planFor(i.product)),
    getCheckout: (sessionId) => checkout.status(sessionId),
    // Reading an order captures it once approved, so the webhook path and the success page share one capture.
    captureCheckout: (sessionId) => checkout.status(sessionId),
    getSubscription: (id) => subscriptions.get(id),
    cancelSubscription: (id) => subscriptions.cancel(id),
    async createPortal() {
      throw new PaymentsError('not_supported', 'PayPal has no customer billing portal', 400);
    },
    // PayPal has no customer object to delete; the caller cancels the user's subscriptions first.
    async deleteCustomer() {},
  };
}
