/**
 * PayPal's signing certificate: where it may come from, how it is fetched and cached, and the chain check.
 * The cert URL arrives in a request header, so it is attacker-controlled until proven otherwise: only
 * https on an exact PayPal host (no userinfo, no IP literal, no port but 443), no redirects followed, a
 * size and time cap on the fetch, and a chain that ends at a trusted root with every certificate in date.
 */

import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { rootCertificates } from 'node:tls';
import { ProviderError, WebhookVerificationError } from '../../errors.ts';

/** Hosts PayPal serves webhook certificates from (exact match, no subdomains). */
export const PAYPAL_CERT_HOSTS: readonly string[] = [
  'api.paypal.com',
  'api-m.paypal.com',
  'api.sandbox.paypal.com',
  'api-m.sandbox.paypal.com',
];

const MAX_CERT_BYTES = 64 * 1024;
const FETCH_TIMEOUT_MS = 5000;
const MAX_CHAIN = 6;
const MAX_CACHED = 32;

export interface CertUrlPolicy {
  /** Exact hostnames allowed over https:443. */
  hosts: readonly string[];
  /** Exact origins (`http://127.0.0.1:5123`) allowed as-is: the local sandbox, test mode only. */
  origins: readonly string[];
}

/** Throws unless `raw` is a cert URL we are willing to fetch. */
export function checkCertUrl(raw: string, policy: CertUrlPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookVerificationError('cert url malformed');
  }
  if (url.username || url.password) throw new WebhookVerificationError('cert url has userinfo');
  if (policy.origins.includes(url.origin)) return url;
  if (url.protocol !== 'https:') throw new WebhookVerificationError('cert url not https');
  if (url.port !== '' && url.port !== '443') throw new WebhookVerificationError('cert url port not allowed');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) throw new WebhookVerificationError('cert url host is an IP');
  if (!policy.hosts.includes(host.toLowerCase()))
    throw new WebhookVerificationError('cert url host not allowed');
  return url;
}

/** Default fetcher: no redirects, bounded in time and size. Network trouble is ours (503), not the sender's. */
export async function fetchCertPem(url: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  } catch (cause) {
    throw new ProviderError(
      'paypal',
      'provider_unavailable',
      'PayPal certificate could not be fetched',
      503,
      { cause },
    );
  }
  if (res.status >= 300 && res.status < 400) throw new WebhookVerificationError('cert url redirected');
  if (res.status >= 500)
    throw new ProviderError('paypal', 'provider_unavailable', 'PayPal certificate could not be fetched', 503);
  if (res.status !== 200) throw new WebhookVerificationError('cert url not found');
  const body = Buffer.from(await res.arrayBuffer());
  if (body.length > MAX_CERT_BYTES) throw new WebhookVerificationError('cert too large');
  return body.toString('utf8');
}

export function parsePemBundle(pem: string): X509Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  try {
    return blocks.slice(0, MAX_CHAIN).map((b) => new X509Certificate(b));
  } catch {
    throw new WebhookVerificationError('cert unparseable');
  }
}

function inDate(cert: X509Certificate, nowMs: number): boolean {
  return Date.parse(cert.validFrom) <= nowMs && nowMs <= Date.parse(cert.validTo);
}

const issuedBy = (cert: X509Certificate, issuer: X509Certificate) =>
  cert.checkIssued(issuer) && cert.verify(issuer.publicKey);

/**
 * Walks leaf → intermediates (from the same bundle) → a trusted root. Returns the leaf and the root it
 * chains to. Every certificate on the path must be in date, and every issuer must be a CA.
 */
export function validateChain(
  bundle: X509Certificate[],
  roots: readonly X509Certificate[],
  nowMs: number,
): { leaf: X509Certificate; root: X509Certificate; validFrom: number; validTo: number } {
  const [leaf, ...pool] = bundle;
  if (!leaf) throw new WebhookVerificationError('cert missing');
  if (leaf.ca) throw new WebhookVerificationError('cert is a CA, not a signing leaf');
  let cur = leaf;
  let validFrom = Number.NEGATIVE_INFINITY;
  let validTo = Number.POSITIVE_INFINITY;
  const within = (c: X509Certificate) => {
    validFrom = Math.max(validFrom, Date.parse(c.validFrom));
    validTo = Math.min(validTo, Date.parse(c.validTo));
    return inDate(c, nowMs);
  };
  for (let depth = 0; depth < MAX_CHAIN; depth++) {
    if (!within(cur)) throw new WebhookVerificationError('cert expired or not yet valid');
    const root = roots.find((r) => issuedBy(cur, r));
    if (root) {
      if (!within(root)) throw new WebhookVerificationError('root expired');
      return { leaf, root, validFrom, validTo };
    }
    const next = pool.find((c) => c !== cur && c.ca && issuedBy(cur, c));
    if (!next) throw new WebhookVerificationError('cert chain not trusted');
    cur = next;
  }
  throw new WebhookVerificationError('cert chain too long');
}

let systemRoots: X509Certificate[] | undefined;
/** Node's bundled Mozilla roots (they include the DigiCert roots PayPal's certificates chain to). */
export function defaultTrustedRoots(): X509Certificate[] {
  systemRoots ??= rootCertificates.map((pem) => new X509Certificate(pem));
  return systemRoots;
}

/** PayPal's signing certificates are issued to `messageverificationcerts[.sandbox].paypal.com`. */
const PAYPAL_SUBJECT = /^CN=([a-z0-9-]+\.)*paypal\.com$/im;

/**
 * A public root vouches for any website's certificate, not only PayPal's: a leaf that chains to one must also
 * name PayPal. Leaves under a test root (the sandbox CA, test mode only) are exempt.
 */
function assertPaypalSubject(leaf: X509Certificate): void {
  if (!PAYPAL_SUBJECT.test(leaf.subject)) throw new WebhookVerificationError('cert not issued to PayPal');
}

export interface CertStore {
  /** The validated signing certificate behind `url` (already policy-checked by the caller). */
  leafFor(url: URL): Promise<X509Certificate>;
}

/**
 * Caches the fetched bundle by URL (PayPal reuses one cert for many deliveries) together with the validated
 * chain's validity window: signatures are checked on first use only, dates on every use, so a cached cert
 * that expires stops verifying. Failed fetches are not cached; a chain that fails is re-checked next time.
 */
export function createCertStore(opts: {
  fetchCert: (url: string) => Promise<string>;
  /** Public roots (production): leaves must be issued to a paypal.com name. */
  roots: readonly X509Certificate[];
  /** Test-mode roots (the sandbox CA): any leaf they issued is accepted. */
  testRoots?: readonly X509Certificate[];
  now: () => number;
}): CertStore {
  const testRoots = opts.testRoots ?? [];
  const allRoots = [...testRoots, ...opts.roots];
  const cache = new Map<string, Promise<X509Certificate[]>>();
  const validated = new Map<string, { leaf: X509Certificate; validFrom: number; validTo: number }>();
  return {
    async leafFor(url) {
      const key = url.href;
      const now = opts.now();
      const known = validated.get(key);
      if (known && known.validFrom <= now && now <= known.validTo) return known.leaf;
      let entry = cache.get(key);
      if (!entry) {
        entry = opts.fetchCert(key).then(parsePemBundle);
        cache.set(key, entry);
        if (cache.size > MAX_CACHED) {
          const oldest = cache.keys().next().value as string;
          cache.delete(oldest);
          validated.delete(oldest);
        }
        entry.catch(() => cache.delete(key));
      }
      const { leaf, root, validFrom, validTo } = validateChain(await entry, allRoots, now);
      if (!testRoots.includes(root)) assertPaypalSubject(leaf);
      validated.set(key, { leaf, validFrom, validTo });
      return leaf;
    },
  };
}
