import { describe, expect, it } from 'vitest';
import { check, repo, where } from '../support/audit-check.ts';
import { lineIn } from '../support/fixture-repo.ts';

describe('spec-env-refs check', () => {
  it('fails a literal secret (value not shown) and a variable missing from .env.example', async () => {
    const r = repo(['spec-env-refs/fail']);
    const result = await check(r, 'spec-env-refs');
    expect(result.verdict).toBe('fail');
    expect(where(result)).toEqual([
      `openapi.yaml:${lineIn(r, 'openapi.yaml', 'apiKey:')}`,
      `openapi.yaml:${lineIn(r, 'openapi.yaml', 'endpoint: ${PRICING_ENDPOINT}')}`,
    ]);
    expect(result.findings[0].message).toContain('providers[0].apiKey is a literal value');
    expect(JSON.stringify(result)).not.toContain('not-a-reference-but-a-literal-value');
    expect(result.findings[1].message).toBe('${PRICING_ENDPOINT} is not listed in .env.example');
  });

  it('passes when every secret is a reference listed in .env.example', async () => {
    expect((await check(repo([]), 'spec-env-refs')).findings).toEqual([]);
  });
});
