/** `uigen-pay init`: writes what the security checklist expects (see audit/init/). */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { runInit } from '../../audit/init/index.ts';
import { parseFlags } from '../args.ts';
import { type CliCommand, UsageError } from '../command.ts';

export const command: CliCommand = {
  name: 'init',
  summary: 'write .env.example, .gitignore lines, INCIDENT_RESPONSE.md and local keys',
  usage: `Usage: uigen-pay init [dir] [--spec path] [--force]

In the target directory (default: the current one):
  .gitignore             appends the lines it lacks (.env, .env.local, .env.*.local, *.key, *.pem, .uigen/)
  .env.example           placeholders for every \${VAR} the spec references + the UIGEN_* server settings
                         (an existing file only gets the missing variables)
  INCIDENT_RESPONSE.md   plan template: detect, contain (which keys to revoke, per provider), investigate,
                         notify, recover, learn
  .env.local             generated UIGEN_ENCRYPTION_KEYS (k1:base64 32 bytes) and UIGEN_BLIND_INDEX_KEY
  .uigen/keys.json       key creation dates (audited for age)
  the spec               a starter x-uigen-payments block when it has none (--spec, default: discovered)

Never overwrites a file without --force; existing keys are kept even with --force (use \`uigen-pay keys rotate\`).
Then run \`uigen-pay audit\`.`,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, {
      spec: { type: 'string' },
      force: { type: 'boolean', default: false },
    });
    if (positionals.length > 1) throw new UsageError('expected at most one directory');
    const dir = resolve(io.cwd, positionals[0] ?? '.');
    if (!existsSync(dir) || !statSync(dir).isDirectory())
      throw new UsageError(`not a directory: ${positionals[0]}`);
    const spec = values.spec ? resolve(io.cwd, values.spec) : undefined;
    if (spec && !existsSync(spec)) throw new UsageError(`spec not found: ${values.spec}`);
    const actions = runInit({ dir, spec, force: values.force });
    const width = Math.max(...actions.map((a) => a.path.length));
    for (const a of actions) io.out(`${a.action.padEnd(8)} ${a.path.padEnd(width)}  ${a.detail}`);
    io.out(
      '\nNext: fill in .env.local, commit .gitignore, .env.example and INCIDENT_RESPONSE.md, then run `uigen-pay audit`.',
    );
    return 0;
  },
};
