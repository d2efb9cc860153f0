import { describe, expect, test } from 'vitest';
import { DIALECTS, openMany, storeOpener } from './harness.ts';

describe.each(DIALECTS)('audit log contract (%s)', (_name, h) => {
  const open = storeOpener();

  const fill = async (s: Awaited<ReturnType<typeof open>>, n: number) => {
    for (let i = 1; i <= n; i++) {
      await s.audit.append({
        actor: 'admin:alice',
        action: 'refund.created',
        subject: `pay_${i}`,
        details: { amount: i * 100 },
        at: 1_000 + i,
      });
    }
  };

  test('rows chain by hash; details are stored redacted', async () => {
    const s = await open(await h.freshUrl());
    await fill(s, 3);
    const e = await s.audit.append({
      actor: 'system',
      action: 'keys.rotate',
      subject: 'k2',
      details: { apiKey: 'sk_live_abcdefghijkl', note: 'ok' },
      at: 5,
    });
    expect(JSON.parse(e.details)).toEqual({ apiKey: '[redacted]', note: 'ok' });
    const rows = await s.audit.list({ limit: 10 });
    expect(rows.map((r) => r.id)).toEqual([1, 2, 3, 4]);
    for (let i = 1; i < rows.length; i++) expect(rows[i].prevHash).toBe(rows[i - 1].hash);
    expect((await s.audit.list({ limit: 2, afterId: 2 })).map((r) => r.id)).toEqual([3, 4]);
    expect(await s.audit.verify()).toEqual({ ok: true, checked: 4 });
  });

  test('flipping one byte in a stored row makes verify name that row', async () => {
    const url = await h.freshUrl();
    const s = await open(url);
    await fill(s, 5);
    const [before] = await h.exec(url, 'select details from audit_log where id = 3');
    const details = String(before.details);
    const flipped = details.replace('300', '900');
    expect(flipped).not.toBe(details);
    await h.exec(url, 'update audit_log set details = ? where id = 3', [flipped]);
    expect(await s.audit.verify()).toMatchObject({
      ok: false,
      checked: 2,
      brokenAt: 3,
      reason: 'row contents do not match its hash',
    });
  });

  test('a deleted row or a re-hashed row is caught at the first row after it', async () => {
    const url = await h.freshUrl();
    const s = await open(url);
    await fill(s, 5);
    await h.exec(url, 'delete from audit_log where id = 2');
    expect(await s.audit.verify()).toMatchObject({ ok: false, brokenAt: 3 });

    const url2 = await h.freshUrl();
    const s2 = await open(url2);
    await fill(s2, 5);
    // An attacker who edits row 4 and recomputes its own hash still breaks row 5's link.
    const [r4] = await h.exec(url2, 'select * from audit_log where id = 4');
    const { auditHash } = await import('../../../src/store/index.ts');
    const forged = auditHash(String(r4.prev_hash), {
      id: 4,
      at: Number(r4.at),
      actor: 'admin:mallory',
      action: String(r4.action),
      subject: String(r4.subject),
      details: String(r4.details),
    });
    await h.exec(url2, 'update audit_log set actor = ?, hash = ? where id = 4', ['admin:mallory', forged]);
    expect(await s2.audit.verify()).toMatchObject({
      ok: false,
      brokenAt: 5,
      reason: 'link to the previous row does not match',
    });
  });

  test('concurrent appends from several stores keep one linear chain', async () => {
    const url = await h.freshUrl();
    // SQLite: one store per process (see harness); PostgreSQL: several pools, as several processes would have.
    const stores = h.name === 'postgres' ? await openMany(open, url, 4) : [await open(url)];
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        stores[i % stores.length].audit.append({ actor: `w${i % 4}`, action: 'a', subject: `s${i}`, at: i }),
      ),
    );
    const rows = await stores[0].audit.list({ limit: 100 });
    expect(rows.map((r) => r.id)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(await stores[0].audit.verify()).toEqual({ ok: true, checked: 40 });
  });
});
