/**
 * `uigen-pay validate <spec> [--format text|json] [--mode <NODE_ENV>] [--allow-live]`
 * Exit 0 when clean or only warnings, 1 on any error, 2 on usage errors.
 */
import { formatDiagnostic } from '../../spec/diagnostics.ts';
import { validateSpecFile } from '../../spec/load.ts';
import { parseFlags } from '../args.ts';
import type { CliCommand } from '../command.ts';
import { UsageError } from '../command.ts';

const usage = `Usage: uigen-pay validate <spec> [--format text|json] [--mode <mode>] [--allow-live]

Checks an OpenAPI spec's x-uigen-payments / x-uigen-monetized configuration, resolving \${VAR}s from the
environment and .env files (spec directory, then the current directory; the real environment wins).

  --format text|json   compiler-style lines (default) or {ok, diagnostics}
  --mode <mode>        NODE_ENV to validate for (default: $NODE_ENV or development)
  --allow-live         accept live provider keys outside NODE_ENV=production

Exit codes: 0 valid (warnings allowed), 1 errors found, 2 usage error.`;

export const command: CliCommand = {
  name: 'validate',
  summary: 'check a spec’s payments configuration (exit 1 on errors)',
  usage,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, {
      format: { type: 'string', default: 'text' },
      mode: { type: 'string' },
      'allow-live': { type: 'boolean', default: false },
    });
    if (positionals.length !== 1)
      throw new UsageError(
        positionals.length === 0 ? 'missing <spec> argument' : 'expected exactly one <spec>',
      );
    const format = values.format as string;
    if (format !== 'text' && format !== 'json')
      throw new UsageError(`--format must be text or json (got '${format}')`);
    const mode = values.mode as string | undefined;
    if (mode !== undefined && !/^[A-Za-z0-9_-]+$/.test(mode))
      throw new UsageError('--mode must be a plain word such as production');

    const file = positionals[0];
    const result = await validateSpecFile(file, {
      env: io.env,
      cwd: io.cwd,
      mode,
      allowLive: values['allow-live'] === true,
    });
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    const warnings = result.diagnostics.length - errors.length;
    const ok = errors.length === 0 && result.config !== undefined;

    if (format === 'json') {
      io.out(JSON.stringify({ ok, diagnostics: result.diagnostics }, null, 2));
      return ok ? 0 : 1;
    }
    const missing = result.diagnostics.find((d) => d.code === 'E_FILE_NOT_FOUND');
    if (missing) {
      io.err(`uigen-pay validate: ${missing.message}`);
      return 1;
    }
    for (const d of result.diagnostics) io.out(formatDiagnostic(d));
    const c = result.config;
    const summary = c
      ? `${c.providers.length} provider(s), ${c.products.length} product(s), ${c.monetized.length} monetized operation(s)`
      : `${errors.length} error(s)`;
    io.err(`${file}: ${ok ? 'valid' : 'invalid'} — ${summary}${warnings ? `, ${warnings} warning(s)` : ''}`);
    return ok ? 0 : 1;
  },
};
