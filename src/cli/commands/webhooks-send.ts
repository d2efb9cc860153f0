/**
 * `uigen-pay webhooks send <fixture.json> --to URL`: signs a fixture with the provider's test signer and posts
 * it, as the provider would (what `stripe trigger` does). A subcommand of cli/commands/webhooks.ts.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseFlags } from '../args.ts';
import type { CliIO } from '../command.ts';
import { UsageError } from '../command.ts';

export const SEND_USAGE = `uigen-pay webhooks send <fixture.json> --to URL [--provider stripe|square] [--secret-env VAR]
                              [--new-id] [--signed-url URL]

  --to URL          where to post, e.g. http://127.0.0.1:4400/webhooks/stripe
  --provider NAME   stripe (default) or square
  --secret-env VAR  variable holding the signing secret (default STRIPE_WEBHOOK_SECRET /
                    SQUARE_WEBHOOK_SIGNATURE_KEY); with a comma list, the first secret is used
  --new-id          give the event a fresh id and creation time (a new event, not a redelivery)
  --signed-url URL  Square only: the notification URL to sign over (default: --to)
Exit 0 when the receiver answers 2xx, 1 otherwise.`;

const DEFAULT_SECRET_ENV = {
  stripe: 'STRIPE_WEBHOOK_SECRET',
  square: 'SQUARE_WEBHOOK_SIGNATURE_KEY',
} as const;
type SendProvider = keyof typeof DEFAULT_SECRET_ENV;
type Signer = (body: string, secret: string, url: string) => Record<string, string>;

/** Header signers per provider, loaded lazily. PayPal needs a test CA and certificate URL: not wired here. */
const SIGNERS: Record<SendProvider, () => Promise<Signer>> = {
  stripe: async () => {
    const { signStripePayload } = await import('../../providers/stripe/stripe-test-signer.ts');
    return (body, secret) => ({ 'stripe-signature': signStripePayload(body, secret) });
  },
  square: async () => {
    const { signSquarePayload } = await import('../../providers/square/square-test-signer.ts');
    return (body, secret, url) => ({ 'x-square-hmacsha256-signature': signSquarePayload(body, url, secret) });
  },
};

function withNewId(body: string, provider: SendProvider): string {
  const event = JSON.parse(body);
  if (provider === 'stripe') {
    event.id = `evt_${randomBytes(12).toString('hex')}`;
    event.created = Math.floor(Date.now() / 1000);
  } else {
    event.event_id = randomBytes(16).toString('hex');
    event.created_at = new Date().toISOString();
  }
  return JSON.stringify(event);
}

function httpUrl(value: unknown, flag: string): string {
  try {
    const u = new URL(String(value));
    if (u.protocol === 'http:' || u.protocol === 'https:') return u.toString();
  } catch {}
  throw new UsageError(`${flag} must be an http(s) URL`);
}

export async function sendFixture(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    to: { type: 'string' },
    provider: { type: 'string', default: 'stripe' },
    'secret-env': { type: 'string' },
    'new-id': { type: 'boolean', default: false },
    'signed-url': { type: 'string' },
  });
  if (positionals.length !== 1) throw new UsageError('expected exactly one <fixture.json>');
  const name = values.provider as string;
  if (!Object.hasOwn(DEFAULT_SECRET_ENV, name))
    throw new UsageError(`--provider must be stripe or square (got '${name}')`);
  const provider = name as SendProvider;
  const to = httpUrl(values.to, '--to');
  const secretEnv = (values['secret-env'] as string | undefined) ?? DEFAULT_SECRET_ENV[provider];
  const secret = (io.env[secretEnv] ?? '').split(',')[0]?.trim();
  if (!secret) {
    io.err(
      `uigen-pay webhooks send: ${secretEnv} is not set (the signing secret; its value is never printed)`,
    );
    return 1;
  }
  let body: string;
  try {
    body = readFileSync(resolve(io.cwd, positionals[0]), 'utf8');
    JSON.parse(body);
  } catch {
    io.err(`uigen-pay webhooks send: cannot read JSON from ${positionals[0]}`);
    return 1;
  }
  if (values['new-id']) body = withNewId(body, provider);
  const sign = await SIGNERS[provider]();
  const signedUrl = values['signed-url'] ? httpUrl(values['signed-url'], '--signed-url') : to;
  // Posted exactly as signed: the fixture file's own formatting is part of the signature.
  const res = await fetch(to, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...sign(body, secret, signedUrl) },
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(15_000),
  }).catch((err: Error) => err);
  if (res instanceof Error) {
    io.err(`uigen-pay webhooks send: could not reach ${to} (${res.name})`);
    return 1;
  }
  io.out(`${res.status} ${(await res.text()).slice(0, 200)}`);
  return res.ok ? 0 : 1;
}
