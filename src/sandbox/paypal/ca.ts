/**
 * The sandbox's PayPal signing identity: a test root and a leaf. The app trusts the root only through the
 * adapter's test-mode `trustedRoots` option (see plugin.ts providerOptions). Made once per process in
 * memory, or — when given a directory (e.g. `.uigen/`) — kept there so a second process (`uigen-pay webhooks
 * send` next to a running `dev`) signs with the same certificate the app already trusts.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createTestCertificateAuthority,
  type TestCertificate,
} from '../../providers/paypal/paypal-test-ca.ts';

export interface SandboxPaypalIdentity {
  rootPem: string;
  leaf: TestCertificate;
}

export const CERT_PATH = '/paypal/v1/notifications/certs/CERT-uigen-sandbox';
const FILE = 'paypal-sandbox-identity.json';
const YEAR_MS = 365 * 86_400_000;

const cache = new Map<string, SandboxPaypalIdentity>();

function create(): SandboxPaypalIdentity {
  const ca = createTestCertificateAuthority('uigen-pay sandbox PayPal test root');
  const leaf = ca.issueLeaf({
    commonName: 'messageverificationcerts.sandbox.uigen.test',
    notAfter: Date.now() + YEAR_MS,
  });
  return { rootPem: ca.certPem, leaf };
}

function load(path: string): SandboxPaypalIdentity | undefined {
  try {
    const v = JSON.parse(readFileSync(path, 'utf8')) as SandboxPaypalIdentity;
    return v?.rootPem && v.leaf?.certPem && v.leaf.privateKeyPem ? v : undefined;
  } catch {
    return undefined;
  }
}

export function sandboxPaypalIdentity(dir?: string): SandboxPaypalIdentity {
  const key = dir ?? '';
  let id = cache.get(key);
  if (id) return id;
  const path = dir ? join(dir, FILE) : undefined;
  id = (path && existsSync(path) ? load(path) : undefined) ?? create();
  if (path && !existsSync(path)) {
    mkdirSync(dir as string, { recursive: true });
    // A test-only key, but still a private key: owner-readable only.
    writeFileSync(path, JSON.stringify(id), { mode: 0o600 });
  }
  cache.set(key, id);
  return id;
}
