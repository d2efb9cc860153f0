/**
 * `uigen-pay worker`: the inbox worker as its own process (run `serve --no-worker` beside it, or several
 * workers on PostgreSQL). SIGTERM/SIGINT stop claiming and drain the batch in flight before exiting.
 */
import { createLogger } from '../../log.ts';
import { createAlerter } from '../../ops/alerts/index.ts';
import { createOpsHooks } from '../../ops/hooks.ts';
import { createMetrics } from '../../ops/metrics.ts';
import { createProviders } from '../../providers/registry.ts';
import { loadSpec } from '../../spec/index.ts';
import { openStoreFromEnv } from '../../webhooks/store-from-env.ts';
import { startWorker } from '../../webhooks/worker.ts';
import { parseFlags } from '../args.ts';
import { type CliCommand, UsageError } from '../command.ts';
import { waitForSignal } from './serve.ts';

function positiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${flag} must be a positive integer`);
  return n;
}

export const command: CliCommand = {
  name: 'worker',
  summary: 'process the webhook inbox (apply verified events) as a separate process',
  usage: `Usage: uigen-pay worker --spec <openapi.yaml> [options]

Options:
  --spec <file>          the OpenAPI spec with x-uigen-payments (required)
  --poll-ms <n>          idle poll interval (default 500)
  --max-attempts <n>     attempts before an event is dead-lettered (default 8)
  --once                 process what is due now, then exit

Environment: DATABASE_URL, UIGEN_ENCRYPTION_KEYS, UIGEN_BLIND_INDEX_KEY, LOG_LEVEL, and the spec's \${VARS}.
Stops on SIGTERM/SIGINT after finishing the batch in flight.`,
  async run(argv, io) {
    const { values } = parseFlags(
      argv,
      {
        spec: { type: 'string' },
        'poll-ms': { type: 'string' },
        'max-attempts': { type: 'string' },
        once: { type: 'boolean' },
      },
      false,
    );
    if (!values.spec) throw new UsageError('--spec is required');
    const pollMs = positiveInt(values['poll-ms'], '--poll-ms');
    const maxAttempts = positiveInt(values['max-attempts'], '--max-attempts');

    const logger = createLogger({ level: io.env.LOG_LEVEL ?? 'info' });
    // Signal handlers first: a SIGTERM right after "worker running" must drain, not kill (default action).
    const signalled = values.once ? undefined : waitForSignal();
    const { config } = await loadSpec(values.spec, { env: io.env });
    const { store, settings } = await openStoreFromEnv(io.env, logger);
    try {
      await store.migrate();
      const providers = await createProviders(config, settings, { logger });
      const metrics = createMetrics();
      const alerter = createAlerter({ config: config.alerts, logger, metrics });
      const hooks = createOpsHooks({ store, config, alerter, logger });
      const worker = startWorker({
        store,
        providers,
        config,
        logger,
        metrics,
        pollMs,
        maxAttempts,
        autoRun: !values.once,
        onApplied: hooks.onApplied,
      });
      if (values.once) {
        let total = 0;
        for (let n = await worker.runOnce(); n > 0; n = await worker.runOnce()) total += n;
        await worker.stop();
        io.out(`processed ${total} event(s)`);
      } else {
        io.err('uigen-pay: worker running (SIGTERM/SIGINT to stop)');
        await signalled;
        io.err('uigen-pay: worker stopping (draining the batch in flight)…');
        await worker.stop();
      }
      await alerter.flush();
      return 0;
    } finally {
      await store.close();
    }
  },
};
