/**
 * Child process for the SIGKILL test: the ingest route alone (worker disabled) on 127.0.0.1:0 over the store
 * named by DATABASE_URL. Prints `port=<n>` once listening, then waits to be killed.
 */
import Fastify from 'fastify';
import { silentLogger } from '../../../src/log.ts';
import { createStripeProvider } from '../../../src/providers/stripe/index.ts';
import { openStore } from '../../../src/store/index.ts';
import { registerWebhookRoutes } from '../../../src/webhooks/route.ts';
import { stripeConfig, testConfig } from '../events.ts';

const env = process.env;
const store = await openStore({
  databaseUrl: env.DATABASE_URL ?? '',
  encryptionKeys: env.UIGEN_ENCRYPTION_KEYS,
  blindIndexKey: env.UIGEN_BLIND_INDEX_KEY,
  nodeEnv: 'test',
});
const app = Fastify({ logger: false });
await registerWebhookRoutes(app, {
  config: testConfig(),
  providers: new Map([['stripe', createStripeProvider(stripeConfig())]]),
  store,
  logger: silentLogger(),
});
const address = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`port=${new URL(address).port}\n`);
