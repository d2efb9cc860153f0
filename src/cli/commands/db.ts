/** `uigen-pay db migrate|status`: apply or inspect the schema migrations of the configured database. */
import { silentLogger } from '../../log.ts';
import { openStoreFromEnvironment } from '../../store/from-env.ts';
import { type CliCommand, UsageError } from '../command.ts';

export const command: CliCommand = {
  name: 'db',
  summary: 'apply database migrations (db migrate) or show their state (db status)',
  usage: `Usage: uigen-pay db migrate | db status

  migrate   apply pending migrations to DATABASE_URL (sqlite:<path> or postgres://…); re-running is a no-op.
            A database migrated by a newer uigen-payments is refused.
  status    applied / known migrations; exit 1 when migrations are pending.

Reads DATABASE_URL, UIGEN_ENCRYPTION_KEYS and UIGEN_BLIND_INDEX_KEY from the environment and .env files.`,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub !== 'migrate' && sub !== 'status') throw new UsageError('expected `db migrate` or `db status`');
    if (rest.length > 0) throw new UsageError(`unexpected argument '${rest[0]}'`);
    const { store } = await openStoreFromEnvironment({ env: io.env, cwd: io.cwd, logger: silentLogger() });
    try {
      if (sub === 'status') {
        const s = await store.migrationStatus();
        io.out(
          `${store.dialect}: ${s.applied} of ${s.known} migrations applied${s.current ? ' (up to date)' : ' — run `uigen-pay db migrate`'}`,
        );
        return s.current ? 0 : 1;
      }
      const { applied } = await store.migrate();
      for (const name of applied) io.out(`applied ${name}`);
      const s = await store.migrationStatus();
      io.out(
        applied.length === 0
          ? `${store.dialect}: schema is up to date (${s.applied} migrations)`
          : `${store.dialect}: ${applied.length} migration(s) applied, ${s.applied} in total`,
      );
      return 0;
    } finally {
      await store.close();
    }
  },
};
