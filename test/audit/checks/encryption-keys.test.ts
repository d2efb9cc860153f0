import { describe, expect, it } from 'vitest';
import { keyProblem } from '../../../src/audit/checks/encryption-keys.ts';
import { check, repo, where } from '../support/audit-check.ts';

describe('encryption-keys check', () => {
  it('fails statically when .env.example does not declare the keys', async () => {
    const result = await check(repo(['encryption-keys/fail']), 'encryption-keys');
    expect(result.verdict).toBe('fail');
    expect(result.findings.map((f) => f.message)).toEqual([
      'UIGEN_ENCRYPTION_KEYS is not listed',
      'UIGEN_BLIND_INDEX_KEY is not listed',
    ]);
  });

  it('with --env: short and placeholder keys fail, pointing at the env file that set them', async () => {
    const result = await check(repo(['encryption-keys/env-weak']), 'encryption-keys', {
      envMode: 'production',
    });
    expect(result.verdict).toBe('fail');
    expect(result.findings.map((f) => f.message)).toEqual([
      "UIGEN_ENCRYPTION_KEYS key 'k1' decodes to 5 bytes, not 32",
      'UIGEN_BLIND_INDEX_KEY looks like a placeholder, not a random key',
    ]);
    expect(where(result)).toEqual(['.env.production.local:1', '.env.production.local:2']);
  });

  it('with --env: a missing key fails; a reused key fails; 32 random bytes pass', async () => {
    const missing = await check(repo([]), 'encryption-keys', { envMode: 'production' });
    expect(missing.findings.map((f) => f.message)).toContain(
      'UIGEN_ENCRYPTION_KEYS is not set in the production environment',
    );
    const reused = await check(repo(['encryption-keys/env-strong']), 'encryption-keys', {
      envMode: 'production',
    });
    expect(reused.findings.map((f) => f.message)).toEqual([
      'UIGEN_BLIND_INDEX_KEY reuses an encryption key; use a separate key',
    ]);
    const r = repo([]);
    const ok = await check(r, 'encryption-keys', {
      envMode: 'production',
      processEnv: {
        UIGEN_ENCRYPTION_KEYS: `k1:${r.tokens.ENC_KEY}`,
        UIGEN_BLIND_INDEX_KEY: r.tokens.BLIND_KEY,
      },
    });
    expect(ok.verdict).toBe('pass');
  });

  it('judges a key by its decoded length and randomness', () => {
    expect(keyProblem('not base64!')).toBe('is not base64');
    expect(keyProblem(Buffer.alloc(32, 7).toString('base64'))).toBe(
      'looks like a placeholder, not a random key',
    );
  });
});
