import { describe, expect, it } from 'vitest';
import { check, repo, where } from '../support/audit-check.ts';
import { lineIn } from '../support/fixture-repo.ts';

describe('https check', () => {
  it('fails plain http to a real host and a URL with credentials (without printing it)', async () => {
    const r = repo(['https/fail']);
    const result = await check(r, 'https');
    expect(result.verdict).toBe('fail');
    expect(where(result)).toEqual([
      `openapi.yaml:${lineIn(r, 'openapi.yaml', 'successUrl:')}`,
      `openapi.yaml:${lineIn(r, 'openapi.yaml', 'cancelUrl:')}`,
    ]);
    expect(result.findings[0].message).toContain('E_URL_INSECURE');
    expect(result.findings[1].message).toContain('E_URL_USERINFO');
    expect(JSON.stringify(result)).not.toContain('user:pw');
  });

  it('fails http://localhost when a provider is live', async () => {
    const r = repo(['https/live-localhost']);
    const result = await check(r, 'https');
    expect(where(result)).toEqual([`openapi.yaml:${lineIn(r, 'openapi.yaml', 'successUrl:')}`]);
  });

  it('allows http://localhost in test mode statically, refuses it with --env production, resolves ${VAR} URLs', async () => {
    const r = repo(['https/dev-localhost']);
    const statically = await check(r, 'https');
    expect(statically.verdict).toBe('pass');
    expect(statically.note).toContain('2 ${VAR} URL(s) not resolved'); // cancelUrl and the Slack sink
    const prod = await check(r, 'https', {
      envMode: 'production',
      processEnv: { APP_URL: 'http://app.example.com' },
    });
    expect(prod.findings.map((f) => f.location.line)).toEqual([
      lineIn(r, 'openapi.yaml', 'successUrl:'),
      lineIn(r, 'openapi.yaml', 'cancelUrl:'),
    ]);
    const fixed = await check(r, 'https', {
      envMode: 'development',
      processEnv: { APP_URL: 'https://app.example.com' },
    });
    expect(fixed.verdict).toBe('pass');
  });
});
