/**
 * `dev` generates everything a newcomer would otherwise have to configure — sandbox provider keys,
 * encryption and blind-index keys, a JWT secret — once, into .uigen/dev-secrets.json (gitignored, mode 0600).
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DevSecrets {
  stripeSecretKey: string;
  stripePublishableKey: string;
  stripeWebhookSecret: string;
  paypalClientId: string;
  paypalClientSecret: string;
  paypalWebhookId: string;
  squareAccessToken: string;
  squareApplicationId: string;
  squareLocationId: string;
  squareWebhookSignatureKey: string;
  encryptionKeys: string;
  blindIndexKey: string;
  jwtSecret: string;
  createdAt: string;
}

const token = (n: number) => randomBytes(n).toString('base64url').replace(/[-_]/g, 'x');

function generate(): DevSecrets {
  return {
    stripeSecretKey: `sk_test_sandbox${token(24)}`,
    stripePublishableKey: `pk_test_sandbox${token(24)}`,
    stripeWebhookSecret: `whsec_${token(32)}`,
    paypalClientId: `sandbox-client-${token(12)}`,
    paypalClientSecret: `sandbox-secret-${token(24)}`,
    paypalWebhookId: `WH-SANDBOX-${token(10).toUpperCase()}`,
    squareAccessToken: `EAAAsandbox${token(40)}`,
    squareApplicationId: `sandbox-sq0idb-${token(16)}`,
    squareLocationId: `L${token(10).toUpperCase()}`,
    squareWebhookSignatureKey: token(24),
    encryptionKeys: `dev1:${randomBytes(32).toString('base64')}`,
    blindIndexKey: randomBytes(32).toString('base64'),
    jwtSecret: randomBytes(48).toString('base64url'),
    createdAt: new Date().toISOString(),
  };
}

export function loadOrCreateDevSecrets(dir: string): { secrets: DevSecrets; created: boolean } {
  const file = join(dir, 'dev-secrets.json');
  if (existsSync(file)) {
    const secrets = { ...generate(), ...JSON.parse(readFileSync(file, 'utf8')) } as DevSecrets;
    return { secrets, created: false };
  }
  mkdirSync(dir, { recursive: true });
  const secrets = generate();
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return { secrets, created: true };
}

/** The environment the example specs reference, filled from dev secrets (values already set win). */
export function devEnv(base: NodeJS.ProcessEnv, s: DevSecrets, extra: Record<string, string>): NodeJS.ProcessEnv {
  const fill: Record<string, string> = {
    STRIPE_SECRET_KEY: s.stripeSecretKey,
    STRIPE_PUBLISHABLE_KEY: s.stripePublishableKey,
    STRIPE_WEBHOOK_SECRET: s.stripeWebhookSecret,
    PAYPAL_CLIENT_ID: s.paypalClientId,
    PAYPAL_CLIENT_SECRET: s.paypalClientSecret,
    PAYPAL_WEBHOOK_ID: s.paypalWebhookId,
    SQUARE_ACCESS_TOKEN: s.squareAccessToken,
    SQUARE_APPLICATION_ID: s.squareApplicationId,
    SQUARE_LOCATION_ID: s.squareLocationId,
    SQUARE_WEBHOOK_SIGNATURE_KEY: s.squareWebhookSignatureKey,
    UIGEN_ENCRYPTION_KEYS: s.encryptionKeys,
    UIGEN_BLIND_INDEX_KEY: s.blindIndexKey,
    UIGEN_AUTH_JWT_SECRET: s.jwtSecret,
  };
  // The sandbox is the point of `dev`: provider keys always come from it, so a real key in the shell can
  // never be sent to the local emulator (nor sandbox keys to a real provider).
  const env: NodeJS.ProcessEnv = { ...base };
  for (const [k, v] of Object.entries(fill)) {
    if (k.startsWith('UIGEN_') && env[k]) continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}
