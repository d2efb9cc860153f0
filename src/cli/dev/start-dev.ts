/**
 * `uigen-pay dev`: server + worker + sandbox provider + example upstream + web UI on 127.0.0.1, with every key
 * generated on first run. Also used in-process by the end-to-end browser tests.
 */
import { join, resolve } from 'node:path';
import type { Logger } from '../../log.ts';
import { startSandbox } from '../../sandbox/index.ts';
import type { FailureInjection } from '../../sandbox/types.ts';
import { startServer, type RunningServer } from '../../server/start.ts';
import { loadSpec } from '../../spec/index.ts';
import { ensureWebBuilt } from '../web-dir.ts';
import { startExampleUpstream } from './example-upstream.ts';
import { devEnv, loadOrCreateDevSecrets } from './secrets.ts';

export interface DevOptions {
  specFile: string;
  /** Where .uigen/ lives (secrets, database). */
  cwd: string;
  env: NodeJS.ProcessEnv;
  port: number;
  sandboxPort?: number;
  failures?: Partial<FailureInjection>;
  logger?: Logger;
  log: (line: string) => void;
  /** Build the web UI if needed (default true). */
  web?: boolean;
}

export interface RunningDev {
  appUrl: string;
  sandboxUrl: string;
  upstreamUrl: string;
  server: RunningServer;
  close(): Promise<void>;
}

export const DEMO_USERS = [
  { id: 'user_alice', name: 'Alice (new customer)' },
  { id: 'user_bob', name: 'Bob (new customer)' },
];

export async function startDev(opts: DevOptions): Promise<RunningDev> {
  const uigenDir = join(opts.cwd, '.uigen');
  const { secrets, created } = loadOrCreateDevSecrets(uigenDir);
  if (created) opts.log(`generated sandbox keys, encryption keys and a JWT secret into ${join(uigenDir, 'dev-secrets.json')}`);
  const appUrl = `http://127.0.0.1:${opts.port}`;
  const webDir = opts.web === false ? false : await ensureWebBuilt(opts.log);

  const closers: Array<() => Promise<void>> = [];
  try {
    const upstream = await startExampleUpstream();
    closers.unshift(upstream.close);
    // Which providers the spec configures decides which emulators start (resolved with dev keys first).
    const baseEnv = devEnv(opts.env, secrets, {
      NODE_ENV: opts.env.NODE_ENV && opts.env.NODE_ENV !== 'production' ? opts.env.NODE_ENV : 'development',
      APP_URL: appUrl,
      DATABASE_URL: opts.env.DATABASE_URL || `sqlite:${join(uigenDir, 'payments.db')}`,
    });
    const { config } = await loadSpec(resolve(opts.cwd, opts.specFile), { env: baseEnv });
    const has = (p: string) => config.providers.some((c) => c.provider === p);
    const hook = (p: string) => config.providers.find((c) => c.provider === p)?.webhookUrl ?? `${appUrl}/webhooks/${p}`;
    const sandbox = await startSandbox({
      port: opts.sandboxPort ?? 0,
      host: '127.0.0.1',
      stripe: has('stripe') ? { webhookUrl: hook('stripe'), webhookSecret: secrets.stripeWebhookSecret } : undefined,
      paypal: has('paypal') ? { webhookUrl: hook('paypal'), webhookId: secrets.paypalWebhookId } : undefined,
      square: has('square')
        ? { webhookUrl: hook('square'), webhookSignatureKey: secrets.squareWebhookSignatureKey }
        : undefined,
      failures: opts.failures,
      logger: opts.logger,
    } as Parameters<typeof startSandbox>[0]);
    closers.unshift(sandbox.close);

    const env = {
      ...baseEnv,
      UIGEN_STRIPE_API_BASE: sandbox.url,
      UIGEN_PAYPAL_API_BASE: sandbox.url,
      UIGEN_SQUARE_API_BASE: sandbox.url,
    };
    const server = await startServer({
      specFile: resolve(opts.cwd, opts.specFile),
      env,
      port: opts.port,
      host: '127.0.0.1',
      upstream: upstream.url,
      webDir,
      devAuth: { users: DEMO_USERS, jwtSecret: secrets.jwtSecret },
      checkoutOrigins: [sandbox.url],
      logger: opts.logger,
      providerOptions: (sandbox as { providerOptions?: Record<string, unknown> }).providerOptions,
    });
    closers.unshift(server.close);
    return {
      appUrl: server.url,
      sandboxUrl: sandbox.url,
      upstreamUrl: upstream.url,
      server,
      async close() {
        for (const c of closers) await c().catch(() => {});
      },
    };
  } catch (err) {
    for (const c of closers) await c().catch(() => {});
    throw err;
  }
}
