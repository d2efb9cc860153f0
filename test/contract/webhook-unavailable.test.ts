/**
 * DESIGN.md § HTTP contract: `/webhooks/:provider` answers 503 "when it cannot store (provider retries)", and
 * `/readyz` reports the database. A real `serve` on PostgreSQL reaches the database through a TCP relay we
 * can cut — the database itself stays up for the other suites.
 */
import { createServer, type Server, type Socket, connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase } from '../support/pg.ts';
import { freePort } from '../support/postgres.ts';
import { errorBody, removeDir, type Running, SAAS_SPEC, serveEnv, startLong, stripeEvent, stripeSignature, tempDir } from './support.ts';

vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

/** A 127.0.0.1 TCP relay to `target` that can drop every connection and refuse new ones, then come back. */
class Relay {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}
  async open(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((r) => this.server!.listen(this.port, '127.0.0.1', r));
  }
  async cut(): Promise<void> {
    const closed = new Promise<void>((r) => this.server!.close(() => r()));
    for (const s of this.sockets) s.destroy();
    await closed;
  }
}

let dir: string;
let relay: Relay;
let server: Running;
const env = serveEnv();

beforeAll(async () => {
  dir = tempDir();
  const real = new URL(await createTestDatabase('contract'));
  relay = new Relay(await freePort(), { host: real.hostname, port: Number(real.port) });
  await relay.open();
  real.hostname = '127.0.0.1';
  real.port = String(relay.port);
  env.DATABASE_URL = real.toString();
  env.PORT = String(await freePort());
  server = await startLong(['serve', '--spec', SAAS_SPEC], { cwd: dir, env });
});
afterAll(async () => {
  await server?.stop();
  await relay?.cut().catch(() => {});
  removeDir(dir);
});

const deliver = (body = stripeEvent()) =>
  fetch(`${server.url}/webhooks/stripe`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': stripeSignature(env.STRIPE_WEBHOOK_SECRET, body) },
    body,
  });

describe('webhooks when the database is unreachable', () => {
  it('200 while stored; 503 with the error shape (and /readyz 503) while the database is gone; 200 again after', async () => {
    expect((await deliver()).status).toBe(200);
    await relay.cut();
    const body = stripeEvent();
    const down = await deliver(body).catch((err) => {
      throw new Error(`serve did not answer (exit ${server.child.exitCode}): ${server.stderr().slice(-3000)}`, { cause: err });
    });
    expect(down.status).toBe(503);
    await errorBody(down);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(503);

    await relay.open();
    // The pool reconnects on its own; the provider's retry of the same event is then accepted.
    const deadline = Date.now() + 60_000;
    let status = 0;
    while (Date.now() < deadline) {
      status = (await deliver(body)).status;
      if (status === 200) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(status).toBe(200);
  });

  it('serve survives PostgreSQL dropping checked-out connections (regression: unhandled pg client error killed serve)', async () => {
    // The first case cut connections under a running worker; the process must still be the same one.
    expect(server.child.exitCode).toBeNull();
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
