import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PaymentsError, WebhookVerificationError } from '../../../src/errors.ts';
import {
  createCertStore,
  fetchCertPem,
  PAYPAL_CERT_HOSTS,
} from '../../../src/providers/paypal/paypal-cert.ts';
import {
  createSelfSigned,
  createTestCertificateAuthority,
  type TestCertificate,
  type TestCertificateAuthority,
} from '../../../src/providers/paypal/paypal-test-ca.ts';
import { signPaypalPayload } from '../../../src/providers/paypal/paypal-test-signer.ts';
import { verifyPaypalSignature } from '../../../src/providers/paypal/paypal-verify.ts';
import type { RawHeaders } from '../../../src/providers/types.ts';

const WEBHOOK_ID = '8PT597110X687430LKGECATA';
const CERT_URL = 'https://api-m.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-test';
const body = readFileSync(
  new URL('../../fixtures/webhooks/paypal/PAYMENT.CAPTURE.COMPLETED.json', import.meta.url),
);

let ca: TestCertificateAuthority;
let leaf: TestCertificate;
let otherCa: TestCertificateAuthority;
const NOW = Date.now();

beforeAll(() => {
  ca = createTestCertificateAuthority('test root A', NOW);
  leaf = ca.issueLeaf();
  otherCa = createTestCertificateAuthority('test root B', NOW);
});

/** Deps whose fetcher serves `pem` for every URL and counts calls. */
function deps(pem = () => leaf.certPem, now = () => NOW) {
  const fetchCert = vi.fn(async (_url: string) => pem());
  const certs = createCertStore({ fetchCert, roots: [], testRoots: [new X509Certificate(ca.certPem)], now });
  return {
    fetchCert,
    d: { webhookId: WEBHOOK_ID, policy: { hosts: PAYPAL_CERT_HOSTS, origins: [] }, certs, now },
  };
}

function sign(over: Partial<Parameters<typeof signPaypalPayload>[1]> = {}, b: Buffer | string = body) {
  return signPaypalPayload(b, {
    webhookId: WEBHOOK_ID,
    certUrl: CERT_URL,
    privateKeyPem: leaf.privateKeyPem,
    time: new Date(NOW).toISOString(),
    ...over,
  });
}

async function reason(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => {
      throw new Error('expected verification to fail');
    },
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(WebhookVerificationError);
  return (e as WebhookVerificationError).reason;
}

describe('PayPal webhook verification (local)', () => {
  it('accepts a correctly signed event and parses it', async () => {
    const { d } = deps();
    const ev = await verifyPaypalSignature(body, sign(), d);
    expect(ev).toMatchObject({
      provider: 'paypal',
      id: 'WH-1A0000000000000AC',
      type: 'PAYMENT.CAPTURE.COMPLETED',
    });
    expect(ev.createdAt).toBe(Date.parse('2026-11-28T10:00:00.000Z'));
  });

  it('rejects missing headers, a malformed signature and a signature by another key', async () => {
    const { d } = deps();
    const headers: RawHeaders = sign();
    delete headers['paypal-transmission-sig'];
    expect(await reason(verifyPaypalSignature(body, headers, d))).toMatch(/missing/);
    expect(
      await reason(verifyPaypalSignature(body, { ...sign(), 'paypal-transmission-sig': '%%%' }, d)),
    ).toMatch(/malformed/);
    const forged = sign({ privateKeyPem: otherCa.issueLeaf().privateKeyPem });
    expect(await reason(verifyPaypalSignature(body, forged, d))).toMatch(/mismatch/);
  });

  it('rejects a tampered body and an event signed for another webhook id', async () => {
    const { d } = deps();
    const tampered = Buffer.from(body.toString().replace('99.00', '0.01'));
    expect(await reason(verifyPaypalSignature(tampered, sign(), d))).toMatch(/mismatch/);
    expect(await reason(verifyPaypalSignature(body, sign({ webhookId: 'WH-OTHER' }), d))).toMatch(/mismatch/);
  });

  it('accepts only SHA256withRSA', async () => {
    const { d, fetchCert } = deps();
    for (const algo of ['SHA1withRSA', 'sha256withrsa', 'SHA256withECDSA']) {
      expect(await reason(verifyPaypalSignature(body, sign({ authAlgo: algo }), d))).toMatch(/algorithm/);
    }
    expect(fetchCert).not.toHaveBeenCalled();
  });

  it('rejects stale and future transmission times at the edges', async () => {
    const { d } = deps();
    const at = (s: number) => sign({ time: new Date(NOW + s * 1000).toISOString() });
    await expect(verifyPaypalSignature(body, at(-299), d)).resolves.toBeTruthy();
    await expect(verifyPaypalSignature(body, at(59), d)).resolves.toBeTruthy();
    expect(await reason(verifyPaypalSignature(body, at(-301), d))).toMatch(/too old/);
    expect(await reason(verifyPaypalSignature(body, at(61), d))).toMatch(/future/);
    expect(
      await reason(verifyPaypalSignature(body, { ...at(0), 'paypal-transmission-time': 'yesterday' }, d)),
    ).toMatch(/time/);
  });

  it('uses the unsigned CRC32 (a body whose crc32 has the high bit set)', async () => {
    let b = '';
    for (let i = 0; ; i++) {
      b = body.toString().replace('"summary": "payment.capture.completed"', `"summary": "n${i}"`);
      if (crc32(b) >= 2 ** 31) break;
    }
    const { d } = deps();
    await expect(verifyPaypalSignature(Buffer.from(b), sign({}, b), d)).resolves.toBeTruthy();
    // A signer that renders the CRC as a signed int32 produces a different message → rejected.
    const { sign: rsaSign } = await import('node:crypto');
    const headers = sign({}, b);
    const msg = `${headers['paypal-transmission-id']}|${headers['paypal-transmission-time']}|${WEBHOOK_ID}|${crc32(b) | 0}`;
    headers['paypal-transmission-sig'] = rsaSign('sha256', Buffer.from(msg), leaf.privateKeyPem).toString(
      'base64',
    );
    expect(await reason(verifyPaypalSignature(Buffer.from(b), headers, d))).toMatch(/mismatch/);
  });

  it.each([
    ['http scheme', 'http://api-m.sandbox.paypal.com/v1/notifications/certs/x', /not https/],
    ['other host', 'https://evil.example/v1/notifications/certs/x', /not allowed/],
    ['lookalike host', 'https://api.paypal.com.evil.example/cert', /not allowed/],
    ['subdomain', 'https://x.api.paypal.com/cert', /not allowed/],
    ['userinfo', 'https://api.paypal.com@evil.example/cert', /userinfo/],
    ['user:pass', 'https://u:p@api.paypal.com/cert', /userinfo/],
    ['IPv4 host', 'https://203.0.113.7/cert', /IP/],
    ['IPv6 host', 'https://[::1]/cert', /IP/],
    ['other port', 'https://api.paypal.com:8443/cert', /port/],
    ['not a URL', 'api.paypal.com/cert', /malformed/],
  ])('rejects a cert URL with %s without fetching it', async (_n, url, re) => {
    const { d, fetchCert } = deps();
    expect(await reason(verifyPaypalSignature(body, sign({ certUrl: url }), d))).toMatch(re);
    expect(fetchCert).not.toHaveBeenCalled();
  });

  it('rejects a self-signed leaf, a leaf from an untrusted CA, an expired leaf and a CA as leaf', async () => {
    const selfSigned = createSelfSigned('messageverificationcerts.paypal.com', false, NOW);
    const foreign = otherCa.issueLeaf();
    const expired = ca.issueLeaf({ notBefore: NOW - 10 * 86_400_000, notAfter: NOW - 86_400_000 });
    const cases: Array<[TestCertificate, RegExp]> = [
      [selfSigned, /not trusted/],
      [foreign, /not trusted/],
      [expired, /expired/],
      [ca, /CA/],
    ];
    for (const [cert, re] of cases) {
      const { d } = deps(() => cert.certPem);
      expect(
        await reason(verifyPaypalSignature(body, sign({ privateKeyPem: cert.privateKeyPem }), d)),
      ).toMatch(re);
    }
  });

  it('under a public (non-test) root, the leaf must be issued to a paypal.com name', async () => {
    // Root A plays a public root here: it vouches for websites, so a leaf for another name must not pass.
    const roots = [new X509Certificate(ca.certPem)];
    const make = (cn: string) => {
      const l = ca.issueLeaf({ commonName: cn });
      const fetchCert = async () => l.certPem;
      const certs = createCertStore({ fetchCert, roots, now: () => NOW });
      const d = {
        webhookId: WEBHOOK_ID,
        policy: { hosts: PAYPAL_CERT_HOSTS, origins: [] },
        certs,
        now: () => NOW,
      };
      return verifyPaypalSignature(body, sign({ privateKeyPem: l.privateKeyPem }), d);
    };
    await expect(make('messageverificationcerts.paypal.com')).resolves.toBeTruthy();
    await expect(make('messageverificationcerts.sandbox.paypal.com')).resolves.toBeTruthy();
    for (const cn of ['evil.example', 'paypal.com.evil.example', 'notpaypal.com']) {
      expect(await reason(make(cn))).toMatch(/not issued to PayPal/);
    }
  });

  it('accepts a chain through an intermediate shipped in the same PEM bundle', async () => {
    const inter = ca.issueIntermediate('test intermediate');
    const l = inter.issueLeaf();
    const { d } = deps(() => l.certPem + inter.certPem);
    await expect(
      verifyPaypalSignature(body, sign({ privateKeyPem: l.privateKeyPem }), d),
    ).resolves.toBeTruthy();
    const { d: noInter } = deps(() => l.certPem);
    expect(
      await reason(verifyPaypalSignature(body, sign({ privateKeyPem: l.privateKeyPem }), noInter)),
    ).toMatch(/not trusted/);
  });

  it('caches the certificate by URL and does not cache a failed fetch', async () => {
    const { d, fetchCert } = deps();
    await verifyPaypalSignature(body, sign(), d);
    await verifyPaypalSignature(body, sign(), d);
    expect(fetchCert).toHaveBeenCalledTimes(1);

    let fail = true;
    const flaky = deps(() => {
      if (fail) throw new PaymentsError('provider_unavailable', 'x', 503);
      return leaf.certPem;
    });
    await expect(verifyPaypalSignature(body, sign(), flaky.d)).rejects.toMatchObject({ status: 503 });
    fail = false;
    await expect(verifyPaypalSignature(body, sign(), flaky.d)).resolves.toBeTruthy();
    expect(flaky.fetchCert).toHaveBeenCalledTimes(2);
  });

  it('stops accepting a cached certificate once it expires', async () => {
    let now = NOW;
    const shortLived = ca.issueLeaf({ notBefore: NOW - 1000, notAfter: NOW + 60_000 });
    const { d } = deps(
      () => shortLived.certPem,
      () => now,
    );
    await expect(
      verifyPaypalSignature(body, sign({ privateKeyPem: shortLived.privateKeyPem }), d),
    ).resolves.toBeTruthy();
    now = NOW + 120_000;
    const later = sign({ privateKeyPem: shortLived.privateKeyPem, time: new Date(now).toISOString() });
    expect(await reason(verifyPaypalSignature(body, later, d))).toMatch(/expired/);
  });
});

describe('fetchCertPem (default fetcher)', () => {
  let server: Server;
  let base: string;
  const hits: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      if (req.url === '/redirect') {
        res.writeHead(302, { location: '/cert' }).end();
      } else if (req.url === '/cert') {
        res.writeHead(200, { 'content-type': 'application/x-pem-file' }).end(leaf.certPem);
      } else if (req.url === '/boom') {
        res.writeHead(500).end();
      } else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('does not follow redirects', async () => {
    hits.length = 0;
    await expect(fetchCertPem(`${base}/redirect`)).rejects.toMatchObject({ reason: 'cert url redirected' });
    expect(hits).toEqual(['/redirect']);
  });

  it('maps 404 to a verification failure and 5xx/network errors to 503', async () => {
    await expect(fetchCertPem(`${base}/missing`)).rejects.toBeInstanceOf(WebhookVerificationError);
    await expect(fetchCertPem(`${base}/boom`)).rejects.toMatchObject({ status: 503 });
    await expect(fetchCertPem('http://127.0.0.1:1/cert')).rejects.toMatchObject({ status: 503 });
  });

  it('verifies end to end against an allowlisted test origin', async () => {
    const certs = createCertStore({
      fetchCert: fetchCertPem,
      roots: [],
      testRoots: [new X509Certificate(ca.certPem)],
      now: () => NOW,
    });
    const d = {
      webhookId: WEBHOOK_ID,
      policy: { hosts: PAYPAL_CERT_HOSTS, origins: [base] },
      certs,
      now: () => NOW,
    };
    await expect(verifyPaypalSignature(body, sign({ certUrl: `${base}/cert` }), d)).resolves.toBeTruthy();
  });
});
