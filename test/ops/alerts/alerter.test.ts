import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAlerter, verifyAlertSignature } from '../../../src/ops/alerts/index.ts';
import { createMetrics } from '../../../src/ops/metrics.ts';
import { testAlerts } from '../support/config.ts';
import { captureLogger } from '../support/logs.ts';
import { type HttpReceiver, startHttpReceiver, startSmtp } from '../support/receivers.ts';

const SECRET = 'alert-signing-secret-0123456789';
let hook: HttpReceiver;
let smtp: Awaited<ReturnType<typeof startSmtp>>;

beforeAll(async () => {
  hook = await startHttpReceiver();
  smtp = await startSmtp();
});
afterAll(async () => {
  await hook.close();
  await smtp.close();
});
beforeEach(() => {
  hook.posts.length = 0;
  smtp.mails.length = 0;
});

function alerter(over: Parameters<typeof testAlerts>[0] = {}, clock = { t: Date.now() }) {
  const { logger, lines } = captureLogger();
  const metrics = createMetrics();
  const a = createAlerter({
    config: testAlerts({ sinks: [{ type: 'webhook', url: hook.url, secret: SECRET }], ...over }),
    logger,
    metrics,
    now: () => clock.t,
    retry: { attempts: 3, baseMs: 10 },
  });
  return { a, lines, metrics, clock };
}

const raise = (a: ReturnType<typeof alerter>['a'], key = 'u1') =>
  a.alert({
    rule: 'suspicious_activity',
    key,
    severity: 'critical',
    title: 'Suspicious activity',
    details: { customerId: 'cus_SECRETCUSTOMER9876', apiKey: 'sk_live_abcdefghijkl' },
  });

describe('alerter', () => {
  it('signs the generic webhook with t=<unix>,v1=HMAC(t.body) that a receiver can verify', async () => {
    const { a, clock } = alerter();
    raise(a);
    await a.flush();
    expect(hook.posts).toHaveLength(1);
    const { body, headers } = hook.posts[0];
    const sig = String(headers['x-uigen-signature']);
    expect(sig).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const nowS = Math.floor(clock.t / 1000);
    expect(verifyAlertSignature(body, sig, SECRET, nowS)).toBe(true);
    expect(verifyAlertSignature(body, sig, 'another-secret', nowS)).toBe(false);
    expect(verifyAlertSignature(`${body} `, sig, SECRET, nowS)).toBe(false);
    expect(verifyAlertSignature(body, sig, SECRET, nowS + 3600)).toBe(false);
  });

  it('masks customer ids and redacts secrets in what sinks receive', async () => {
    const { a } = alerter();
    raise(a);
    await a.flush();
    const { body } = hook.posts[0];
    expect(body).not.toContain('cus_SECRETCUSTOMER9876');
    expect(body).not.toContain('sk_live_abcdefghijkl');
    expect(JSON.parse(body).details.customerId).toBe('cus_…9876');
  });

  it('suppresses the same rule+key within dedupeMinutes and sends it again after the window', async () => {
    const { a, clock, metrics } = alerter({ dedupeMinutes: 10 });
    raise(a);
    raise(a);
    clock.t += 9 * 60_000;
    raise(a);
    raise(a, 'u2'); // another key is another alert
    await a.flush();
    expect(hook.posts).toHaveLength(2);
    clock.t += 2 * 60_000;
    raise(a);
    await a.flush();
    expect(hook.posts).toHaveLength(3);
    const suppressed = (await metrics.alertsSent.get()).values.find((v) => v.labels.outcome === 'suppressed');
    expect(suppressed?.value).toBe(2);
  });

  it('gives up after the configured attempts without throwing, and logs the failure', async () => {
    const { a, lines } = alerter({ sinks: [{ type: 'slack', url: 'http://127.0.0.1:1/nothing-listens' }] });
    expect(() => raise(a)).not.toThrow();
    await a.flush();
    expect(
      lines.some((l) => l.msg === 'alert delivery failed' && l.sink === 'slack' && l.attempts === 3),
    ).toBe(true);
  });

  it('mails customers only when notifyCustomer is on and an email sink exists', async () => {
    const email = {
      type: 'email' as const,
      smtpUrl: smtp.url,
      from: 'billing@example.com',
      to: ['ops@example.com'],
    };
    const on = alerter({ sinks: [email] }).a;
    on.notifyCustomer('ann@example.org', 'payment_failed', { amount: '9.00 EUR' });
    await on.flush();
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0].to).toEqual(['ann@example.org']);
    expect(smtp.mails[0].from).toBe('billing@example.com');
    expect(smtp.mails[0].raw).toContain('9.00 EUR');

    const off = alerter({ sinks: [email], notifyCustomer: false }).a;
    off.notifyCustomer('ann@example.org', 'payment_failed', { amount: '9.00 EUR' });
    const none = alerter({ sinks: [] });
    none.a.notifyCustomer('ann@example.org', 'payment_failed', { amount: '9.00 EUR' });
    await off.flush();
    await none.a.flush();
    expect(smtp.mails).toHaveLength(1);
    expect(none.lines.some((l) => String(l.msg).includes('no email sink'))).toBe(true);
  });
});
