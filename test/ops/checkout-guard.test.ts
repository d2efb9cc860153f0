import { describe, expect, it } from 'vitest';
import { PaymentsError } from '../../src/errors.ts';
import type { Alert, Alerter } from '../../src/ops/alerts/index.ts';
import { createCheckoutGuard, setCheckoutPaused } from '../../src/ops/checkout-guard.ts';
import { testConfig } from './support/config.ts';
import { type DialectName, openOpsStore } from './support/store.ts';

/** Records alerts instead of sending them (delivery is covered by the alerter tests). */
function recordingAlerter(): Alerter & { alerts: Alert[] } {
  const alerts: Alert[] = [];
  return { alerts, alert: (a) => void alerts.push(a), notifyCustomer: () => {}, flush: async () => {} };
}

async function rejection(p: Promise<unknown>): Promise<PaymentsError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PaymentsError);
  return err as PaymentsError;
}

describe.each(['sqlite', 'postgres'] as DialectName[])('checkout guard (%s)', (dialect) => {
  it('pause-checkout stops every checkout with 503 until resumed, and both switches are audited', async () => {
    const { store } = await openOpsStore(dialect);
    const guard = createCheckoutGuard({ store, config: testConfig(), alerter: recordingAlerter() });
    await guard.check('u1', '10.0.0.1');
    await setCheckoutPaused(store, true, 'cli:alice', 1000);
    const err = await rejection(guard.check('u1', '10.0.0.1'));
    expect([err.code, err.status]).toEqual(['checkout_paused', 503]);
    await setCheckoutPaused(store, false, 'cli:alice', 2000);
    await guard.check('u1', '10.0.0.1');
    const audit = await store.audit.list({ limit: 10 });
    expect(audit.map((a) => [a.actor, a.action])).toEqual([
      ['cli:alice', 'checkout.paused'],
      ['cli:alice', 'checkout.resumed'],
    ]);
  });

  it('a flagged user gets 403 account_under_review while the flag is open (pauseCheckoutOnFlag)', async () => {
    const { store } = await openOpsStore(dialect);
    const guard = createCheckoutGuard({ store, config: testConfig(), alerter: recordingAlerter() });
    const flag = await store.flags.create({ userId: 'u2', reason: 'manual', now: 1 });
    const err = await rejection(guard.check('u2', '10.0.0.2'));
    expect([err.code, err.status]).toEqual(['account_under_review', 403]);
    await guard.check('u3', '10.0.0.2');
    await store.flags.clear(flag.id, 2);
    await guard.check('u2', '10.0.0.2');

    const lenient = createCheckoutGuard({
      store,
      config: testConfig({ pauseCheckoutOnFlag: false }),
      alerter: recordingAlerter(),
    });
    await store.flags.create({ userId: 'u2', reason: 'manual', now: 3 });
    await lenient.check('u2', '10.0.0.2');
  });

  it('checkout velocity past the threshold flags the user once and alerts once; counters hold no id in clear', async () => {
    const h = await openOpsStore(dialect);
    const alerter = recordingAlerter();
    const clock = { t: Date.UTC(2030, 0, 1) };
    const guard = createCheckoutGuard({
      store: h.store,
      config: testConfig({ checkoutVelocity: { threshold: 3, windowMinutes: 10 } }),
      alerter,
      now: () => clock.t,
    });
    for (let i = 0; i < 3; i++) await guard.check('velocity-user', '192.0.2.77');
    expect(alerter.alerts).toHaveLength(0);
    const err = await rejection(guard.check('velocity-user', '192.0.2.77'));
    expect(err.code).toBe('account_under_review');
    await rejection(guard.check('velocity-user', '192.0.2.77'));
    expect((await h.store.flags.listOpen()).map((f) => [f.userId, f.reason])).toEqual([
      ['velocity-user', 'checkout_velocity_user'],
    ]);
    expect(alerter.alerts.map((a) => a.rule)).toEqual(['suspicious_activity']);

    // Many users from one IP: the IP counter trips and flags the user who crossed it.
    const ipGuard = createCheckoutGuard({
      store: h.store,
      config: testConfig({
        checkoutVelocity: { threshold: 3, windowMinutes: 10 },
        pauseCheckoutOnFlag: false,
      }),
      alerter,
      now: () => clock.t,
    });
    for (let i = 0; i < 4; i++) await ipGuard.check(`ip-user-${i}`, '198.51.100.9');
    expect(
      (await h.store.flags.listOpen())
        .filter((f) => f.reason === 'checkout_velocity_ip')
        .map((f) => f.userId),
    ).toEqual(['ip-user-3']);
    const dump = await h.dumpAll();
    expect(dump).not.toContain('198.51.100.9');
    expect(dump).not.toMatch(/ops:velocity:user:velocity-user/);
  });
});
