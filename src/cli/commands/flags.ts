/**
 * `uigen-pay flags list | clear <id> | pause-checkout | resume-checkout`: the review queue for suspicious
 * activity, and the incident switch that stops new checkouts while webhooks keep being accepted.
 */
import { isCheckoutPaused, setCheckoutPaused } from '../../ops/checkout-guard.ts';
import { cliActor, openOpsStore } from '../../ops/cli-context.ts';
import { parseFlags } from '../args.ts';
import { type CliCommand, UsageError } from '../command.ts';

const usage = `Usage: uigen-pay flags list [--json]
       uigen-pay flags clear <id>
       uigen-pay flags pause-checkout | resume-checkout

  list             open review flags (suspicious activity), and whether checkout is paused
  clear <id>       close a flag after review; the user's checkout works again
  pause-checkout   stop all new checkouts (503 checkout_paused); webhooks are still accepted and processed
  resume-checkout  allow checkouts again
Every change is written to the audit log with the operator (--actor, default cli:$USER).`;

export const command: CliCommand = {
  name: 'flags',
  summary: 'review flags for suspicious activity; pause/resume checkout',
  usage,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, {
      json: { type: 'boolean', default: false },
      actor: { type: 'string' },
    });
    const [sub, arg, ...extra] = positionals;
    if (extra.length > 0) throw new UsageError('too many arguments');
    const needsId = sub === 'clear';
    if (needsId !== (arg !== undefined))
      throw new UsageError(needsId ? 'expected `flags clear <id>`' : `unexpected argument '${arg}'`);
    const id = needsId ? Number(arg) : 0;
    if (needsId && (!Number.isInteger(id) || id <= 0))
      throw new UsageError('flag id must be a positive integer');
    if (!['list', 'clear', 'pause-checkout', 'resume-checkout'].includes(sub ?? ''))
      throw new UsageError(`unknown subcommand '${sub ?? ''}'`);

    const { store, close } = await openOpsStore(io);
    const actor = cliActor(io, values.actor);
    const now = Date.now();
    try {
      switch (sub) {
        case 'list': {
          const flags = await store.flags.listOpen();
          const paused = await isCheckoutPaused(store);
          if (values.json) {
            io.out(JSON.stringify({ checkoutPaused: paused, flags }));
            return 0;
          }
          io.out(`checkout: ${paused ? 'PAUSED (uigen-pay flags resume-checkout)' : 'open'}`);
          if (flags.length === 0) io.out('no open review flags');
          for (const f of flags)
            io.out(
              `#${f.id}  ${new Date(f.createdAt).toISOString()}  user ${f.userId}  ${f.reason}  ${f.details}`,
            );
          return 0;
        }
        case 'clear': {
          const cleared = await store.flags.clear(id, now);
          if (!cleared) {
            io.err(`uigen-pay flags: no open flag #${id}`);
            return 1;
          }
          await store.audit.append({ actor, action: 'flag.cleared', subject: `flag:${id}`, at: now });
          io.out(`flag #${id} cleared`);
          return 0;
        }
        default: {
          const pause = sub === 'pause-checkout';
          await setCheckoutPaused(store, pause, actor, now);
          io.out(
            pause
              ? 'checkout paused: new checkouts answer 503 checkout_paused; webhooks are still processed'
              : 'checkout resumed',
          );
          return 0;
        }
      }
    } finally {
      await close();
    }
  },
};
