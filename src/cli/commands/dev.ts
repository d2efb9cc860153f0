import { createLogger } from '../../log.ts';
import { parseFlags } from '../args.ts';
import { type CliCommand, UsageError } from '../command.ts';
import { startDev } from '../dev/start-dev.ts';
import { waitForSignal } from './serve.ts';

export const command: CliCommand = {
  name: 'dev',
  summary: 'run everything locally with the sandbox provider — no keys, nothing to configure',
  usage: `Usage: uigen-pay dev --spec <openapi.yaml> [options]

Starts the payments server, the webhook worker, the local sandbox provider (Stripe/PayPal/Square wire
formats), a tiny example API behind the 402 gate, and the web UI, all on 127.0.0.1. Test keys, encryption
keys and a JWT secret are generated into .uigen/ on first run.

Options:
  --spec <file>            the OpenAPI spec (default examples/saas/openapi.yaml)
  --port <n>               app port (default $PORT or 4400)
  --sandbox-port <n>       sandbox port (default: any free port)
  --duplicate-rate <0..1>  sandbox delivers this share of webhooks twice
  --reorder                sandbox shuffles webhook order
  --delay <ms>             sandbox delays each webhook
  --quiet                  only warnings and errors in the log`,
  async run(argv, io) {
    const { values } = parseFlags(argv, {
      spec: { type: 'string', default: 'examples/saas/openapi.yaml' },
      port: { type: 'string' },
      'sandbox-port': { type: 'string' },
      'duplicate-rate': { type: 'string' },
      reorder: { type: 'boolean' },
      delay: { type: 'string' },
      quiet: { type: 'boolean' },
    });
    const port = Number(values.port ?? io.env.PORT ?? 4400);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be 0–65535');
    const dup = values['duplicate-rate'] === undefined ? 0 : Number(values['duplicate-rate']);
    if (!(dup >= 0 && dup <= 1)) throw new UsageError('--duplicate-rate must be between 0 and 1');
    const delay = values.delay === undefined ? 0 : Number(values.delay);
    if (!(delay >= 0)) throw new UsageError('--delay must be a number of milliseconds');
    const logger = createLogger({ level: values.quiet ? 'warn' : (io.env.LOG_LEVEL ?? 'info') });
    const signalled = waitForSignal(); // before the stack is reachable: a quick Ctrl-C still shuts down cleanly
    const dev = await startDev({
      specFile: values.spec!,
      cwd: io.cwd,
      env: io.env,
      port,
      sandboxPort: values['sandbox-port'] ? Number(values['sandbox-port']) : undefined,
      failures: { duplicateRate: dup, reorder: Boolean(values.reorder), delayMs: delay },
      logger,
      log: io.err,
    });
    io.err('');
    io.err(`  uigen-payments dev is running (sandbox provider, nothing real is charged)`);
    io.err('');
    io.err(`  App        ${dev.appUrl}/pricing`);
    io.err(`  Sandbox    ${dev.sandboxUrl}`);
    io.err(`  Example API behind the gate: ${dev.appUrl}/reports/42`);
    io.err('');
    io.err('  1. Open the app and sign in as a demo user          ' + `${dev.appUrl}/signin`);
    io.err('  2. Pricing → Subscribe on Pro                        (you go to the sandbox checkout)');
    io.err('  3. Pay with 4242 4242 4242 4242                       (4000 0000 0000 0002 is declined)');
    io.err('  4. Back on /payment/success → Billing shows Active    ' + `${dev.appUrl}/account/billing`);
    io.err('  5. Demo: the monetized call turns from 402 into 200  ' + `${dev.appUrl}/demo`);
    io.err('');
    io.err('  Ctrl-C to stop.');
    await signalled;
    await dev.close();
    return 0;
  },
};
