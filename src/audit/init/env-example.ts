/** `.env.example`: a placeholder for every `${VAR}` the spec references, plus the server's own settings. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnvExample } from '../env-files.ts';
import type { InitAction } from './types.ts';

const TEMPLATE = new URL('../templates/env.example', import.meta.url);

/** A placeholder that reads as one (and that the audit's env-example check accepts as one). */
export function placeholderFor(name: string): string {
  if (/PUBLISHABLE/.test(name)) return 'pk_test_your_key_here';
  if (/STRIPE.*(SECRET|API)_KEY|STRIPE_KEY/.test(name)) return 'sk_test_your_key_here';
  if (/STRIPE.*WEBHOOK/.test(name)) return 'whsec_your_secret_here';
  if (/_URL$/.test(name)) return 'https://example.com/replace_me';
  return 'your_value_here';
}

export function writeEnvExample(dir: string, specVars: string[], force: boolean): InitAction {
  const path = join(dir, '.env.example');
  const template = readFileSync(TEMPLATE, 'utf8');
  const specBlock = specVars.length
    ? `\n# Referenced by the spec\n${specVars.map((n) => `${n}=${placeholderFor(n)}`).join('\n')}\n`
    : '';
  if (!existsSync(path) || force) {
    writeFileSync(path, `${template}${specBlock}`);
    return {
      path: '.env.example',
      action: 'wrote',
      detail: `${specVars.length} spec variable(s) + server settings`,
    };
  }
  // Never rewrite someone's file: add only the variables it lacks.
  const have = parseEnvExample('.env.example', readFileSync(path, 'utf8')).vars;
  const wanted = [...parseEnvExample('', template).vars.keys(), ...specVars].filter((n) => !have.has(n));
  if (wanted.length === 0)
    return { path: '.env.example', action: 'skipped', detail: 'already lists every variable' };
  const fromTemplate = parseEnvExample('', template).vars;
  const lines = wanted.map((n) => `${n}=${fromTemplate.get(n)?.value ?? placeholderFor(n)}`);
  const existing = readFileSync(path, 'utf8');
  writeFileSync(
    path,
    `${existing}${existing.endsWith('\n') || existing === '' ? '' : '\n'}\n# Added by uigen-pay init\n${lines.join('\n')}\n`,
  );
  return { path: '.env.example', action: 'appended', detail: wanted.join(', ') };
}
