import { describe, expect, it } from 'vitest';
import { weakProtocols } from '../../../src/audit/checks/tls.ts';
import { check, repo, where } from '../support/audit-check.ts';

describe('tls check', () => {
  it('flags nginx ssl_protocols and Caddy protocols below TLS 1.2 at their lines', async () => {
    const result = await check(repo(['tls/fail']), 'tls');
    expect(result.verdict).toBe('fail');
    expect(where(result).sort()).toEqual(['deploy/Caddyfile:3', 'deploy/nginx.conf:5']);
    expect(result.findings.map((f) => f.message).sort()).toEqual([
      'enables TLSv1',
      'enables tls1.1 (minimum)',
    ]);
  });

  it('passes TLS 1.2+ (a commented-out old line does not count)', async () => {
    const result = await check(repo(['tls/pass']), 'tls');
    expect(result.verdict).toBe('pass');
    expect(result.note).toBe('1 server config(s) read');
  });

  it('reads each protocol token', () => {
    expect(weakProtocols('ssl_protocols SSLv3 TLSv1.1 TLSv1.2;')).toEqual(['SSLv3', 'TLSv1.1']);
    expect(weakProtocols('  ssl_protocols TLSv1.2 TLSv1.3;')).toEqual([]);
    expect(weakProtocols('protocols tls1.2 tls1.3')).toEqual([]);
  });
});
