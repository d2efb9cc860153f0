/** Where to point a finding about an environment variable: the file that set it, else `.env.example`. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditContext, Location } from './types.ts';

export function envLocation(ctx: AuditContext, name: string): Location {
  const source = ctx.env?.sources[name];
  if (source && source !== 'environment' && existsSync(join(ctx.dir, source))) {
    const idx = readFileSync(join(ctx.dir, source), 'utf8')
      .split('\n')
      .findIndex((l) => new RegExp(`^\\s*(export\\s+)?${name}\\s*=`).test(l));
    return { file: source, line: idx + 1 || 1 };
  }
  const example = ctx.envExampleFor('.');
  return { file: example?.file ?? '.env.example', line: example?.vars.get(name)?.line ?? 1 };
}
