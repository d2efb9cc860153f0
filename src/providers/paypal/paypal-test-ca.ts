/**
 * A throw-away certificate authority for PayPal webhook tests and the sandbox emulator: PayPal signs
 * webhooks with a certificate that chains to a public root, so to exercise the real chain check locally we
 * need our own root + leaf. node:crypto can sign but not build certificates, so this writes the few DER
 * structures of an X.509 v3 certificate by hand. Keys are generated in memory per process; nothing here is
 * ever trusted outside test mode (the adapter accepts extra roots only via test-mode factory options).
 */
import { generateKeyPairSync, randomBytes, sign, X509Certificate } from 'node:crypto';

function len(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
const tlv = (tag: number, content: Buffer) =>
  Buffer.concat([Buffer.from([tag]), len(content.length), content]);
const seq = (...parts: Buffer[]) => tlv(0x30, Buffer.concat(parts));
const explicit = (n: number, content: Buffer) => tlv(0xa0 + n, content);

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const out = [40 * a + b];
  for (const n of rest) {
    const chunk = [n & 0x7f];
    for (let v = n >> 7; v > 0; v >>= 7) chunk.unshift((v & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

function time(ms: number): Buffer {
  const iso = new Date(ms).toISOString().replace(/[-:T]/g, '').slice(0, 14); // YYYYMMDDHHMMSS
  const year = Number(iso.slice(0, 4));
  return year < 2050 ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`)) : tlv(0x18, Buffer.from(`${iso}Z`));
}

const SHA256_WITH_RSA = seq(oid('1.2.840.113549.1.1.11'), Buffer.from([0x05, 0x00]));
const name = (cn: string) => seq(tlv(0x31, seq(oid('2.5.4.3'), tlv(0x0c, Buffer.from(cn, 'utf8')))));

function basicConstraints(ca: boolean): Buffer {
  const value = ca ? seq(tlv(0x01, Buffer.from([0xff]))) : seq();
  return seq(oid('2.5.29.19'), tlv(0x01, Buffer.from([0xff])), tlv(0x04, value));
}

interface CertSpec {
  subject: string;
  issuer: string;
  publicKeyDer: Buffer;
  signingKeyPem: string;
  ca: boolean;
  notBefore: number;
  notAfter: number;
}

function buildCert(s: CertSpec): string {
  const serial = randomBytes(16);
  serial[0] &= 0x7f; // positive INTEGER
  const tbs = seq(
    explicit(0, tlv(0x02, Buffer.from([2]))), // v3
    tlv(0x02, serial),
    SHA256_WITH_RSA,
    name(s.issuer),
    seq(time(s.notBefore), time(s.notAfter)),
    name(s.subject),
    s.publicKeyDer,
    explicit(3, seq(basicConstraints(s.ca))),
  );
  const signature = sign('sha256', tbs, s.signingKeyPem);
  const der = seq(tbs, SHA256_WITH_RSA, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
  return new X509Certificate(der).toString();
}

function rsaKeys() {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    publicKeyDer: publicKey.export({ type: 'spki', format: 'der' }),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

export interface TestCertificate {
  certPem: string;
  privateKeyPem: string;
}

export interface TestCertificateAuthority extends TestCertificate {
  /** Issues a leaf (not a CA) signed by this CA. Validity defaults to one day either side of now. */
  issueLeaf(opts?: { commonName?: string; notBefore?: number; notAfter?: number }): TestCertificate;
  /** Issues an intermediate CA signed by this CA (for chain tests). */
  issueIntermediate(commonName: string): TestCertificateAuthority;
}

const DAY = 86_400_000;

interface Issuer {
  commonName: string;
  privateKeyPem: string;
}

function issue(
  subject: string,
  issuer: Issuer | undefined,
  ca: boolean,
  notBefore: number,
  notAfter: number,
): TestCertificate {
  const keys = rsaKeys();
  const signer = issuer ?? { commonName: subject, privateKeyPem: keys.privateKeyPem };
  const certPem = buildCert({
    subject,
    issuer: signer.commonName,
    publicKeyDer: keys.publicKeyDer,
    signingKeyPem: signer.privateKeyPem,
    ca,
    notBefore,
    notAfter,
  });
  return { certPem, privateKeyPem: keys.privateKeyPem };
}

/** A self-signed certificate. As a root it anchors test chains; as a "leaf" it must be rejected. */
export function createSelfSigned(commonName: string, ca: boolean, now = Date.now()): TestCertificate {
  return issue(commonName, undefined, ca, now - DAY, now + 365 * DAY);
}

function authority(commonName: string, cert: TestCertificate, now: number): TestCertificateAuthority {
  const self: Issuer = { commonName, privateKeyPem: cert.privateKeyPem };
  return {
    ...cert,
    issueLeaf: (opts = {}) =>
      issue(
        opts.commonName ?? 'messageverificationcerts.sandbox.paypal.test',
        self,
        false,
        opts.notBefore ?? now - DAY,
        opts.notAfter ?? now + DAY,
      ),
    issueIntermediate: (cn) => authority(cn, issue(cn, self, true, now - DAY, now + 365 * DAY), now),
  };
}

export function createTestCertificateAuthority(
  commonName = 'uigen-pay test root',
  now = Date.now(),
): TestCertificateAuthority {
  return authority(commonName, createSelfSigned(commonName, true, now), now);
}
