import { describe, expect, it } from 'vitest';
import { check, repo, where } from '../support/audit-check.ts';
import { lineIn } from '../support/fixture-repo.ts';

describe('spec-valid check', () => {
  it('reports the validator’s errors at the spec line', async () => {
    const r = repo(['spec-valid/fail']);
    const result = await check(r, 'spec-valid');
    expect(result.verdict).toBe('fail');
    expect(where(result)).toContain(`openapi.yaml:${lineIn(r, 'openapi.yaml', 'price: -5')}`);
  });

  it('fails a spec without an x-uigen-payments block', async () => {
    const result = await check(repo(['spec-valid/no-block']), 'spec-valid');
    expect(result.verdict).toBe('fail');
    expect(result.findings[0].message).toBe('has no x-uigen-payments block');
  });

  it('passes a valid spec statically (unset variables are not failures) but fails them with --env', async () => {
    const r = repo([]);
    expect((await check(r, 'spec-valid')).verdict).toBe('pass');
    const withEnv = await check(r, 'spec-valid', { envMode: 'production' });
    expect(withEnv.verdict).toBe('fail');
    expect(withEnv.findings.map((f) => f.message.split(' ')[0])).toContain('E_ENV_MISSING');
  });

  it('warns when no spec can be found', async () => {
    const result = await check(repo(['spec-valid/no-spec'], {}), 'spec-valid');
    expect(result.verdict).toBe('warn');
  });
});
