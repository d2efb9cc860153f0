import { startServer } from '../../server/start.ts';
import { parseFlags } from '../args.ts';
import { type CliCommand, UsageError } from '../command.ts';
import { defaultWebDir } from '../web-dir.ts';

export const command: CliCommand = {
  name: 'serve',
  summary: 'run the payments API, webhooks, worker and web UI for a spec',
  usage: `Usage: uigen-pay serve --spec <openapi.yaml> [options]

Options:
  --spec <file>        the OpenAPI spec with x-uigen-payments (required)
  --port <n>           listen port (default $PORT or 4400)
  --host <addr>        listen address (default $HOST or 127.0.0.1)
  --upstream <url>     proxy the spec's other paths to this API; monetized operations answer 402 without a plan
  --no-worker          do not process the webhook inbox here (run \`uigen-pay worker\` separately)
  --tls-cert <file>    serve HTTPS (TLS 1.2+) with this certificate (PEM) …
  --tls-key <file>     … and this private key; enables HSTS
  --trust-proxy <v>    honour X-Forwarded-* from this many hops / these addresses (default: never)
  --allow-live         allow live-mode keys outside NODE_ENV=production
  --pause-checkout     start with new checkouts paused (webhooks still accepted)

Environment: DATABASE_URL, UIGEN_ENCRYPTION_KEYS, UIGEN_BLIND_INDEX_KEY, UIGEN_AUTH_JWT_SECRET or
UIGEN_AUTH_JWKS_URL (+ UIGEN_AUTH_ISSUER, UIGEN_AUTH_AUDIENCE), PORT, HOST, and the spec's \${VARS}.`,
  async run(argv, io) {
    const { values } = parseFlags(argv, {
      spec: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      upstream: { type: 'string' },
      'no-worker': { type: 'boolean' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'trust-proxy': { type: 'string' },
      'allow-live': { type: 'boolean' },
      'pause-checkout': { type: 'boolean' },
    });
    if (!values.spec) throw new UsageError('--spec is required');
    if (Boolean(values['tls-cert']) !== Boolean(values['tls-key'])) throw new UsageError('--tls-cert and --tls-key go together');
    const port = values.port === undefined ? undefined : Number(values.port);
    if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) throw new UsageError('--port must be 0–65535');
    if (values.upstream) {
      try {
        const u = new URL(values.upstream);
        if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error();
      } catch {
        throw new UsageError('--upstream must be an http(s) URL');
      }
    }
    const trust = values['trust-proxy'];
    // Listen for SIGTERM/SIGINT before anything can be seen from outside: a supervisor that stops us the moment
    // /healthz answers must get a graceful shutdown, not Node's default kill.
    const signalled = waitForSignal();
    const server = await startServer({
      specFile: values.spec,
      env: io.env,
      port,
      host: values.host,
      upstream: values.upstream,
      worker: !values['no-worker'],
      webDir: defaultWebDir(),
      tls: values['tls-cert'] ? { certFile: values['tls-cert'], keyFile: values['tls-key']! } : undefined,
      trustProxy: trust === undefined ? false : /^\d+$/.test(trust) ? Number(trust) : trust === 'true' ? true : trust,
      allowLive: values['allow-live'],
    });
    if (values['pause-checkout']) await server.store.settings.set('checkout.paused', '1', Date.now());
    io.err(`uigen-pay: serving on ${server.url}${values.upstream ? ` (gate → ${values.upstream})` : ''}`);
    await signalled;
    io.err('uigen-pay: shutting down (draining requests and the worker)…');
    await server.close();
    return 0;
  },
};

export function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
  });
}
