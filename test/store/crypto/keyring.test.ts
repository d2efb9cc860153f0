import { randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { ConfigError } from '../../../src/errors.ts';
import { createBlindIndex, DecryptError, generateDevKeys, parseKeyring } from '../../../src/store/index.ts';

const key = (n = 32) => randomBytes(n).toString('base64');

describe('parseKeyring', () => {
  test('refuses short keys, bad base64, duplicate kids and empty settings with messages naming the problem', () => {
    const cases: Array<[string, RegExp]> = [
      [`k1:${key(16)}`, /key 'k1' is 16 bytes; AES-256 needs exactly 32/],
      ['k1:not base64!!', /key 'k1' is not valid base64/],
      [`k1:${key()},k1:${key()}`, /key id 'k1' appears twice/],
      [`${key()}`, /entry 1 needs the form kid:base64/],
      [' , ', /no keys given/],
    ];
    for (const [spec, msg] of cases) {
      const err = (() => {
        try {
          parseKeyring(spec);
        } catch (e) {
          return e as ConfigError;
        }
      })();
      expect(err, spec).toBeInstanceOf(ConfigError);
      expect(err!.message).toMatch(msg);
      expect(err!.message.startsWith('UIGEN_ENCRYPTION_KEYS: ')).toBe(true);
      // Never echoes key material.
      for (const part of spec.split(/[,:]/)) if (part.length > 8) expect(err!.message).not.toContain(part);
    }
  });

  test('first key is active; every key decrypts; envelope carries the kid', () => {
    const k1 = `k1:${key()}`;
    const k2 = `k2:${key()}`;
    const old = parseKeyring(k1);
    const both = parseKeyring(`${k2}, ${k1}`);
    expect(both.activeKid).toBe('k2');
    const env = old.encrypt('cus_abc', 'ctx');
    expect(env).toMatch(/^v1:k1:[A-Za-z0-9+/=]{16}:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]{24}$/);
    expect(both.decrypt(env, 'ctx')).toBe('cus_abc');
    expect(both.kidOf(both.encrypt('x', 'ctx'))).toBe('k2');
    expect(old.encrypt('cus_abc', 'ctx')).not.toBe(env); // random IV
    expect(old.decrypt(old.encrypt('', 'ctx'), 'ctx')).toBe('');
  });

  test('never reuses an IV: 3,000 encryptions (several refills of the IV block) give 3,000 distinct IVs', () => {
    const ring = parseKeyring(`k1:${key()}`);
    const ivs = new Set<string>();
    for (let i = 0; i < 3_000; i++) {
      const env = ring.encrypt(`payload ${i}`, 'ctx');
      ivs.add(env.split(':')[2]);
      if (i % 500 === 0) expect(ring.decrypt(env, 'ctx')).toBe(`payload ${i}`);
    }
    expect(ivs.size).toBe(3_000);
  });

  test('every single flipped bit, a wrong context, or a truncated tag throws DecryptError', () => {
    const ring = parseKeyring(generateDevKeys().encryptionKeys);
    const env = ring.encrypt('cus_ZZtest123', 'col');
    const [v, kid, iv, ct, tag] = env.split(':');
    const raw = Buffer.concat([
      Buffer.from(iv, 'base64'),
      Buffer.from(ct, 'base64'),
      Buffer.from(tag, 'base64'),
    ]);
    for (let bit = 0; bit < raw.length * 8; bit++) {
      const b = Buffer.from(raw);
      b[bit >> 3] ^= 1 << (bit & 7);
      const bad = [
        v,
        kid,
        b.subarray(0, 12).toString('base64'),
        b.subarray(12, b.length - 16).toString('base64'),
        b.subarray(b.length - 16).toString('base64'),
      ].join(':');
      expect(() => ring.decrypt(bad, 'col'), `bit ${bit}`).toThrow(DecryptError);
    }
    expect(() => ring.decrypt(env, 'other-col')).toThrow(DecryptError);
    const short = [v, kid, iv, ct, Buffer.from(tag, 'base64').subarray(0, 4).toString('base64')].join(':');
    expect(() => ring.decrypt(short, 'col')).toThrow(/bad tag/);
    expect(() => ring.decrypt('cus_ZZtest123', 'col')).toThrow(/malformed envelope/);
    expect(() => ring.decrypt(env.replace(':k1:', ':k7:'), 'col')).toThrow(/unknown key id 'k7'/);
  });
});

describe('blind index', () => {
  test('is deterministic per key, differs across keys and parts, and rejects short keys', () => {
    const k = key();
    const a = createBlindIndex(k);
    expect(a.of('customer', 'stripe', 'cus_1')).toBe(createBlindIndex(k).of('customer', 'stripe', 'cus_1'));
    expect(a.of('customer', 'stripe', 'cus_1')).not.toBe(
      createBlindIndex(key()).of('customer', 'stripe', 'cus_1'),
    );
    expect(a.of('ab', 'c')).not.toBe(a.of('a', 'bc'));
    expect(a.of('x')).toMatch(/^[0-9a-f]{64}$/);
    expect(() => createBlindIndex(key(16))).toThrow(/UIGEN_BLIND_INDEX_KEY: is 16 bytes/);
    expect(() => createBlindIndex('%%%')).toThrow(/not valid base64/);
  });
});
