/** Test keys shaped like real ones (so the key/mode rules run) and paths to the spec fixtures. */
import { fileURLToPath } from 'node:url';

export const TEST_ENV: Readonly<Record<string, string>> = Object.freeze({
  STRIPE_SECRET_KEY: 'sk_test_51AbCdEfGhIjKlMnOp',
  STRIPE_PUBLISHABLE_KEY: 'pk_test_51AbCdEfGhIjKl',
  STRIPE_WEBHOOK_SECRET: 'whsec_AbCdEfGhIjKlMnOp',
  PAYPAL_CLIENT_ID: 'AZtest-client-id',
  PAYPAL_CLIENT_SECRET: 'EPtest-client-secret',
  PAYPAL_WEBHOOK_ID: '1JE4291016473214C',
  SQUARE_APPLICATION_ID: 'sandbox-sq0idb-AbCdEfGhIj',
  SQUARE_ACCESS_TOKEN: 'EAAAl-sandbox-token',
  SQUARE_LOCATION_ID: 'L8YHXZ1ABCDEF',
  SQUARE_WEBHOOK_SIGNATURE_KEY: 'sig-key-for-tests',
});

export const FIXTURES = fileURLToPath(new URL('../fixtures/specs/', import.meta.url));
export const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));
export const REPO = fileURLToPath(new URL('../../', import.meta.url));
