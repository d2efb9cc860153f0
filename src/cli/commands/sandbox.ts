/**
 * `uigen-pay sandbox` — the local provider emulator on its own, for demos and for pointing an app at it by
 * hand (`UIGEN_STRIPE_API_BASE=<url>`). `uigen-pay sandbox advance --days N --url <url>` moves its clock.
 */
import { parseFlags } from '../args.ts';
import type { CliCommand, CliIO } from '../command.ts';
import { UsageError } from '../command.ts';

const usage = `Usage: uigen-pay sandbox [--port N] [--duplicate-rate X] [--reorder] [--delay MS]
                         [--webhook-url URL] [--secret-env VAR]
       uigen-pay sandbox advance --days N --url <sandbox url>

Starts the local sandbox provider (test mode only) on 127.0.0.1 and prints its URL. Point an app at it with
UIGEN_STRIPE_API_BASE=<url> and a sk_test_ key. Stop it with Ctrl-C.

  --port N              listen port (default: a free one)
  --duplicate-rate X    0..1, chance each webhook is delivered twice
  --reorder             deliver webhooks in shuffled order
  --delay MS            hold each webhook delivery this long
  --webhook-url URL     where Stripe events are posted (e.g. http://127.0.0.1:4400/webhooks/stripe)
  --secret-env VAR      variable holding the signing secret (default STRIPE_WEBHOOK_SECRET)

advance: moves the sandbox clock forward N days (renewals, failed renewals, period-end cancellations).

Exit codes: 0 ok, 1 failed, 2 usage error.`;

function number(value: unknown, flag: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max)
    throw new UsageError(`${flag} must be a number from ${min} to ${max}`);
  return n;
}

function httpOrigin(value: unknown, flag: string): string {
  try {
    const u = new URL(String(value));
    if (u.protocol === 'http:' || u.protocol === 'https:') return u.origin;
  } catch {}
  throw new UsageError(`${flag} must be an http(s) URL`);
}

async function advance(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseFlags(
    argv,
    { days: { type: 'string' }, url: { type: 'string' } },
    false,
  );
  if (positionals.length) throw new UsageError('advance takes no positional arguments');
  const days = number(values.days, '--days', 0, 3660);
  if (days === undefined) throw new UsageError('--days is required');
  const base = httpOrigin(values.url, '--url');
  const res = await fetch(`${base}/_sandbox/clock/advance`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ days }),
    signal: AbortSignal.timeout(60_000),
  }).catch(() => undefined);
  if (!res?.ok) {
    io.err(
      `uigen-pay sandbox advance: the sandbox at ${base} did not accept the request${res ? ` (${res.status})` : ''}`,
    );
    return 1;
  }
  const { now } = (await res.json()) as { now: number };
  io.out(`sandbox clock is now ${new Date(now).toISOString()}`);
  return 0;
}

async function serve(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseFlags(
    argv,
    {
      port: { type: 'string' },
      'duplicate-rate': { type: 'string' },
      reorder: { type: 'boolean', default: false },
      delay: { type: 'string' },
      'webhook-url': { type: 'string' },
      'secret-env': { type: 'string' },
    },
    false,
  );
  if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  const port = number(values.port, '--port', 0, 65535);
  const webhookUrl = values['webhook-url'] as string | undefined;
  if (webhookUrl !== undefined) httpOrigin(webhookUrl, '--webhook-url');
  const secretEnv = (values['secret-env'] as string | undefined) ?? 'STRIPE_WEBHOOK_SECRET';
  const secret = (io.env[secretEnv] ?? '').split(',')[0]?.trim();
  if (webhookUrl && !secret) {
    io.err(`uigen-pay sandbox: --webhook-url needs a signing secret in ${secretEnv}`);
    return 1;
  }
  const { startSandbox } = await import('../../sandbox/index.ts');
  const { createLogger } = await import('../../log.ts');
  const sandbox = await startSandbox({
    port: port === undefined ? 0 : Math.floor(port),
    host: '127.0.0.1',
    stripe: webhookUrl && secret ? { webhookUrl, webhookSecret: secret } : undefined,
    failures: {
      duplicateRate: number(values['duplicate-rate'], '--duplicate-rate', 0, 1) ?? 0,
      reorder: values.reorder === true,
      delayMs: number(values.delay, '--delay', 0, 60_000) ?? 0,
    },
    logger: createLogger({ name: 'sandbox', level: 'warn' }),
  });
  io.out(`sandbox listening on ${sandbox.url}`);
  io.out(`  UIGEN_STRIPE_API_BASE=${sandbox.url}   (test mode only)`);
  io.out(
    webhookUrl
      ? `  Stripe events → ${webhookUrl}`
      : '  no --webhook-url: events are listed at /v1/events only',
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await sandbox.close();
  return 0;
}

export const command: CliCommand = {
  name: 'sandbox',
  summary: 'run the local provider sandbox (test mode), or advance its clock',
  usage,
  async run(argv, io) {
    if (argv[0] === 'advance') return advance(argv.slice(1), io);
    return serve(argv, io);
  },
};
