import { describe, expect, it } from 'vitest';
import { isPlaceholder } from '../../../src/audit/scan/patterns.ts';
import { scanSecrets } from '../../../src/audit/scan/secrets.ts';

// Key bodies only: the prefixes are added at run time so this file itself holds nothing key-shaped.
const RANDOM_BODIES = [
  '4f9QzR2mXb7LkT1vWc8NdY3s',
  'Hq2w9ZrT6uLmB1xVn4KcP8yA0eJd',
  'p3N7kXv2QsR9mW4tYb6LcZ1h',
];
const sk = (mode: string, body: string) => `${['sk', mode].join('_')}_${body}`;

describe('scanSecrets', () => {
  it('finds every pattern with its line and redacts to prefix + last 4', () => {
    const body = RANDOM_BODIES[0];
    const text = ['first line', `const a = "${sk('live', body)}";`, '', `whsec_${RANDOM_BODIES[1]}`].join(
      '\n',
    );
    const hits = scanSecrets(text);
    expect(hits.map((h) => [h.line, h.redacted, h.verdict])).toEqual([
      [2, `sk_live_…${body.slice(-4)}`, 'fail'],
      [4, `whsec_…${RANDOM_BODIES[1].slice(-4)}`, 'fail'],
    ]);
  });

  it('treats typed stand-ins as placeholders but not random key bodies', () => {
    for (const fake of [
      '51AbCdEfGhIjKlMnOp',
      'SuperSecretValue0001',
      'bench000000000000',
      'your_key_here',
      'abcdefghijkl',
    ]) {
      expect(isPlaceholder(fake), fake).toBe(true);
    }
    for (const real of RANDOM_BODIES) expect(isPlaceholder(real), real).toBe(false);
  });

  it('counts a PayPal secret only next to a client id, and a PEM header only with key material', () => {
    const id = `A${RANDOM_BODIES[1]}${RANDOM_BODIES[2]}`;
    const secret = `E${RANDOM_BODIES[2]}${RANDOM_BODIES[0]}`;
    expect(scanSecrets(`client_secret: ${secret}`)).toEqual([]);
    expect(scanSecrets(`client_id: ${id}\nclient_secret: ${secret}`).map((h) => h.line)).toEqual([2]);
    const header = ['-----BEGIN', 'RSA PRIVATE KEY-----'].join(' ');
    expect(scanSecrets(`${header}\n`)).toEqual([]);
    expect(scanSecrets(`${header}\n${RANDOM_BODIES.join('')}\n`).map((h) => h.patternId)).toEqual([
      'private-key',
    ]);
  });
});
