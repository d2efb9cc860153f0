/** `uigen-pay audit [dir]`: the seed guide's compliance checklist as automated checks. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CHECKS } from '../../audit/checks/index.ts';
import { formatJson } from '../../audit/report/json.ts';
import { formatSarif } from '../../audit/report/sarif.ts';
import { formatText } from '../../audit/report/text.ts';
import { exitCodeFor, runAudit } from '../../audit/run.ts';
import { parseFlags } from '../args.ts';
import { type CliCommand, type CliIO, UsageError } from '../command.ts';
import { progress } from '../progress.ts';

const FORMATS = ['text', 'json', 'sarif'] as const;

/** A progress bar on stderr for large trees only: small repositories finish before it would help. */
function scanProgress(io: CliIO): (done: number, total: number) => void {
  let bar: ReturnType<typeof progress> | undefined;
  let last = 0;
  return (done, total) => {
    if (total < PROGRESS_MIN_FILES) return;
    bar ??= progress('audit: scanning files', total, io.err, io.isTTY);
    if (done >= total) bar.finish();
    else bar.tick(done - last);
    last = done;
  };
}

const PROGRESS_MIN_FILES = 5000;

export const command: CliCommand = {
  name: 'audit',
  summary: 'check the repository against the payments security checklist',
  usage: `Usage: uigen-pay audit [dir] [options]

Checks the repository (default: the current directory) against the security guide's compliance checklist:
committed secrets, .gitignore coverage, .env.example, the spec (validation, \${VAR} secrets, test/live
separation, webhook secrets, HTTPS, card-data fields, rate limits, retention, alert sinks), encryption keys,
key age, TLS in nginx/Caddy configs and the incident response plan.

Options:
  --spec <path>        spec to audit (repeatable; default: openapi.*/swagger.* outside test folders)
  --format <f>         text (default) | json | sarif
  --env <mode>         also resolve the environment (process env + .env, .env.local, .env.<mode>, .env.<mode>.local)
                       and check the values (keys present and strong, prefixes match the mode, https)
  --history            also scan git history (git log -p, bounded)
  --strict             warnings fail too
  --exclude <glob>     leave matching files out of the file scans (repeatable)
  --incident-plan <p>  incident response plan path (default INCIDENT_RESPONSE.md)
  --check <id>         run only this check (repeatable)
  --output <file>      write the report to a file instead of stdout

Settings may also live in .uigen-audit.json: {"specs": [...], "exclude": [...], "incidentPlan": "..."}.
Exit codes: 0 no failed check, 1 a check failed (or warned, with --strict), 2 usage error.`,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, {
      spec: { type: 'string', multiple: true },
      format: { type: 'string', default: 'text' },
      env: { type: 'string' },
      history: { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false },
      exclude: { type: 'string', multiple: true },
      'incident-plan': { type: 'string' },
      check: { type: 'string', multiple: true },
      output: { type: 'string' },
    });
    if (positionals.length > 1) throw new UsageError('expected at most one directory');
    const format = values.format as (typeof FORMATS)[number];
    if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
    if (values.env !== undefined && !/^[A-Za-z0-9_-]+$/.test(values.env))
      throw new UsageError('--env takes a mode name, e.g. production');
    const unknown = (values.check ?? []).filter((id) => !CHECKS.some((c) => c.id === id));
    if (unknown.length > 0)
      throw new UsageError(
        `unknown check: ${unknown.join(', ')} (known: ${CHECKS.map((c) => c.id).join(', ')})`,
      );
    const dir = resolve(io.cwd, positionals[0] ?? '.');
    const report = await runAudit({
      dir,
      specs: values.spec?.map((s) => resolve(io.cwd, s)),
      exclude: values.exclude,
      history: values.history,
      envMode: values.env,
      processEnv: io.env,
      incidentPlan: values['incident-plan'],
      only: values.check,
      onProgress: scanProgress(io),
    });
    const version = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'))
      .version as string;
    const text =
      format === 'json'
        ? formatJson(report)
        : format === 'sarif'
          ? formatSarif(report, version)
          : formatText(report);
    if (values.output) {
      const { writeFileSync } = await import('node:fs');
      writeFileSync(resolve(io.cwd, values.output), `${text}\n`);
      io.err(
        `audit: report written to ${values.output} (${report.counts.fail} failed, ${report.counts.warn} warned)`,
      );
    } else {
      io.out(text);
    }
    return exitCodeFor(report, values.strict);
  },
};
