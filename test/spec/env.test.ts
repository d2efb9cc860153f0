import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { interpolate, isPureReference, loadDotenv, resolveEnv } from '../../src/spec/env.ts';
import { loadSpec } from '../../src/spec/load.ts';
import { FIXTURES } from './env-fixtures.ts';

describe('interpolate', () => {
  it('substitutes ${VAR} and ${VAR:-default} (default also for empty values, like the shell)', () => {
    const env = { HOST: 'api.example.com', EMPTY: '' };
    expect(interpolate('https://${HOST}/x', env)).toMatchObject({
      ok: true,
      value: 'https://api.example.com/x',
    });
    expect(interpolate('${NOPE:-http://127.0.0.1:4400}/a', env)).toMatchObject({
      ok: true,
      value: 'http://127.0.0.1:4400/a',
    });
    expect(interpolate('${EMPTY:-fallback}', env)).toMatchObject({ ok: true, value: 'fallback' });
    expect(interpolate('?id={CHECKOUT_SESSION_ID}', env)).toMatchObject({
      ok: true,
      value: '?id={CHECKOUT_SESSION_ID}',
    });
  });

  it('lists unset variables instead of substituting nothing silently', () => {
    expect(interpolate('${A}-${B}', { A: 'x' })).toMatchObject({ ok: true, missing: ['B'] });
  });

  it('rejects malformed references', () => {
    expect(interpolate('${1BAD}', {}).ok).toBe(false);
    expect(interpolate('${OPEN', {}).ok).toBe(false);
  });

  it('recognises a pure reference', () => {
    expect(isPureReference('${STRIPE_SECRET_KEY}')).toBe(true);
    expect(isPureReference('x${STRIPE_SECRET_KEY}')).toBe(false);
    expect(isPureReference('${STRIPE_SECRET_KEY:-a}')).toBe(false);
  });
});

describe('.env files', () => {
  it('loads .env < .env.local < .env.<mode> < .env.<mode>.local, and the real environment wins', () => {
    const dir = mkdtempSync(join(tmpdir(), 'uigen-env-'));
    writeFileSync(join(dir, '.env'), 'A=env\nB=env\nC=env\nD=env\nE=env\n');
    writeFileSync(join(dir, '.env.local'), 'B=local\nC=local\nD=local\nE=local\n');
    writeFileSync(join(dir, '.env.production'), 'C=mode\nD=mode\nE=mode\n');
    writeFileSync(join(dir, '.env.production.local'), 'D=modelocal\nE=modelocal\n');
    writeFileSync(join(dir, '.env.development'), 'A=wrong-mode\n');
    expect(loadDotenv(dir, 'production', { E: 'real' })).toEqual({
      A: 'env',
      B: 'local',
      C: 'mode',
      D: 'modelocal',
      E: 'real',
    });
  });

  it('reads the spec directory, then the cwd over it, then the real environment over both', () => {
    const root = mkdtempSync(join(tmpdir(), 'uigen-env-'));
    const specDir = join(root, 'spec');
    mkdirSync(specDir);
    writeFileSync(join(specDir, '.env'), 'X=spec\nY=spec\nZ=spec\n');
    writeFileSync(join(root, '.env'), 'Y=cwd\nZ=cwd\n');
    const env = resolveEnv({ specDir, cwd: root, mode: 'development', env: { Z: 'real' } });
    expect([env.X, env.Y, env.Z]).toEqual(['spec', 'cwd', 'real']);
  });

  it('loadSpec resolves secrets from a .env next to the spec', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'uigen-env-'));
    const { readFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'openapi.yaml'), readFileSync(join(FIXTURES, 'valid.yaml')));
    writeFileSync(
      join(dir, '.env'),
      'STRIPE_SECRET_KEY=sk_test_FromDotenvFile01\nSTRIPE_PUBLISHABLE_KEY=pk_test_FromDotenv01\nSTRIPE_WEBHOOK_SECRET=whsec_FromDotenvFile01\n',
    );
    const { config } = await loadSpec(join(dir, 'openapi.yaml'), { env: {}, cwd: dir });
    expect(config.providers[0]).toMatchObject({ apiKey: 'sk_test_FromDotenvFile01' });
  });
});
