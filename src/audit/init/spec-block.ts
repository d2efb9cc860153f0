/**
 * A starter `x-uigen-payments` block for a spec that has none: Stripe in test mode with every secret as a
 * `${VAR}`, one product, the pricing page. YAML keeps its comments and layout (yaml's Document API); JSON is
 * re-serialised.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { isMap, parseDocument, Scalar } from 'yaml';
import { loadSpecDocument } from '../spec-doc.ts';
import type { InitAction } from './types.ts';

export const STARTER_BLOCK = {
  providers: [
    {
      provider: 'stripe',
      mode: 'test',
      currency: 'usd',
      publishableKey: '${STRIPE_PUBLISHABLE_KEY}',
      apiKey: '${STRIPE_SECRET_KEY}',
      webhookSecret: '${STRIPE_WEBHOOK_SECRET}',
    },
  ],
  successUrl: 'http://localhost:4400/payment/success',
  cancelUrl: 'http://localhost:4400/payment/cancel',
  products: [
    {
      id: 'pro-monthly',
      name: 'Pro',
      type: 'subscription',
      price: 2900,
      currency: 'usd',
      interval: 'month',
      features: ['Everything in Free', 'Priority support'],
      plan: 'pro',
    },
  ],
  pricingPage: { enabled: true, source: 'inline' },
  alerts: { sinks: [{ type: 'log' }] },
};

const COMMENT =
  ' Payments (uigen-pay init). Secrets are environment references: set them in .env.local / the environment.\n' +
  ' Before going live: mode live, https success/cancel URLs, and an alert sink besides log.';

export function addStarterBlock(absPath: string, relPath: string): InitAction {
  const spec = loadSpecDocument(absPath, relPath);
  if (spec.parseError)
    return { path: relPath, action: 'skipped', detail: `does not parse (${spec.parseError})` };
  if (spec.payments)
    return { path: relPath, action: 'skipped', detail: 'already has an x-uigen-payments block' };
  const text = readFileSync(absPath, 'utf8');
  if (/\.json$/i.test(absPath)) {
    const json = JSON.parse(text) as Record<string, unknown>;
    writeFileSync(absPath, `${JSON.stringify({ ...json, 'x-uigen-payments': STARTER_BLOCK }, null, 2)}\n`);
  } else {
    const doc = parseDocument(text);
    if (!isMap(doc.contents))
      return { path: relPath, action: 'skipped', detail: 'the document root is not a mapping' };
    const pair = doc.createPair(new Scalar('x-uigen-payments'), STARTER_BLOCK);
    (pair.key as Scalar).commentBefore = COMMENT;
    (doc.contents.items as unknown[]).push(pair);
    writeFileSync(absPath, doc.toString({ lineWidth: 0 }));
  }
  return { path: relPath, action: 'appended', detail: 'starter x-uigen-payments block (Stripe, test mode)' };
}
