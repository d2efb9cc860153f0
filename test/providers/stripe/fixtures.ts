/** Loads Stripe webhook fixtures (test/fixtures/webhooks/stripe/<event.type>.json) as raw text. */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const STRIPE_FIXTURE_DIR = fileURLToPath(new URL('../../fixtures/webhooks/stripe/', import.meta.url));

export function stripeFixture(type: string): string {
  return readFileSync(`${STRIPE_FIXTURE_DIR}${type}.json`, 'utf8');
}

/** Every full (v1 snapshot) event fixture, by event type. */
export function allStripeFixtures(): string[] {
  return readdirSync(STRIPE_FIXTURE_DIR)
    .filter((f) => f.endsWith('.json') && !f.endsWith('.thin.json'))
    .map((f) => f.slice(0, -'.json'.length));
}
