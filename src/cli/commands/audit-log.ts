/** `uigen-pay audit-log verify`: walk the hash chain and name the first row that does not match. */
import { silentLogger } from '../../log.ts';
import { openStoreFromEnvironment } from '../../store/from-env.ts';
import { parseFlags } from '../args.ts';
import { type CliCommand, UsageError } from '../command.ts';

export const command: CliCommand = {
  name: 'audit-log',
  summary: 'verify the tamper-evident audit log (audit-log verify)',
  usage: `Usage: uigen-pay audit-log verify [--json]

Recomputes every audit row's hash and its link to the previous row. Exit 0 when the chain is intact,
1 when a row was changed, removed or re-linked (the first broken row id is printed).`,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { json: { type: 'boolean', default: false } });
    if (positionals[0] !== 'verify' || positionals.length > 1)
      throw new UsageError('expected `audit-log verify`');
    const { store } = await openStoreFromEnvironment({ env: io.env, cwd: io.cwd, logger: silentLogger() });
    try {
      const status = await store.migrationStatus();
      if (!status.current) {
        io.err('uigen-pay audit-log: the database is not migrated (run `uigen-pay db migrate`)');
        return 1;
      }
      const result = await store.audit.verify();
      if (values.json) io.out(JSON.stringify(result));
      else if (result.ok) io.out(`audit log intact: ${result.checked} row(s) verified`);
      else
        io.out(
          `audit log BROKEN at row ${result.brokenAt}: ${result.reason} (${result.checked} row(s) before it verified)`,
        );
      return result.ok ? 0 : 1;
    } finally {
      await store.close();
    }
  },
};
