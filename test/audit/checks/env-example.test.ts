import { describe, expect, it } from 'vitest';
import { check, repo, where } from '../support/audit-check.ts';

describe('env-example check', () => {
  it('fails on real values, naming the variable and line without printing the value', async () => {
    const r = repo(['env-example/fail']);
    const result = await check(r, 'env-example');
    expect(result.verdict).toBe('fail');
    expect(where(result)).toEqual(['.env.example:2', '.env.example:6']);
    expect(result.findings[0].message).toMatch(/^STRIPE_SECRET_KEY holds a real-looking/);
    expect(result.findings[1].message).toBe('UIGEN_BLIND_INDEX_KEY holds a value, not a placeholder');
    const text = JSON.stringify(result);
    expect(text).not.toContain(r.tokens.STRIPE_LIVE_KEY);
    expect(text).not.toContain(r.tokens.BLIND_KEY);
  });

  it('fails when there is no .env.example', async () => {
    const result = await check(repo(['env-example/missing']), 'env-example');
    expect(result.verdict).toBe('fail');
    expect(where(result)).toEqual(['.env.example:1']);
  });

  it('passes placeholders and empty values', async () => {
    const result = await check(repo([]), 'env-example');
    expect(result.findings).toEqual([]);
  });
});
