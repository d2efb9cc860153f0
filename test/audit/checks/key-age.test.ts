import { describe, expect, it } from 'vitest';
import { check, repo, where } from '../support/audit-check.ts';

describe('key-age check', () => {
  it('warns when the recorded encryption key is older than 90 days', async () => {
    const result = await check(repo(['key-age/old']), 'key-age');
    expect(result.verdict).toBe('warn');
    expect(result.findings[0].message).toBe("encryption key 'k1' is 200 days old");
    expect(where(result)).toEqual(['.uigen/keys.json:1']);
  });

  it('warns when no creation date is recorded', async () => {
    const result = await check(repo(['key-age/missing']), 'key-age');
    expect(result.verdict).toBe('warn');
    expect(result.findings[0].message).toContain('no record');
  });

  it('passes a fresh record; with --env reads UIGEN_KEYS_CREATED_AT for the provider keys', async () => {
    const r = repo([]);
    expect((await check(r, 'key-age')).verdict).toBe('pass');
    const old = await check(r, 'key-age', {
      envMode: 'production',
      processEnv: { UIGEN_KEYS_CREATED_AT: '2020-01-01' },
    });
    expect(old.findings[0].message).toMatch(/^provider API keys are \d+ days old$/);
    const now = new Date('2026-06-01T00:00:00Z');
    const fresh = await check(r, 'key-age', {
      now,
      envMode: 'production',
      processEnv: { UIGEN_KEYS_CREATED_AT: '2026-05-01' },
    });
    expect(fresh.findings.filter((f) => f.message.startsWith('provider'))).toEqual([]);
  });
});
