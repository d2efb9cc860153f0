/**
 * Chaos harness: real `uigen-pay serve` / `worker` processes, a provider-like sender that signs Stripe events,
 * retries until it gets a 2xx (as Stripe does), duplicates and reorders deliveries, and a checker that opens
 * the database afterwards. Every loop is bounded in count and time.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { signStripePayload } from '../../src/providers/stripe/stripe-test-signer.ts';
import { generateDevKeys, openStore } from '../../src/store/index.ts';
import type { Store } from '../../src/store/types.ts';

const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/uigen-pay.js');
export const SPEC = join(ROOT, 'examples/saas/openapi.yaml');

export interface ChaosEnv {
  env: NodeJS.ProcessEnv;
  webhookSecret: string;
  databaseUrl: string;
}

export function chaosEnv(databaseUrl: string, appUrl = 'http://127.0.0.1:4400'): ChaosEnv {
  const keys = generateDevKeys();
  const webhookSecret = `whsec_${randomBytes(24).toString('hex')}`;
  return {
    webhookSecret,
    databaseUrl,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: databaseUrl,
      UIGEN_ENCRYPTION_KEYS: keys.encryptionKeys,
      UIGEN_BLIND_INDEX_KEY: keys.blindIndexKey,
      UIGEN_AUTH_JWT_SECRET: randomBytes(32).toString('hex'),
      STRIPE_SECRET_KEY: `sk_test_chaos${randomBytes(12).toString('hex')}`,
      STRIPE_PUBLISHABLE_KEY: `pk_test_chaos${randomBytes(12).toString('hex')}`,
      STRIPE_WEBHOOK_SECRET: webhookSecret,
      APP_URL: appUrl,
    },
  };
}

export interface Proc {
  child: ChildProcess;
  stderr: () => string;
}

/** Starts `uigen-pay <args>`; for `serve`, resolves once /healthz answers. */
export async function startProc(args: string[], env: NodeJS.ProcessEnv, healthUrl?: string, timeoutMs = 60_000): Promise<Proc> {
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr?.on('data', (d) => {
    err = (err + d).slice(-4000);
  });
  if (healthUrl) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`uigen-pay ${args[0]} exited: ${err}`);
      try {
        if ((await fetch(healthUrl)).ok) break;
      } catch {}
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`uigen-pay ${args[0]} did not become healthy: ${err}`);
      }
      await sleep(100);
    }
  }
  return { child, stderr: () => err };
}

export async function stopProc(p: Proc, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  const exited = new Promise<void>((r) => p.child.once('exit', () => r()));
  p.child.kill(signal);
  await Promise.race([exited, sleep(15_000).then(() => p.child.kill('SIGKILL'))]);
  await exited;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Deterministic PRNG so a failing run can be replayed with the printed seed. */
export function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SubVersion {
  eventId: string;
  subId: string;
  created: number;
  status: 'active' | 'past_due' | 'trialing' | 'canceled' | 'unpaid';
  cancelAtPeriodEnd: boolean;
  body: string;
}

const STATUSES: SubVersion['status'][] = ['active', 'past_due', 'trialing', 'active', 'unpaid', 'active'];

/**
 * `subs` subscriptions × `versions` snapshots each, as Stripe `customer.subscription.updated` events with
 * distinct `created` seconds (the ordering key). Returns them in creation order.
 */
export function makeEvents(subs: number, versions: number, random: () => number, tag: string): SubVersion[] {
  const out: SubVersion[] = [];
  const base = Math.floor(Date.now() / 1000) - 86_400;
  for (let s = 0; s < subs; s++) {
    const subId = `sub_${tag}_${s}`;
    for (let v = 0; v < versions; v++) {
      const created = base + v * 5 + (s % 5);
      const last = v === versions - 1;
      const status = last && random() < 0.3 ? 'canceled' : STATUSES[Math.floor(random() * STATUSES.length)];
      const cancelAtPeriodEnd = status !== 'canceled' && random() < 0.3;
      const eventId = `evt_${tag}_${s}_${v}`;
      const event = {
        id: eventId,
        object: 'event',
        api_version: '2025-09-30.clover',
        created,
        livemode: false,
        pending_webhooks: 1,
        type: 'customer.subscription.updated',
        data: {
          object: {
            id: subId,
            object: 'subscription',
            customer: `cus_${tag}_${s}`,
            status,
            cancel_at_period_end: cancelAtPeriodEnd,
            created: base,
            items: { object: 'list', data: [{ id: `si_${s}`, object: 'subscription_item', current_period_end: created + 2_592_000, price: { id: 'price_pro', object: 'price' } }] },
            metadata: { uigen_user_id: `user_${tag}_${s}`, uigen_product_id: 'pro-monthly' },
          },
        },
      };
      out.push({ eventId, subId, created, status, cancelAtPeriodEnd, body: JSON.stringify(event) });
    }
  }
  return out;
}

/** Delivery order: each event once, 30 % again later, and 20 % of positions swapped with a near neighbour. */
export function deliveryPlan(events: SubVersion[], random: () => number, dupRate = 0.3, reorderRate = 0.2): SubVersion[] {
  const plan = [...events];
  for (const e of events) if (random() < dupRate) plan.splice(Math.floor(random() * (plan.length + 1)), 0, e);
  for (let i = 0; i < plan.length; i++) {
    if (random() < reorderRate) {
      const j = Math.min(plan.length - 1, i + 1 + Math.floor(random() * 50));
      [plan[i], plan[j]] = [plan[j], plan[i]];
    }
  }
  return plan;
}

export interface SendStats {
  acked: Set<string>;
  requests: number;
  retries: number;
  statuses: Map<number, number>;
  networkErrors: number;
}

/**
 * Sends the plan with `concurrency` in flight, spreading requests over `targets`; each delivery retries (new
 * signature each time, like Stripe) until a 2xx or `deadline`. A 4xx is a failure of the system under test.
 */
export async function send(plan: SubVersion[], targets: () => string[], secret: string, opts: { concurrency: number; deadline: number }): Promise<SendStats> {
  const stats: SendStats = { acked: new Set(), requests: 0, retries: 0, statuses: new Map(), networkErrors: 0 };
  let next = 0;
  let rr = 0;
  const worker = async () => {
    while (next < plan.length) {
      const e = plan[next++];
      for (let attempt = 0; ; attempt++) {
        if (Date.now() > opts.deadline) throw new Error(`send deadline passed with ${plan.length - next} deliveries left`);
        const list = targets();
        const url = list[rr++ % list.length];
        stats.requests++;
        try {
          const res = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'stripe-signature': signStripePayload(e.body, secret) },
            body: e.body,
            signal: AbortSignal.timeout(10_000),
          });
          stats.statuses.set(res.status, (stats.statuses.get(res.status) ?? 0) + 1);
          await res.arrayBuffer();
          if (res.status >= 200 && res.status < 300) {
            stats.acked.add(e.eventId);
            break;
          }
          if (res.status < 500) throw new Error(`delivery of ${e.eventId} answered ${res.status}`);
        } catch (err) {
          if ((err as Error).message.startsWith('delivery of')) throw err;
          stats.networkErrors++;
        }
        stats.retries++;
        await sleep(Math.min(1000, 25 * 2 ** Math.min(attempt, 5)));
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  return stats;
}

/** Waits (bounded) until the inbox has nothing pending or processing. */
export async function drained(store: Store, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await store.inbox.stats(Date.now());
    if (s.pending + s.processing === 0) return;
    if (Date.now() > deadline) throw new Error(`inbox not drained: ${JSON.stringify(s)}`);
    await sleep(250);
  }
}

export async function openChecker(c: ChaosEnv): Promise<Store> {
  return openStore({
    databaseUrl: c.databaseUrl,
    encryptionKeys: c.env.UIGEN_ENCRYPTION_KEYS,
    blindIndexKey: c.env.UIGEN_BLIND_INDEX_KEY,
    nodeEnv: 'test',
  });
}

/**
 * The two promises of the product, checked from the database: every acknowledged event was applied exactly
 * once (one audit row per event id, inbox row done), and each subscription equals its newest snapshot.
 */
export async function verify(store: Store, events: SubVersion[], acked: Set<string>) {
  const applied = new Map<string, number>();
  let afterId: number | undefined;
  for (;;) {
    const rows = await store.audit.list({ limit: 5000, afterId });
    if (rows.length === 0) break;
    for (const r of rows) {
      const id = (JSON.parse(r.details) as { eventId?: string }).eventId;
      if (id) applied.set(id, (applied.get(id) ?? 0) + 1);
    }
    afterId = rows[rows.length - 1].id;
  }
  const problems: string[] = [];
  for (const id of acked) {
    const n = applied.get(id) ?? 0;
    if (n !== 1) problems.push(`${id} applied ${n} times`);
    const row = await store.inbox.get('stripe', id);
    if (row?.status !== 'done') problems.push(`${id} inbox status ${row?.status}`);
    if (problems.length > 20) break;
  }
  const newest = new Map<string, SubVersion>();
  for (const e of events) if (acked.has(e.eventId) && (newest.get(e.subId)?.created ?? -1) < e.created) newest.set(e.subId, e);
  for (const [subId, e] of newest) {
    const rec = await store.subscriptions.findByProviderId('stripe', subId);
    if (!rec || rec.status !== e.status || rec.cancelAtPeriodEnd !== e.cancelAtPeriodEnd) {
      problems.push(`${subId}: stored ${rec?.status}/${rec?.cancelAtPeriodEnd}, newest ${e.status}/${e.cancelAtPeriodEnd}`);
    }
    if (problems.length > 40) break;
  }
  const chain = await store.audit.verify();
  if (!chain.ok) problems.push(`audit chain broken at ${chain.brokenAt}`);
  return { problems, appliedEvents: applied.size };
}
