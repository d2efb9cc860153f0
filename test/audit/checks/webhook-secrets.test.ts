import { describe, expect, it } from 'vitest';
import { check, repo, where } from '../support/audit-check.ts';
import { lineIn } from '../support/fixture-repo.ts';

describe('webhook-secrets check', () => {
  it('fails a provider without its webhook secret and a Square provider without webhookUrl', async () => {
    const r = repo(['webhook-secrets/fail']);
    const result = await check(r, 'webhook-secrets');
    expect(result.verdict).toBe('fail');
    expect(result.findings.map((f) => f.message)).toEqual([
      'providers[0] (stripe).webhookSecret is not configured: webhooks cannot be verified',
      'providers[1] (square).webhookUrl is required: Square signs over it',
    ]);
    expect(where(result)[1]).toBe(`openapi.yaml:${lineIn(r, 'openapi.yaml', '- provider: square')}`);
  });

  it('with --env: an unset or malformed Stripe signing secret fails; a whsec_ list passes', async () => {
    const r = repo([]);
    const unset = await check(r, 'webhook-secrets', { envMode: 'production' });
    expect(unset.findings[0].message).toContain(
      '${STRIPE_WEBHOOK_SECRET} is not set in the production environment',
    );
    const bad = await check(r, 'webhook-secrets', {
      envMode: 'production',
      processEnv: { STRIPE_WEBHOOK_SECRET: 'whsec_a,nope' },
    });
    expect(bad.findings[0].message).toContain('does not look like a Stripe signing secret');
    const ok = await check(r, 'webhook-secrets', {
      envMode: 'production',
      processEnv: { STRIPE_WEBHOOK_SECRET: `${r.tokens.WHSEC},${r.tokens.WHSEC}x` },
    });
    expect(ok.verdict).toBe('pass');
  });
});
