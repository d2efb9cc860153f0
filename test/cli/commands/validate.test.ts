import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.ts';
import { TEST_ENV } from '../../spec/env-fixtures.ts';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

async function run(args: string[], env: Record<string, string> = { ...TEST_ENV }) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['validate', ...args], {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    isTTY: false,
    env,
    cwd: REPO,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('uigen-pay validate', () => {
  it('exit 0 and a one-line summary for a clean spec', async () => {
    const r = await run(['examples/saas/openapi.yaml']);
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    expect(r.err).toContain(
      'examples/saas/openapi.yaml: valid — 1 provider(s), 5 product(s), 2 monetized operation(s)',
    );
  });

  it('exit 0 with warnings only, printed compiler-style', async () => {
    const r = await run(['test/fixtures/specs/mode-alias.yaml']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      "test/fixtures/specs/mode-alias.yaml:9:13 warning W_MODE_ALIAS providers[0].mode 'sandbox' is read as 'test'; write 'test'",
    );
  });

  it('exit 1 with file:line:col severity CODE path message, never the secret', async () => {
    const r = await run(['test/fixtures/specs/literal-secret.yaml']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(
      /^test\/fixtures\/specs\/literal-secret\.yaml:12:15 error E_LITERAL_SECRET providers\[0\]\.apiKey .*sk_live_…/,
    );
    expect(r.out).not.toContain('sk_live_51Hx');
    expect(r.err).toContain('invalid');
  });

  it('--format json prints {ok, diagnostics}', async () => {
    const bad = await run(['test/fixtures/specs/url-insecure.yaml', '--format', 'json']);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.out)).toEqual({
      ok: false,
      diagnostics: [
        expect.objectContaining({
          code: 'E_URL_INSECURE',
          pointer: '/x-uigen-payments/successUrl',
          line: 15,
        }),
      ],
    });
    const good = await run(['--format=json', 'examples/saas/openapi.yaml']);
    expect(JSON.parse(good.out)).toEqual({ ok: true, diagnostics: [] });
  });

  it('--mode production and --allow-live decide whether live keys pass', async () => {
    const env = {
      ...TEST_ENV,
      STRIPE_SECRET_KEY: 'sk_live_51AbCdEfGhIjKlMnOp',
      STRIPE_PUBLISHABLE_KEY: 'pk_live_51AbCdEfGhIjKl',
    };
    const file = 'test/fixtures/specs/live-mode-not-production.yaml';
    expect((await run([file], env)).code).toBe(1);
    expect((await run([file, '--allow-live'], env)).code).toBe(0);
    expect((await run([file, '--mode', 'production'], env)).code).toBe(0);
  });

  it('a missing spec file is exit 1 with one clear line', async () => {
    const r = await run(['nope/openapi.yaml']);
    expect(r).toEqual({
      code: 1,
      out: '',
      err: 'uigen-pay validate: spec file not found: nope/openapi.yaml',
    });
  });

  it.each([[[]], [['a.yaml', 'b.yaml']], [['--format', 'xml', 'a.yaml']], [['--bogus', 'a.yaml']]])(
    'usage errors exit 2: %j',
    async (args) => {
      expect((await run(args)).code).toBe(2);
    },
  );

  it('the real binary exits 1 on a bad spec and 0 on a good one', () => {
    const bin = fileURLToPath(new URL('../../../bin/uigen-pay.js', import.meta.url));
    const opts = {
      cwd: REPO,
      env: { PATH: process.env.PATH, ...TEST_ENV },
      encoding: 'utf8' as const,
      timeout: 60_000,
    };
    const bad = spawnSync(process.execPath, [bin, 'validate', 'test/fixtures/specs/plan-unknown.yaml'], opts);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('error E_PLAN_UNKNOWN');
    expect(bad.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
    const good = spawnSync(process.execPath, [bin, 'validate', 'examples/paypal/openapi.yaml'], opts);
    expect(good.status).toBe(0);
  });
});
