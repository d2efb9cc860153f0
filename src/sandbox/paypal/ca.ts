/**
 * The sandbox's PayPal signing identity: a test root and a leaf, made once per process in memory. The app
 * trusts the root only through the adapter's test-mode `trustedRoots` option (see plugin.ts providerOptions).
 */
import {
  createTestCertificateAuthority,
  type TestCertificate,
} from '../../providers/paypal/paypal-test-ca.ts';

export interface SandboxPaypalIdentity {
  rootPem: string;
  leaf: TestCertificate;
}

let identity: SandboxPaypalIdentity | undefined;

export function sandboxPaypalIdentity(): SandboxPaypalIdentity {
  if (!identity) {
    const ca = createTestCertificateAuthority('uigen-pay sandbox PayPal test root');
    identity = {
      rootPem: ca.certPem,
      leaf: ca.issueLeaf({
        commonName: 'messageverificationcerts.sandbox.uigen.test',
        notAfter: Date.now() + 365 * 86_400_000,
      }),
    };
  }
  return identity;
}

export const CERT_PATH = '/paypal/v1/notifications/certs/CERT-uigen-sandbox';
