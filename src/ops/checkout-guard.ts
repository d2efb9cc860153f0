/**
 * Checked before every new checkout: the global pause switch (incident response: stop new charges while webhooks
 * keep flowing), a flagged user's account review, and checkout velocity per user and per IP. Counters live in the
 * shared rate-limit table, so N server processes see one count.
 */
import { PaymentsError } from '../errors.ts';
import type { PaymentsConfig } from '../spec/types.ts';
import type { Store } from '../store/types.ts';
import type { Alerter } from './alerts/types.ts';
import { flagForReview } from './flagging.ts';
import { opaqueKey } from './opaque.ts';

/** Settings key of the global pause switch ('1' = paused). */
export const CHECKOUT_PAUSED_KEY = 'checkout.paused';

export interface CheckoutGuardDeps {
  store: Store;
  config: PaymentsConfig;
  alerter: Alerter;
  now?: () => number;
}

export interface CheckoutGuard {
  /** Throws `checkout_paused` (503) or `account_under_review` (403); otherwise counts the attempt. */
  check(userId: string, ip: string): Promise<void>;
}

export async function isCheckoutPaused(store: Store): Promise<boolean> {
  return (await store.settings.get(CHECKOUT_PAUSED_KEY)) === '1';
}

/** Flips the global switch and audits who did it. */
export async function setCheckoutPaused(
  store: Store,
  paused: boolean,
  actor: string,
  now: number,
): Promise<void> {
  await store.transaction(async (tx) => {
    await tx.settings.set(CHECKOUT_PAUSED_KEY, paused ? '1' : '0', now);
    await tx.audit.append({
      actor,
      action: paused ? 'checkout.paused' : 'checkout.resumed',
      subject: 'checkout',
      at: now,
    });
  });
}

const underReview = () =>
  new PaymentsError('account_under_review', 'your account is under review; checkout is unavailable', 403);

export function createCheckoutGuard(deps: CheckoutGuardDeps): CheckoutGuard {
  const { store, config, alerter } = deps;
  const now = deps.now ?? Date.now;

  return {
    async check(userId, ip) {
      if (await isCheckoutPaused(store)) {
        throw new PaymentsError(
          'checkout_paused',
          'checkout is temporarily paused; please try again later',
          503,
        );
      }
      const pauseFlagged = config.alerts.pauseCheckoutOnFlag;
      if (pauseFlagged && (await store.flags.isFlagged(userId))) throw underReview();

      const { threshold, windowMinutes } = config.alerts.checkoutVelocity;
      const windowMs = windowMinutes * 60_000;
      const at = now();
      const perUser = await store.rateLimits.hit(`ops:velocity:user:${opaqueKey(userId)}`, windowMs, at);
      const perIp = await store.rateLimits.hit(`ops:velocity:ip:${opaqueKey(ip)}`, windowMs, at);
      const scope = perUser.count > threshold ? 'user' : perIp.count > threshold ? 'ip' : undefined;
      if (!scope) return;
      const count = scope === 'user' ? perUser.count : perIp.count;
      const flagId = await flagForReview(
        { store, alerter },
        {
          userId,
          reason: `checkout_velocity_${scope}`,
          summary: `${count} checkout attempts per ${scope} within ${windowMinutes} minutes`,
          // The flag keeps an opaque IP reference (same key as the counter), the alert a masked IP.
          details: { attempts: count, windowMinutes, ipRef: scope === 'ip' ? opaqueKey(ip) : undefined },
          alertDetails: scope === 'ip' ? { ip } : undefined,
          now: at,
          windowMs,
        },
      );
      if (pauseFlagged && flagId !== undefined) throw underReview();
    },
  };
}
