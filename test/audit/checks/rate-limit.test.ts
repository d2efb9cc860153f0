import { describe, expect, it } from 'vitest';
import { check, repo, where } from '../support/audit-check.ts';
import { lineIn } from '../support/fixture-repo.ts';

describe('rate-limit check', () => {
  it('fails a disabled or zero limit', async () => {
    const r = repo(['rate-limit/fail']);
    const result = await check(r, 'rate-limit');
    expect(result.verdict).toBe('fail');
    expect(where(result)).toEqual([
      `openapi.yaml:${lineIn(r, 'openapi.yaml', 'enabled: false')}`,
      `openapi.yaml:${lineIn(r, 'openapi.yaml', 'checkoutPerMinute: 0')}`,
    ]);
  });

  it('warns on an absurd checkout limit', async () => {
    const result = await check(repo(['rate-limit/warn']), 'rate-limit');
    expect(result.verdict).toBe('warn');
    expect(result.findings[0].message).toContain('checkoutPerMinute is 500/min');
  });

  it('passes sane limits', async () => {
    expect((await check(repo([]), 'rate-limit')).verdict).toBe('pass');
  });
});
