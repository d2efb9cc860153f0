import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check, repo, where } from '../support/audit-check.ts';
import { lineIn } from '../support/fixture-repo.ts';

describe('secrets check', () => {
  it('fails on committed provider secrets and private keys, pointing at file:line, never printing the key', async () => {
    const r = repo(['secrets/fail']);
    const result = await check(r, 'secrets');
    expect(result.verdict).toBe('fail');
    expect(where(result)).toEqual(
      expect.arrayContaining([
        'certs/signing.txt:1',
        'config/paypal.yml:3',
        'scripts/square.sh:2',
        `src/config.ts:${lineIn(r, 'src/config.ts', 'stripeKey')}`,
      ]),
    );
    const text = JSON.stringify(result);
    for (const secret of [r.tokens.STRIPE_LIVE_KEY, r.tokens.SQUARE_TOKEN, r.tokens.PAYPAL_SECRET]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(secret.slice(8, 20));
    }
    expect(text).not.toContain(r.tokens.PRIVATE_KEY.split('\n')[1]);
    expect(text).toContain(`sk_live_…${r.tokens.STRIPE_LIVE_KEY.slice(-4)}`);
  });

  it('warns (not fails) on a committed test-mode key', async () => {
    const result = await check(repo(['secrets/warn']), 'secrets');
    expect(result.verdict).toBe('warn');
    expect(where(result)).toEqual(['tests/setup.ts:2']);
  });

  it('passes placeholders, a PEM header quoted in docs and a line marked uigen-audit:allow', async () => {
    const result = await check(repo(['secrets/pass']), 'secrets');
    expect(result.findings).toEqual([]);
    expect(result.verdict).toBe('pass');
  });

  it('scans untracked files git would commit, but not ignored ones', async () => {
    const r = repo([]);
    writeFileSync(join(r.dir, 'notes.txt'), `key ${r.tokens.STRIPE_LIVE_KEY}\n`);
    writeFileSync(join(r.dir, '.env.local'), `STRIPE_SECRET_KEY=${r.tokens.STRIPE_LIVE_KEY}\n`);
    const result = await check(r, 'secrets');
    expect(where(result)).toEqual(['notes.txt:1']);
  });

  it('finds a key removed from the tree only with --history, naming the commit', async () => {
    const r = repo(['secrets/fail']);
    r.git('rm', '-q', 'src/config.ts', 'config/paypal.yml', 'certs/signing.txt', 'scripts/square.sh');
    r.git('commit', '-q', '-m', 'remove keys');
    expect((await check(r, 'secrets')).verdict).toBe('pass');
    const result = await check(r, 'secrets', { history: true });
    expect(result.verdict).toBe('fail');
    expect(where(result)).toContain('src/config.ts:2');
    expect(result.findings.find((f) => f.location.file === 'src/config.ts')?.message).toMatch(
      /in history \(commit [0-9a-f]{12}\)/,
    );
    expect(JSON.stringify(result)).not.toContain(r.tokens.STRIPE_LIVE_KEY);
  });
});
