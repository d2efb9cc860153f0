/** `uigen-pay retention run [--dry-run]`: apply the retention policy now (the server also runs it daily). */
import { cliActor, loadOpsSpec, openOpsStore } from '../../ops/cli-context.ts';
import { runRetention } from '../../ops/retention.ts';
import { DEFAULT_RETENTION } from '../../spec/defaults.ts';
import { parseFlags } from '../args.ts';
import { type CliCommand, UsageError } from '../command.ts';
import { progress } from '../progress.ts';

const usage = `Usage: uigen-pay retention run [--dry-run] [--spec openapi.yaml]

Deletes payment records older than retention.paymentsDays (default 7 years), blanks raw webhook payloads older
than webhookPayloadDays (90; the row stays for duplicate detection), forgets webhook event ids older than
dedupeDays (30; shorter is refused), and deletes the audit-log prefix older than auditLogDays (7 years; a
checkpoint keeps \`audit-log verify\` working). --dry-run only counts. Policy from the spec's
x-uigen-payments.retention; the defaults apply when no spec is given and ./openapi.yaml does not exist.`;

export const command: CliCommand = {
  name: 'retention',
  summary: 'apply the data-retention policy now (retention run [--dry-run])',
  usage,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, {
      'dry-run': { type: 'boolean', default: false },
      spec: { type: 'string' },
      actor: { type: 'string' },
    });
    if (positionals[0] !== 'run' || positionals.length > 1) throw new UsageError('expected `retention run`');
    const config = await loadOpsSpec(io, values.spec, true);
    if (!config) io.err('no spec found; using the default retention policy');
    const retention = config?.retention ?? DEFAULT_RETENTION;
    const dryRun = values['dry-run'] === true;
    const ctx = await openOpsStore(io);
    try {
      let bar: ReturnType<typeof progress> | undefined;
      let shown = 0;
      const counts = await runRetention({
        store: ctx.store,
        retention,
        now: Date.now(),
        dryRun,
        actor: cliActor(io, values.actor),
        onProgress: (done, total) => {
          bar ??= progress(dryRun ? 'counting' : 'pruning', total, io.err, io.isTTY);
          bar.tick(done - shown);
          shown = done;
        },
      });
      bar?.finish();
      const verb = (past: string, base: string) => (dryRun ? `would ${base}` : past);
      io.out(
        `${dryRun ? 'dry run — nothing changed' : 'retention applied'} (policy: payments ${retention.paymentsDays} d, payloads ${retention.webhookPayloadDays} d, dedupe ids ${retention.dedupeDays} d, audit log ${retention.auditLogDays} d)`,
      );
      io.out(`  payment records ${verb('deleted', 'delete')}: ${counts.payments}`);
      io.out(`  webhook payloads ${verb('blanked', 'blank')}: ${counts.webhookPayloads}`);
      io.out(`  webhook dedupe ids ${verb('forgotten', 'forget')}: ${counts.dedupeIds}`);
      io.out(`  audit-log rows ${verb('deleted', 'delete')}: ${counts.auditLog}`);
      return 0;
    } finally {
      await ctx.close();
    }
  },
};
