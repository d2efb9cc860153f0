/** Flag-for-review when several worker processes apply failed payments for one user at the same moment. */
import { describe, expect, it } from 'vitest';
import { createOpsHooks } from '../../src/ops/hooks.ts';
import type { NormalizedEvent } from '../../src/providers/types.ts';
import type { Store } from '../../src/store/types.ts';
import { openTestStore, uid } from '../webhooks/harness.ts';
import { testConfig } from './support/config.ts';
import { captureLogger } from './support/logs.ts';

describe('failed payments → flag under concurrency (PostgreSQL)', () => {
  it('two worker processes applying failures at once still create exactly one flag and one suspicious-activity alert', async () => {
    const pg = await openTestStore('postgres');
    try {
      const config = testConfig();
      const alerts: string[] = [];
      // Every call reads "not flagged yet" before any of them writes: the race two workers really have.
      const N = 8;
      let arrived = 0;
      let release!: () => void;
      const allArrived = new Promise<void>((r) => {
        release = r;
      });
      const racing: Store = {
        ...pg.store,
        flags: {
          ...pg.store.flags,
          async isFlagged(userId) {
            const flagged = await pg.store.flags.isFlagged(userId);
            if (++arrived === N) release();
            await allArrived;
            return flagged;
          },
        },
      };
      const hooks = [1, 2].map(() =>
        createOpsHooks({
          store: racing,
          config,
          alerter: {
            alert: (a) => void alerts.push(a.rule),
            notifyCustomer: () => {},
            flush: async () => {},
          },
          logger: captureLogger().logger,
        }),
      );
      const userId = uid('user');
      const events: NormalizedEvent[] = [];
      for (let i = 0; i < N; i++) {
        const paymentId = uid('pi');
        await pg.store.payments.record({
          provider: 'stripe',
          providerPaymentId: paymentId,
          userId,
          subscriptionId: null,
          amount: 2900,
          currency: 'usd',
          status: 'failed',
          failureCode: 'card_declined',
          createdAt: Date.now(),
        });
        events.push({
          kind: 'payment.failed',
          provider: 'stripe',
          eventId: uid('evt'),
          type: 'invoice.payment_failed',
          occurredAt: Date.now(),
          paymentId,
          amount: 2900,
          currency: 'usd',
        });
      }
      await Promise.all(
        events.map((e, i) => hooks[i % 2].onApplied(e, { outcome: 'applied', userId, kind: e.kind })),
      );
      expect((await pg.store.flags.listOpen()).filter((f) => f.userId === userId)).toHaveLength(1);
      expect(alerts.filter((r) => r === 'suspicious_activity')).toHaveLength(1);
      expect(alerts.filter((r) => r === 'payment_failed')).toHaveLength(8);
    } finally {
      await pg.close();
    }
  });
});
