/**
 * `uigen-pay webhooks <subcommand>`: tooling around the webhook inbox. Subcommands live in a table so each
 * stays a small function (`send` signs and posts a fixture; `replay` re-queues dead letters).
 */
import { silentLogger } from '../../log.ts';
import { openStoreFromEnv } from '../../webhooks/store-from-env.ts';
import { parseFlags } from '../args.ts';
import { type CliCommand, type CliIO, UsageError } from '../command.ts';
import { SEND_USAGE, sendFixture } from './webhooks-send.ts';

type Subcommand = { summary: string; run(argv: string[], io: CliIO): Promise<number> };

/** Re-queue dead-lettered events (all, or `--id N` repeated): attempts reset, due now. */
async function replay(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseFlags(argv, { id: { type: 'string', multiple: true } }, false);
  const ids = values.id?.map((v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--id must be a positive integer (got '${v}')`);
    return n;
  });
  const { store } = await openStoreFromEnv(io.env, silentLogger());
  try {
    const count = await store.inbox.replayDead({ ids, now: Date.now() });
    io.out(`re-queued ${count} dead-lettered event(s)`);
    return 0;
  } finally {
    await store.close();
  }
}

export const SUBCOMMANDS: Record<string, Subcommand> = {
  replay: { summary: 're-queue dead-lettered events: webhooks replay [--id N]...', run: replay },
  send: {
    summary: `sign a fixture and POST it, like \`stripe trigger\`:\n    ${SEND_USAGE.replaceAll('\n', '\n    ')}`,
    run: sendFixture,
  },
};

export const command: CliCommand = {
  name: 'webhooks',
  summary: 'webhook inbox tools (replay dead letters, send signed fixtures)',
  get usage() {
    const lines = Object.entries(SUBCOMMANDS).map(([name, s]) => `  ${name.padEnd(8)} ${s.summary}`);
    return `Usage: uigen-pay webhooks <subcommand> [options]\n\nSubcommands:\n${lines.join('\n')}\n\nEnvironment: DATABASE_URL, UIGEN_ENCRYPTION_KEYS, UIGEN_BLIND_INDEX_KEY.`;
  },
  async run(argv, io) {
    const [sub, ...rest] = argv;
    const entry = sub && Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : undefined;
    if (!entry) throw new UsageError(sub ? `unknown subcommand '${sub}'` : 'a subcommand is required');
    return entry.run(rest, io);
  },
};
