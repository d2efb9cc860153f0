import { describe, expect, test } from 'vitest';
import { generateDevKeys, generateKeyEntry } from '../../../src/store/index.ts';
import { DIALECTS, KEYS, storeOpener } from './harness.ts';

const PLAINTEXT_ID = 'cus_ZZtest123';

describe.each(DIALECTS)('encryption at rest contract (%s)', (_name, h) => {
  const open = storeOpener();

  test(`the customer id ${PLAINTEXT_ID} and webhook payloads are nowhere in the stored bytes`, async () => {
    const url = await h.freshUrl();
    const s = await open(url);
    await s.customers.upsert({ userId: 'user_plain', provider: 'stripe', customerId: PLAINTEXT_ID, now: 1 });
    await s.inbox.insert({
      provider: 'stripe',
      eventId: 'evt_plain',
      type: 'customer.updated',
      receivedAt: 1,
      payload: JSON.stringify({ data: { object: { id: PLAINTEXT_ID, email: 'zz-plain@example.com' } } }),
    });
    await s.erasures.record({ userId: 'other', provider: 'stripe', customerId: PLAINTEXT_ID, now: 2 });
    expect(await s.customers.findUserIdByCustomer('stripe', PLAINTEXT_ID)).toBe('user_plain');
    const dump = await h.dumpAll(url);
    // The dump is real: it holds rows we wrote in the clear.
    expect(dump).toContain('user_plain');
    expect(dump).toContain('evt_plain');
    for (const needle of [PLAINTEXT_ID, 'ZZtest123', 'zz-plain@example.com'])
      expect(dump).not.toContain(needle);
    // Nor as UTF-16 or base64 of the bare id.
    expect(dump).not.toContain(Buffer.from(PLAINTEXT_ID, 'utf16le').toString('latin1'));
    expect(dump).not.toContain(Buffer.from(PLAINTEXT_ID).toString('base64').slice(0, 16));
  });

  test('tampered ciphertext fails loudly with decrypt_failed and returns nothing', async () => {
    const url = await h.freshUrl();
    const s = await open(url);
    await s.customers.upsert({ userId: 'u1', provider: 'stripe', customerId: 'cus_tamper', now: 1 });
    const [row] = await h.exec(url, 'select customer_id_enc as v from billing_profiles');
    const env = String(row.v);
    const [v, kid, iv, ct, tag] = env.split(':');
    const ctBytes = Buffer.from(ct, 'base64');
    ctBytes[0] ^= 0x01;
    const variants = {
      'flipped bit': [v, kid, iv, ctBytes.toString('base64'), tag].join(':'),
      'truncated tag': [v, kid, iv, ct, Buffer.from(tag, 'base64').subarray(0, 12).toString('base64')].join(
        ':',
      ),
      'unknown kid': [v, 'k9', iv, ct, tag].join(':'),
    };
    for (const [what, bad] of Object.entries(variants)) {
      await h.exec(url, 'update billing_profiles set customer_id_enc = ?', [bad]);
      const err = await s.customers.findByUser('u1').then(
        (r) => ({ returned: r }),
        (e) => e,
      );
      expect(err, what).toMatchObject({ code: 'decrypt_failed' });
      expect(String(err.message)).not.toContain('cus_tamper');
    }
    await h.exec(url, 'update billing_profiles set customer_id_enc = ?', [env]);
    expect((await s.customers.findByUser('u1'))[0].customerId).toBe('cus_tamper');
  });

  test('claim dead-letters a row whose payload no longer decrypts and hands out the others', async () => {
    const url = await h.freshUrl();
    const s = await open(url);
    for (const id of ['evt_ok_1', 'evt_bad', 'evt_ok_2']) {
      await s.inbox.insert({
        provider: 'stripe',
        eventId: id,
        type: 't',
        payload: `{"id":"${id}"}`,
        receivedAt: 1,
      });
    }
    await h.exec(
      url,
      "update webhook_inbox set payload_enc = replace(payload_enc, 'v1:k1:', 'v1:k0:') where event_id = 'evt_bad'",
    );
    const claimed = await s.inbox.claim('w', { now: 10, leaseMs: 1_000, limit: 10 });
    expect(claimed.map((r) => r.eventId)).toEqual(['evt_ok_1', 'evt_ok_2']);
    const [bad] = await h.exec(
      url,
      "select status, last_error from webhook_inbox where event_id = 'evt_bad'",
    );
    expect(bad).toEqual({ status: 'dead', last_error: 'decrypt_failed' });
    await expect(s.inbox.get('stripe', 'evt_bad')).rejects.toMatchObject({ code: 'decrypt_failed' });
    expect(await s.inbox.claim('w', { now: 5_000, leaseMs: 1_000, limit: 10 })).toHaveLength(2);
  });

  test('key rotation: old kid still decrypts before rotation; rotate re-encrypts all, resumably, under the new key', async () => {
    const url = await h.freshUrl();
    const old = await open(url);
    for (let i = 0; i < 7; i++) {
      await old.inbox.insert({
        provider: 'stripe',
        eventId: `evt_rot_${i}`,
        type: 't',
        payload: `{"n":${i}}`,
        receivedAt: i,
      });
      await old.customers.upsert({ userId: `u${i}`, provider: 'stripe', customerId: `cus_rot_${i}`, now: i });
    }
    const newKey = generateKeyEntry('k2');
    const rotated = await open(url, { encryptionKeys: `${newKey},${KEYS.encryptionKeys}`, migrate: false });
    expect(rotated.keyRotation).toBeDefined();
    expect((await rotated.inbox.get('stripe', 'evt_rot_3'))?.payload).toBe('{"n":3}');
    expect(await rotated.keyRotation.countStale()).toBe(14);
    // New writes already use the active key.
    await rotated.customers.upsert({ userId: 'fresh', provider: 'stripe', customerId: 'cus_fresh', now: 9 });
    expect(await rotated.keyRotation.countStale()).toBe(14);

    expect(await rotated.keyRotation.reencryptBatch(5)).toBe(5);
    expect(await rotated.keyRotation.countStale()).toBe(9);
    let batches = 0;
    while ((await rotated.keyRotation.reencryptBatch(5)) > 0) batches++;
    expect(batches).toBe(2);
    expect(await rotated.keyRotation.countStale()).toBe(0);
    const kids = await h.exec(
      url,
      'select payload_enc as v from webhook_inbox union all select customer_id_enc as v from billing_profiles',
    );
    expect(kids.map((r) => String(r.v).split(':')[1])).toEqual(Array(15).fill('k2'));

    const onlyNew = await open(url, { encryptionKeys: newKey, migrate: false });
    expect((await onlyNew.customers.findByUser('u6'))[0].customerId).toBe('cus_rot_6');
    expect(await onlyNew.customers.findUserIdByCustomer('stripe', 'cus_rot_2')).toBe('u2');
    const onlyOld = await open(url, { encryptionKeys: KEYS.encryptionKeys, migrate: false });
    await expect(onlyOld.inbox.get('stripe', 'evt_rot_0')).rejects.toMatchObject({ code: 'decrypt_failed' });
  });

  test('rotation stops on a value that does not decrypt and writes nothing from that batch', async () => {
    const url = await h.freshUrl();
    const s = await open(url);
    await s.customers.upsert({ userId: 'u1', provider: 'stripe', customerId: 'cus_1', now: 1 });
    await s.customers.upsert({ userId: 'u2', provider: 'stripe', customerId: 'cus_2', now: 1 });
    await h.exec(
      url,
      "update billing_profiles set customer_id_enc = replace(customer_id_enc, 'v1:k1:', 'v1:k0:') where user_id = 'u2'",
    );
    const rotated = await open(url, {
      encryptionKeys: `${generateKeyEntry('k2')},${KEYS.encryptionKeys}`,
      migrate: false,
    });
    await expect(rotated.keyRotation.reencryptBatch(10)).rejects.toMatchObject({ code: 'decrypt_failed' });
    expect(await rotated.keyRotation.countStale()).toBe(2);
  });

  test('a store opened with other keys cannot read, and bad key settings refuse to open', async () => {
    const url = await h.freshUrl();
    const s = await open(url);
    await s.customers.upsert({ userId: 'u1', provider: 'stripe', customerId: 'cus_x', now: 1 });
    const stranger = await open(url, { ...generateDevKeys(), migrate: false });
    await expect(stranger.customers.findByUser('u1')).rejects.toMatchObject({ code: 'decrypt_failed' });
    expect(await stranger.customers.findUserIdByCustomer('stripe', 'cus_x')).toBeUndefined();
    await expect(open(url, { encryptionKeys: 'k1:c2hvcnQ=' })).rejects.toMatchObject({
      code: 'invalid_config',
    });
  });
});
