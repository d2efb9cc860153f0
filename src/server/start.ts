/**
 * Composition root for `serve` and `dev`: spec + environment → store, providers, worker, ops, app, listener.
 * Graceful shutdown drains in-flight requests first, then the worker's batch, then closes the store.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { startWorker } from '../webhooks/worker.ts';
import { createLogger, type Logger } from '../log.ts';
import { createAlerter } from '../ops/alerts/index.ts';
import { createCheckoutGuard } from '../ops/checkout-guard.ts';
import { createOpsHooks } from '../ops/hooks.ts';
import { createMetrics } from '../ops/metrics.ts';
import { startMonitors } from '../ops/monitors.ts';
import { startRetentionJob } from '../ops/retention.ts';
import { createProviders } from '../providers/registry.ts';
import { loadSpec } from '../spec/index.ts';
import { loadSettings, type Settings } from '../spec/settings.ts';
import type { PaymentsConfig } from '../spec/types.ts';
import { openStoreFromSettings } from '../store/index.ts';
import type { Store } from '../store/types.ts';
import { type Authenticate, createJwtAuthenticate } from './auth.ts';
import { type AppDeps, createApp } from './app.ts';

export interface StartOptions {
  specFile: string;
  env?: NodeJS.ProcessEnv;
  port?: number;
  host?: string;
  upstream?: string;
  /** Run the inbox worker in this process (default true). */
  worker?: boolean;
  webDir?: string | false;
  devAuth?: AppDeps['devAuth'];
  checkoutOrigins?: string[];
  logger?: Logger;
  tls?: { certFile: string; keyFile: string };
  trustProxy?: AppDeps['trustProxy'];
  authenticate?: Authenticate;
  allowLive?: boolean;
  /** Extra provider factory options (test CA for PayPal in test mode, …). */
  providerOptions?: Record<string, unknown>;
  /** Background ops jobs (monitors, retention schedule); default true. */
  jobs?: boolean;
}

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  config: Readonly<PaymentsConfig>;
  settings: Readonly<Settings>;
  store: Store;
  close(): Promise<void>;
}

export function specPathsOf(document: unknown): string[] {
  const paths = (document as { paths?: Record<string, unknown> } | undefined)?.paths;
  return paths && typeof paths === 'object' ? Object.keys(paths) : [];
}

export async function startServer(opts: StartOptions): Promise<RunningServer> {
  const env = opts.env ?? process.env;
  const settings = loadSettings(env);
  const logger = opts.logger ?? createLogger({ level: env.LOG_LEVEL ?? 'info' });
  const { config, diagnostics, document } = await loadSpec(opts.specFile, { env, allowLive: opts.allowLive });
  for (const d of diagnostics) logger.warn({ code: d.code, file: d.file, line: d.line }, d.message);

  const store = await openStoreFromSettings(settings, { logger });
  const cleanups: Array<() => Promise<void> | void> = [() => store.close()];
  try {
    await store.migrate();
    const providers = await createProviders(config, settings, { logger, ...(opts.providerOptions ?? {}) });
    const metrics = createMetrics({ defaultMetrics: true });
    const alerter = createAlerter({ config: config.alerts, logger, metrics });
    cleanups.unshift(() => alerter.flush());
    const hooks = createOpsHooks({ store, config, alerter, logger });
    if (opts.worker !== false) {
      const worker = startWorker({ store, providers, config, logger, metrics, onApplied: hooks.onApplied });
      cleanups.unshift(() => worker.stop());
    }
    if (opts.jobs !== false) {
      const monitors = startMonitors({ store, config, alerter, metrics });
      const retention = startRetentionJob({ store, retention: config.retention, now: Date.now() });
      cleanups.unshift(() => monitors.stop(), () => retention.stop());
    }
    const app = await createApp({
      config,
      store,
      providers,
      logger,
      metrics,
      authenticate: opts.authenticate ?? createJwtAuthenticate(settings.auth),
      checkoutGuard: createCheckoutGuard({ store, config, alerter }),
      upstream: opts.upstream,
      specPaths: specPathsOf(document),
      webDir: opts.webDir,
      checkoutOrigins: opts.checkoutOrigins,
      devAuth: opts.devAuth,
      trustProxy: opts.trustProxy,
      https: opts.tls ? { cert: readFileSync(opts.tls.certFile), key: readFileSync(opts.tls.keyFile) } : undefined,
    });
    // Requests drain first (503 to new ones), then the worker batch, then the store.
    cleanups.unshift(() => app.close());
    const address = await app.listen({ port: opts.port ?? settings.port, host: opts.host ?? settings.host });
    let closed = false;
    return {
      app,
      url: address,
      config,
      settings,
      store,
      async close() {
        if (closed) return;
        closed = true;
        for (const fn of cleanups) {
          try {
            await fn();
          } catch (err) {
            logger.error({ err }, 'shutdown step failed');
          }
        }
      },
    };
  } catch (err) {
    for (const fn of cleanups) await Promise.resolve(fn()).catch(() => {});
    throw err;
  }
}
