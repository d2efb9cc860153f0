import type { CliCommand, CliIO } from './command.ts';
import { UsageError } from './command.ts';

/** Verbs → lazy loaders, so `uigen-pay validate` never loads the server, SDKs or native modules. */
const COMMANDS: Record<string, () => Promise<{ command: CliCommand }>> = {
  validate: () => import('./commands/validate.ts'),
  serve: () => import('./commands/serve.ts'),
  dev: () => import('./commands/dev.ts'),
  worker: () => import('./commands/worker.ts'),
  audit: () => import('./commands/audit.ts'),
  init: () => import('./commands/init.ts'),
  gdpr: () => import('./commands/gdpr.ts'),
  retention: () => import('./commands/retention.ts'),
  keys: () => import('./commands/keys.ts'),
  'audit-log': () => import('./commands/audit-log.ts'),
  webhooks: () => import('./commands/webhooks.ts'),
  db: () => import('./commands/db.ts'),
  flags: () => import('./commands/flags.ts'),
  sandbox: () => import('./commands/sandbox.ts'),
};

function defaultIO(): CliIO {
  return {
    out: (l) => process.stdout.write(`${l}\n`),
    err: (l) => process.stderr.write(`${l}\n`),
    isTTY: Boolean(process.stderr.isTTY),
    env: process.env,
    cwd: process.cwd(),
  };
}

async function loadAll(): Promise<CliCommand[]> {
  const out: CliCommand[] = [];
  for (const load of Object.values(COMMANDS)) {
    try {
      out.push((await load()).command);
    } catch {
      // A verb whose module is missing is simply not listed.
    }
  }
  return out;
}

export async function main(argv: string[], io: CliIO = defaultIO()): Promise<number> {
  const [verb, ...rest] = argv;
  if (!verb || verb === '--help' || verb === '-h' || verb === 'help') {
    const cmds = await loadAll();
    io.out('uigen-pay — secure payments for OpenAPI apps (x-uigen-payments)\n');
    io.out('Usage: uigen-pay <command> [options]\n\nCommands:');
    for (const c of cmds) io.out(`  ${c.name.padEnd(12)} ${c.summary}`);
    io.out('\nRun `uigen-pay <command> --help` for a command\'s options. Exit codes: 0 ok, 1 failed, 2 usage.');
    return verb ? 0 : 2;
  }
  if (verb === '--version' || verb === '-v') {
    const { readFileSync } = await import('node:fs');
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    io.out(pkg.version);
    return 0;
  }
  const load = Object.hasOwn(COMMANDS, verb) ? COMMANDS[verb] : undefined;
  if (!load) {
    io.err(`uigen-pay: unknown command '${verb}'. Run 'uigen-pay --help' for the list.`);
    return 2;
  }
  let command: CliCommand;
  try {
    command = (await load()).command;
  } catch (err) {
    io.err(`uigen-pay: command '${verb}' is not available in this build (${(err as Error).message.split('\n')[0]})`);
    return 1;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.usage);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`uigen-pay ${verb}: ${err.message}`);
      io.err(command.usage);
      return 2;
    }
    const { PaymentsError, ConfigError } = await import('../errors.ts');
    if (err instanceof ConfigError) {
      const { formatDiagnostic } = await import('../spec/diagnostics.ts');
      for (const d of err.diagnostics) io.err(formatDiagnostic(d));
      io.err(`uigen-pay ${verb}: ${err.message}`);
      return 1;
    }
    if (err instanceof PaymentsError) {
      io.err(`uigen-pay ${verb}: ${err.message} (${err.code})`);
      return 1;
    }
    io.err(`uigen-pay ${verb}: ${(err as Error)?.message ?? String(err)}`);
    return 1;
  }
}
