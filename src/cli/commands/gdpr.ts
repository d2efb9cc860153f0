/** `uigen-pay gdpr delete <userId>` / `gdpr export <userId> [--out file.json]`: GDPR/CCPA erasure and access. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { cliActor, loadOpsSpec, openOpsStore } from '../../ops/cli-context.ts';
import { gdprDelete } from '../../ops/gdpr.ts';
import { gdprExport } from '../../ops/gdpr-export.ts';
import { createProviders } from '../../providers/registry.ts';
import { parseFlags } from '../args.ts';
import { type CliCommand, type CliIO, UsageError } from '../command.ts';

const usage = `Usage: uigen-pay gdpr delete <userId> [--spec openapi.yaml] [--actor <name>]
       uigen-pay gdpr export <userId> [--out file.json]

  delete  cancels the user's subscriptions and deletes the provider customer (through the configured
          adapters, so --spec must configure every provider the user paid with), deletes billing profiles,
          subscriptions, checkouts and review flags, keeps payment records under a keyed pseudonym, and
          records the erasure so late webhooks recreate nothing. Idempotent; audited under the pseudonym.
  export  writes everything held about the user as JSON (stdout, or --out with owner-only permissions).

Environment: DATABASE_URL, UIGEN_ENCRYPTION_KEYS, UIGEN_BLIND_INDEX_KEY, and the spec's \${VARS}.`;

async function runDelete(
  userId: string,
  values: { spec?: string; actor?: string },
  io: CliIO,
): Promise<number> {
  const config = await loadOpsSpec(io, values.spec);
  const ctx = await openOpsStore(io);
  try {
    const providers = await createProviders(config!, ctx.settings, { logger: ctx.logger });
    const r = await gdprDelete(userId, {
      store: ctx.store,
      providers,
      now: Date.now(),
      actor: cliActor(io, values.actor),
      logger: ctx.logger,
      pseudonymKey: ctx.settings.blindIndexKey,
    });
    io.out(
      r.alreadyErased
        ? `user was already erased; re-checked: ${r.customersDeleted} provider customer(s), ${r.subscriptionsRemoved} subscription(s), ${r.paymentsPseudonymized} payment(s) changed`
        : `erased: ${r.customersDeleted} provider customer(s) deleted, ${r.subscriptionsRemoved} subscription(s) removed, ${r.paymentsPseudonymized} payment record(s) pseudonymized`,
    );
    return 0;
  } finally {
    await ctx.close();
  }
}

async function runExport(
  userId: string,
  values: { out?: string; actor?: string },
  io: CliIO,
): Promise<number> {
  const ctx = await openOpsStore(io);
  try {
    const data = await gdprExport(userId, {
      store: ctx.store,
      now: Date.now(),
      actor: cliActor(io, values.actor),
    });
    const text = `${JSON.stringify(data, null, 2)}\n`;
    if (!values.out) {
      io.out(text.trimEnd());
      return 0;
    }
    const file = resolve(io.cwd, values.out);
    writeFileSync(file, text, { mode: 0o600 });
    io.err(`wrote ${file}`);
    return 0;
  } finally {
    await ctx.close();
  }
}

export const command: CliCommand = {
  name: 'gdpr',
  summary: "GDPR/CCPA: erase (gdpr delete) or export (gdpr export) a user's billing data",
  usage,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, {
      spec: { type: 'string' },
      out: { type: 'string' },
      actor: { type: 'string' },
    });
    const [sub, userId, ...extra] = positionals;
    if (!userId || extra.length > 0 || userId.trim() === '')
      throw new UsageError('expected `gdpr delete <userId>` or `gdpr export <userId>`');
    if (sub === 'delete') return runDelete(userId, values, io);
    if (sub === 'export') return runExport(userId, values, io);
    throw new UsageError(`unknown subcommand '${sub ?? ''}'`);
  },
};
