import { describe, expect, it } from 'vitest';
import { check, repo, where } from '../support/audit-check.ts';
import { lineIn } from '../support/fixture-repo.ts';

describe('mode-separation check', () => {
  it('fails a live publishable key in a test-mode provider', async () => {
    const r = repo(['mode-separation/fail']);
    const result = await check(r, 'mode-separation');
    expect(result.verdict).toBe('fail');
    expect(where(result)).toEqual([`openapi.yaml:${lineIn(r, 'openapi.yaml', 'publishableKey:')}`]);
    expect(JSON.stringify(result)).not.toContain(r.tokens.STRIPE_PK_LIVE);
  });

  it('with --env production: a resolved live key under mode test fails, and test mode in production warns', async () => {
    const r = repo(['mode-separation/env-live']);
    const result = await check(r, 'mode-separation', { envMode: 'production' });
    expect(result.verdict).toBe('fail');
    const messages = result.findings.map((f) => `${f.verdict} ${f.message}`);
    expect(messages).toContain('warn providers[0] (stripe) runs in test mode in the production environment');
    expect(messages).toContain(
      'fail providers[0] (stripe).apiKey: ${STRIPE_SECRET_KEY} (from .env.production.local) is a live-mode key but mode is test',
    );
    expect(JSON.stringify(result)).not.toContain(r.tokens.STRIPE_LIVE_KEY);
  });

  it('passes the base spec statically and in development', async () => {
    const r = repo(['mode-separation/env-live']);
    expect((await check(r, 'mode-separation')).verdict).toBe('pass');
    expect((await check(r, 'mode-separation', { envMode: 'development' })).verdict).toBe('pass');
  });
});
